// Fixtures for dashboard tests: rows, live executions, manual timers and fake deps.

import type { Execution, TaskRun } from '../../src/executions/model.ts';
import type { LogEntry, LogLevel } from '../../src/logs/model.ts';
import type { Input } from '../../src/flows/model.ts';
import { newState, withState, type StateType } from '../../src/executions/state.ts';
import type { Action } from '../../src/dashboard/actions.ts';
import type { DashboardDeps, DashboardInfo } from '../../src/dashboard/deps.ts';
import type { Timers } from '../../src/dashboard/event-collector.ts';
import type { ControlVerb } from '../../src/dashboard/keymap.ts';
import type { ExecRow } from '../../src/dashboard/model.ts';
import { createEventBus, type EventBus } from '../../src/shared/events.ts';

export const T0 = Date.UTC(2026, 0, 15, 9, 30, 0);

export function row(id: string, state: StateType = 'RUNNING', over: Partial<ExecRow> = {}): ExecRow {
  return { id, tenant: 'main', namespace: 'company.team', flowId: 'hello', state, start: T0, tasks: [], ...over };
}

export const log = (executionId: string, message: string, level: LogLevel = 'INFO', taskId = 't1'): Action =>
  ({ type: 'log', executionId, taskId, level, timestamp: T0, message });

export function execution(id: string, flowId = 'hello', at = T0): Execution {
  return {
    tenant: 'main', id, namespace: 'company.team', flowId, flowRevision: 1, taskRunList: [], labels: [],
    state: newState(at), originalId: id, deleted: false, metadata: { attemptNumber: 1, originalCreatedDate: at },
  };
}

export function taskRun(e: Execution, id: string, taskId: string, state: StateType, at: number, parentTaskRunId?: string): TaskRun {
  let s = newState(at, 'CREATED');
  if (state !== 'CREATED') s = withState(s, state, at + 10);
  const t: TaskRun = { id, executionId: e.id, namespace: e.namespace, flowId: e.flowId, taskId, outputs: null, state: s, attempts: [{ state: s }] };
  if (parentTaskRunId) t.parentTaskRunId = parentTaskRunId;
  return t;
}

export const logEntry = (executionId: string, message: string, level: LogLevel = 'INFO', taskId = 'say'): LogEntry => ({
  tenant: 'main', namespace: 'company.team', flowId: 'hello', taskId, executionId, attemptNumber: 0, timestamp: T0 + 5, level, thread: 'main', message,
});

/** Timers advanced by hand: `fire()` runs whatever the code under test scheduled. */
export function manualTimers(start = 0) {
  let now = start;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let seq = 0;
  const timers: Timers & { advance(ms: number): void; fire(): void; pending(): number } = {
    now: () => now,
    setTimeout(fn, ms) { const id = ++seq; pending.set(id, { at: now + ms, fn }); return id; },
    clearTimeout(h) { pending.delete(h as number); },
    advance(ms) { now += ms; },
    fire() {
      for (const [id, t] of [...pending]) { pending.delete(id); if (t.at > now) now = t.at; t.fn(); }
    },
    pending: () => pending.size,
  };
  return timers;
}

export const INFO: DashboardInfo = { url: 'http://127.0.0.1:8080', flowsDir: 'flows', watching: true, storage: 'in memory', auth: false, version: '0.1.0' };

export interface FakeDeps extends DashboardDeps {
  calls: { run: [string, string, Map<string, string>][]; control: [ControlVerb, string][]; quit: number };
  bus: EventBus;
}

/** Stands in for the execution store: the latest execution emitted on the bus, by tenant and id. */
export function executionLookup(bus: EventBus): (tenant: string, id: string) => Execution | undefined {
  const seen = new Map<string, Execution>();
  bus.on('execution.updated', (e) => void seen.set(`${e.execution.tenant}\u0000${e.execution.id}`, e.execution));
  bus.on('execution.deleted', (e) => void seen.delete(`${e.tenant}\u0000${e.id}`));
  return (tenant, id) => seen.get(`${tenant}\u0000${id}`);
}

export function fakeDeps(over: Partial<DashboardDeps> = {}, inputs: Input[] = []): FakeDeps {
  const bus = createEventBus();
  const calls: FakeDeps['calls'] = { run: [], control: [], quit: 0 };
  return {
    bus, calls, events: bus, execution: executionLookup(bus), info: INFO, now: () => T0 + 1000,
    seed: () => ({ type: 'seed', flows: [{ tenant: 'main', namespace: 'company.team', id: 'hello', revision: 1 }], invalid: [], executions: [] }),
    flowInputs: () => inputs,
    run: async (_t, ns, id, values) => { calls.run.push([ns, id, values]); return 'new1'; },
    control: async (verb, _t, id) => { calls.control.push([verb, id]); return `${verb} ${id}`; },
    quit: () => { calls.quit++; },
    ...over,
  };
}

/** Lets React and Ink process what was just written or dispatched (event-loop turns, no sleep). */
export async function until(check: () => boolean, turns = 200): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (check()) return;
    await new Promise((r) => setImmediate(r));
  }
  if (!check()) throw new Error('condition not met');
}
