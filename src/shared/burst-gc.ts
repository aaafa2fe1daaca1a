// One full garbage collection after each burst of work. Under load the engine promotes many
// short-lived objects (executions, log entries caught alive by a young-generation collection)
// into the old generation; when the burst ends the server goes idle, nothing allocates, and no
// collection would reclaim them: tens of MB stay resident until the next burst. So: count engine
// events per window; after a busy window, the first quiet one runs `collect` once (a full
// collection of a ~100 MB heap takes tens of milliseconds nobody waits on). No timer runs while
// the server is idle.

import type { Clock, TimerHandle } from './time/clock.ts';
import type { EventBus } from './events.ts';

export interface BurstGcOptions {
  events: EventBus;
  clock: Pick<Clock, 'setTimer'>;
  collect(): void;
  windowMs?: number;
  /** events in one window that make it busy */
  busyEvents?: number;
}

export function watchBursts(o: BurstGcOptions): () => void {
  const windowMs = o.windowMs ?? 1000;
  const threshold = o.busyEvents ?? 2000;
  let count = 0;
  let busy = false;
  let timer: TimerHandle | undefined;

  const endOfWindow = () => {
    timer = undefined;
    const wasBusy = count >= threshold;
    count = 0;
    if (wasBusy) { busy = true; timer = o.clock.setTimer(windowMs, endOfWindow); return; }
    if (busy) { busy = false; o.collect(); }
  };
  const seen = () => {
    count++;
    timer ??= o.clock.setTimer(windowMs, endOfWindow);
  };
  const offs = [o.events.on('execution.updated', seen), o.events.on('log.created', seen)];
  return () => {
    offs.forEach((off) => off());
    timer?.cancel();
    timer = undefined;
  };
}
