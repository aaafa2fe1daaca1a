// Subscribes to the event bus and hands the reducer batches of actions, at most once per
// `intervalMs`: a burst of thousands of events costs one render, not thousands. Execution
// updates are coalesced per id and copied at flush time (the latest state is what we show).
//
// No Execution is kept between two flushes: one held for even a few milliseconds survives the
// young-generation collection and is promoted, and with thousands of executions a second the
// old generation then fills with dead executions that only a full collection frees (measured:
// +550,000 objects and +90 MB RSS in a served run). So a running execution is remembered by id
// and read back at flush time; a finished one (its last update, usually) is copied into a small
// row at once. Log entries wait in a small ring (at most `maxPendingLogs` of them).
//
// Under load the pending map is capped, so an update can be dropped; every flush therefore also
// re-reads the running rows on screen (`shown`) and corrects those the store has moved on from
// (finished or deleted meanwhile): a row never stays RUNNING for an execution that ended.

import type { Execution } from '../executions/model.ts';
import { runSummaryText } from '../testsuites/model.ts';
import type {} from '../testsuites/service.ts';
import type { LogEntry } from '../logs/model.ts';
import type { EventBus } from '../shared/events.ts';
import { isTerminal } from '../executions/state.ts';
import type { Action } from './actions.ts';
import type { ExecRow } from './model.ts';
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
  /** the current state of an execution (running ones are read back at flush time) */
  lookup(tenant: string, id: string): Execution | undefined;
  /** the running rows on screen now: checked against the store at each flush */
  shown?: () => Iterable<ExecRow>;
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
  const maxLogs = Math.max(1, o.maxPendingLogs ?? 500);
  const maxExecutions = o.maxPendingExecutions ?? 200;
  const timers = o.timers ?? realTimers;
  let other: Action[] = [];
  // a ring of the newest `maxLogs` entries: what is alive when the young generation is collected
  // gets promoted, so the ring is small (a burst of 100,000 lines is not read on screen anyway;
  // every line is in the logs API)
  let ring: (LogEntry | undefined)[] = new Array(maxLogs);
  let logCount = 0;
  // tenant\0id → its tenant while running (read back at flush), or its row once finished
  let executions = new Map<string, string | ExecRow>();
  const keyOf = (tenant: string, id: string) => `${tenant}\u0000${id}`;
  // applied last in a batch, after any log line of the same execution still in the ring
  let deleted: string[] = [];
  let timer: unknown;
  let lastFlush = -Infinity;

  function flush() {
    if (timer !== undefined) { timers.clearTimeout(timer); timer = undefined; }
    lastFlush = timers.now();
    if (!other.length && !logCount && !executions.size && !deleted.length) return;
    // (a flush with nothing new does not re-check the screen: nothing can have changed unseen)
    const batch: Action[] = other;
    for (const [k, pending] of executions) {
      if (typeof pending !== 'string') { batch.push({ type: 'execution', row: pending }); continue; }
      const e = o.lookup(pending, k.slice(pending.length + 1));
      if (e) batch.push({ type: 'execution', row: execRow(e) });
      else deleted.push(k.slice(pending.length + 1));
    }
    for (const row of o.shown?.() ?? []) {
      if (executions.has(keyOf(row.tenant, row.id)) || deleted.includes(row.id)) continue;
      const e = o.lookup(row.tenant, row.id);
      if (!e) deleted.push(row.id);
      else if (e.state.current !== row.state) batch.push({ type: 'execution', row: execRow(e) });
    }
    for (let i = Math.max(0, logCount - maxLogs); i < logCount; i++) batch.push(logAction(ring[i % maxLogs]!));
    for (const id of deleted) batch.push({ type: 'execution.deleted', id });
    other = []; ring = new Array(maxLogs); logCount = 0; executions = new Map(); deleted = [];
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
    o.events.on('testsuite.run', ({ result }) => push({ type: 'message', text: runSummaryText(result), tone: result.state === 'SUCCESS' || result.state === 'SKIPPED' ? 'info' : 'error' })),
    o.events.on('execution.updated', ({ execution: e }) => {
      if (e.kind === 'TEST') return; // test-case executions stay out of the list, as in Kestra's UI
      // most recently updated last; only the last `maxExecutions` wait for the flush
      const k = keyOf(e.tenant, e.id);
      if (!executions.delete(k) && executions.size >= maxExecutions) executions.delete(executions.keys().next().value!);
      executions.set(k, isTerminal(e.state.current) ? execRow(e) : e.tenant);
      schedule();
    }),
    o.events.on('execution.deleted', (e) => {
      executions.delete(keyOf(e.tenant, e.id));
      deleted.push(e.id);
      schedule();
    }),
    o.events.on('log.created', (e) => {
      ring[logCount++ % maxLogs] = e.entry;
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
