// Subscribes to the event bus and hands the reducer batches of actions, at most once per
// `intervalMs`: a burst of thousands of events costs one render, not thousands. Execution
// updates are coalesced per id and copied at flush time (the latest state is what we show).

import type { Execution } from '../executions/model.ts';
import type { EventBus } from '../shared/events.ts';
import type { Action } from './actions.ts';
import { execRow, flowChangedAction, invalidAction, logAction, syncedAction } from './snapshot.ts';

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface CollectorOptions {
  events: EventBus;
  onBatch(actions: Action[]): void;
  intervalMs?: number;
  /** the interval after a big batch: under load, fewer and larger batches cost less per event */
  busyIntervalMs?: number;
  /** a batch at least this large marks the stream busy */
  busyBatch?: number;
  /** log lines kept between two flushes; older ones would be evicted by the reducer anyway */
  maxPendingLogs?: number;
  /** executions copied per flush (the reducer keeps this many anyway) */
  maxPendingExecutions?: number;
  timers?: Timers;
}

export interface EventCollector { flush(): void; dispose(): void }

export function createEventCollector(o: CollectorOptions): EventCollector {
  const quiet = o.intervalMs ?? 100;
  // under load a person reads one refresh a second; every frame costs the engine CPU
  const busy = Math.max(quiet, o.busyIntervalMs ?? 10 * quiet);
  const busyBatch = o.busyBatch ?? 250;
  let interval = quiet;
  const maxLogs = o.maxPendingLogs ?? 2_000;
  const maxExecutions = o.maxPendingExecutions ?? 200;
  const timers = o.timers ?? realTimers;
  let other: Action[] = [];
  let logs: Action[] = [];
  let executions = new Map<string, Execution>();
  let timer: unknown;
  let lastFlush = -Infinity;

  function flush() {
    if (timer !== undefined) { timers.clearTimeout(timer); timer = undefined; }
    lastFlush = timers.now();
    if (!other.length && !logs.length && !executions.size) return;
    const batch: Action[] = other;
    // only the most recently updated executions can stay in the capped list: copy just those
    const updated = [...executions.values()];
    for (const e of updated.length > maxExecutions ? updated.slice(-maxExecutions) : updated) batch.push({ type: 'execution', row: execRow(e) });
    for (const l of logs.length > maxLogs ? logs.slice(-maxLogs) : logs) batch.push(l);
    other = []; logs = []; executions = new Map();
    interval = batch.length >= busyBatch ? busy : quiet;
    o.onBatch(batch);
  }

  function schedule() {
    if (timer !== undefined) return;
    // leading edge when idle (a single event shows at once), then at most one flush per interval
    const wait = Math.max(0, lastFlush + interval - timers.now());
    timer = timers.setTimeout(() => { timer = undefined; flush(); }, wait);
  }

  const push = (a: Action | undefined) => { if (a) { other.push(a); schedule(); } };
  const offs = [
    o.events.on('flow.changed', (e) => push(flowChangedAction(e))),
    o.events.on('flow.invalid', (e) => push(invalidAction(e))),
    o.events.on('flow.file-error', (e) => push({ type: 'flow.invalid', file: { file: e.file, message: e.message } })),
    o.events.on('flow.file-synced', (e) => push(syncedAction(e))),
    o.events.on('scheduler.next', (e) => push({ type: 'next-fire', at: e.date })),
    o.events.on('execution.updated', (e) => { executions.set(e.execution.id, e.execution); schedule(); }),
    o.events.on('log.created', (e) => {
      logs.push(logAction(e.entry));
      // amortised trim: memory stays bounded during a burst longer than one interval
      if (logs.length > 2 * maxLogs) logs = logs.slice(-maxLogs);
      schedule();
    }),
  ];

  return {
    flush,
    dispose() {
      offs.forEach((off) => off());
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
