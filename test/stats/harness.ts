// A small app over the stats, metrics and task-run route plugins on a memory database, with a
// fake clock and builders for executions (with task runs), logs and metrics at fixed dates.

import { createApp } from '../../src/http/app.ts';
import type { Execution, TaskRun } from '../../src/executions/model.ts';
import type { MetricEntry } from '../../src/metrics/model.ts';
import type { LogEntry, LogLevel } from '../../src/logs/model.ts';
import type { StateType } from '../../src/executions/state.ts';
import { createExecutionStore } from '../../src/executions/store.ts';
import { taskRunRoutes } from '../../src/stats/taskrun-routes.ts';
import { createLogStore } from '../../src/logs/store.ts';
import { createMetricQueries } from '../../src/metrics/queries.ts';
import { metricRoutes } from '../../src/metrics/routes.ts';
import { createMetricStore } from '../../src/metrics/store.ts';
import { fakeClock } from '../../src/shared/time/clock.ts';
import { openDb } from '../../src/shared/db.ts';
import { statsRoutes } from '../../src/stats/routes.ts';
import { createStatsService } from '../../src/stats/service.ts';
import { createTaskRunIndex } from '../../src/stats/taskrun-index.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** "now" in every test: 2025-01-31T12:00:00Z */
export const NOW = Date.UTC(2025, 0, 31, 12);

export interface Run { state: StateType; start: number; end?: number }

/** A state whose history starts at `start` and, when `end` is given, ends there in `state`. */
function stateOf({ state, start, end }: Run) {
  return end === undefined
    ? { current: state, histories: [{ state, date: start }] }
    : { current: state, histories: [{ state: 'CREATED' as StateType, date: start }, { state, date: end }] };
}

export function taskRun(executionId: string, id: string, taskId: string, run: Run, over: Partial<TaskRun> = {}): TaskRun {
  return { id, executionId, namespace: 'company.team', flowId: 'hello', taskId, outputs: null, state: stateOf(run), ...over };
}

export function execution(id: string, run: Run, over: Partial<Execution> = {}): Execution {
  const e: Execution = {
    tenant: 'main', id, namespace: 'company.team', flowId: 'hello', flowRevision: 1, taskRunList: [], labels: [],
    state: stateOf(run), originalId: id, deleted: false, metadata: { attemptNumber: 1, originalCreatedDate: run.start }, ...over,
  };
  e.taskRunList = e.taskRunList.map((t) => ({ ...t, executionId: id, namespace: e.namespace, flowId: e.flowId }));
  return e;
}

export function logEntry(timestamp: number, level: LogLevel, over: Partial<LogEntry> = {}): LogEntry {
  return { tenant: 'main', namespace: 'company.team', flowId: 'hello', executionId: 'e1', taskId: 't', taskRunId: 'tr', attemptNumber: 0, timestamp, level, thread: 'main', message: 'hello', ...over };
}

export function metric(name: string, value: number, timestamp: number, over: Partial<MetricEntry> = {}): MetricEntry {
  return { tenant: 'main', namespace: 'company.team', flowId: 'hello', taskId: 't1', executionId: 'e1', taskRunId: 'tr1', type: 'counter', name, value, timestamp, tags: {}, ...over };
}

export interface HarnessOptions { timeZone?: string; flows?: number; triggers?: number }

export function harness(opts: HarnessOptions = {}) {
  const db = openDb(false);
  const executions = createExecutionStore(db);
  const logs = createLogStore(db);
  const metrics = createMetricStore(db);
  const clock = fakeClock(NOW);
  const taskRuns = createTaskRunIndex(db);
  const counted: { tenant: string; namespace?: string }[] = [];
  const stats = createStatsService({
    db, clock, timeZone: opts.timeZone ?? 'UTC', taskRuns,
    countFlows: (tenant, namespace) => { counted.push({ tenant, namespace }); return opts.flows ?? 0; },
    countTriggers: () => opts.triggers ?? 0,
  });
  const app = createApp({
    auth: { check: () => true }, maxBodyBytes: 10 * 1024 * 1024,
    modules: [
      statsRoutes({ stats }),
      metricRoutes({ metrics: createMetricQueries(db), clock, timeZone: opts.timeZone ?? 'UTC' }),
      taskRunRoutes({ taskRuns, clock }),
    ].map((module) => ({ feature: 'stats', module })),
  });

  async function send(method: string, path: string, body?: unknown, tenant?: string) {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    // a tenant goes in the path, after /api/v1, as clients send it
    const request = new Request(`http://localhost${tenant ? path.replace('/api/v1', `/api/v1/${tenant}`) : path}`, init);
    const res = await app.handle(request);
    const text = await res.text();
    let json: any;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = text; }
    return { status: res.status, body: json };
  }

  return {
    db, clock, executions, logs, metrics, counted,
    save: (...es: Execution[]) => { for (const e of es) executions.save(e); },
    post: (path: string, body?: unknown, tenant?: string) => send('POST', `/api/v1${path}`, body, tenant),
    get: (path: string, tenant?: string) => send('GET', `/api/v1${path}`, undefined, tenant),
  };
}
