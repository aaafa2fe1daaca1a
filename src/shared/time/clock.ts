// Time is injected everywhere so tests can drive it. The fake clock runs timers when advanced,
// never on its own, so tests step through schedules without real sleeps.

export type TimerHandle = { cancel(): void };

export interface Clock {
  now(): number;                                   // epoch milliseconds
  setTimer(delayMs: number, fn: () => void): TimerHandle;
}

export function systemClock(): Clock {
  return {
    now: () => Date.now(),
    setTimer(delayMs, fn) {
      const t = setTimeout(fn, Math.max(0, delayMs));
      return { cancel: () => clearTimeout(t) };
    },
  };
}

export interface FakeClock extends Clock {
  /** Moves time forward, firing due timers in time order (timers may schedule more timers). */
  advance(ms: number): void;
  set(epochMs: number): void;
  pendingTimers(): number;
  /** when the earliest pending timer is due (epoch ms), undefined when none is (the admin API steps through these) */
  nextDue(): number | undefined;
}

/** A clock that only moves when told (tests, `serve --clock fake`). */
export const isFakeClock = (clock: Clock): clock is FakeClock =>
  typeof (clock as Partial<FakeClock>).advance === 'function' && typeof (clock as Partial<FakeClock>).nextDue === 'function';

export function fakeClock(start = Date.UTC(2025, 0, 1)): FakeClock {
  let current = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const runDue = (until: number) => {
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of timers) if (entry[1].at <= until && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      timers.delete(next[0]);
      current = Math.max(current, next[1].at);
      next[1].fn();
    }
    current = until;
  };
  return {
    now: () => current,
    setTimer(delayMs, fn) {
      const id = ++seq;
      timers.set(id, { at: current + Math.max(0, delayMs), fn });
      return { cancel: () => void timers.delete(id) };
    },
    advance: (ms) => runDue(current + ms),
    set: (epochMs) => runDue(epochMs),
    pendingTimers: () => timers.size,
    nextDue() {
      let at: number | undefined;
      for (const t of timers.values()) if (at === undefined || t.at < at) at = t.at;
      return at;
    },
  };
}

/** ISO-8601 instant with millisecond precision, as Kestra's SQL backends return them. */
export const isoInstant = (epochMs: number) => new Date(epochMs).toISOString();
