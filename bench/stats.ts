// Stats API latency over 100,000 stored executions (each with two task runs and two logs), all
// started within the default 30-day window — the worst case, since every row is aggregated.
// Requests go through `app.handle` in process, so the figures are the handler + SQL cost.

import { Elysia } from 'elysia';
import type { Execution, TaskRun } from '../src/executions/model.ts';
import type { LogEntry, LogLevel } from '../src/logs/model.ts';
import type { StateType } from '../src/executions/state.ts';
import { createExecutionStore } from '../src/executions/store.ts';
import { errorPlugin } from '../src/http/error-plugin.ts';
import { createLogStore } from '../src/logs/store.ts';
import { fakeClock } from '../src/shared/time/clock.ts';
import { openDb } from '../src/shared/db.ts';
import { statsRoutes } from '../src/stats/routes.ts';
import { createStatsService } from '../src/stats/service.ts';
import { createTaskRunIndex } from '../src/stats/taskrun-index.ts';
import { fmt, percentile } from './lib.ts';

const EXECUTIONS = 100_000;
const DAY = 86_400_000;
const NAMESPACES = ['company.team', 'company.team.sub', 'acme', 'acme.etl', 'system'];
const FLOWS_PER_NAMESPACE = 4;
const STATES: StateType[] = ['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILED', 'WARNING', 'RUNNING', 'KILLED'];
const LEVELS: LogLevel[] = ['INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];

/** A deterministic pseudo-random sequence, so every run measures the same data. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function stateOf(state: StateType, start: number, end: number) {
  return state === 'RUNNING'
    ? { current: state, histories: [{ state, date: start }] }
    : { current: state, histories: [{ state: 'RUNNING' as StateType, date: start }, { state, date: end }] };
}

function seed(now: number) {
  const db = openDb(false);
  const store = createExecutionStore(db);
  const logs = createLogStore(db);
  const rnd = random(42);
  const started = performance.now();
  const entries: LogEntry[] = [];
  db.transaction(() => {
    for (let i = 0; i < EXECUTIONS; i++) {
      const namespace = NAMESPACES[i % NAMESPACES.length]!;
      const flowId = `flow-${Math.floor(i / NAMESPACES.length) % FLOWS_PER_NAMESPACE}`;
      const id = `exec${i.toString(36).padStart(8, '0')}`;
      const start = now - Math.floor(rnd() * 30 * DAY);
      const state = STATES[Math.floor(rnd() * STATES.length)]!;
      const end = start + 200 + Math.floor(rnd() * 60_000);
      const taskRunList: TaskRun[] = ['extract', 'load'].map((taskId, k) => ({
        id: `${id}-${k}`, executionId: id, namespace, flowId, taskId, outputs: k ? null : { rows: i },
        state: stateOf(k && state === 'RUNNING' ? 'RUNNING' : k ? state : 'SUCCESS', start + k * 100, start + (k + 1) * 100),
      }));
      const e: Execution = {
        tenant: 'main', id, namespace, flowId, flowRevision: 1, taskRunList, labels: [{ key: 'env', value: i % 2 ? 'dev' : 'prod' }],
        state: stateOf(state, start, end), originalId: id, deleted: false, metadata: { attemptNumber: 1, originalCreatedDate: start },
      };
      store.save(e);
      for (let k = 0; k < 2; k++) {
        entries.push({ tenant: 'main', namespace, flowId, executionId: id, taskId: 'extract', taskRunId: `${id}-0`, attemptNumber: 1,
          timestamp: start + k, level: LEVELS[Math.floor(rnd() * LEVELS.length)]!, thread: 'worker', message: `row ${i}` });
      }
    }
  })();
  logs.insert(entries);
  return { db, seedMs: performance.now() - started };
}

const ENDPOINTS: [string, unknown][] = [
  ['summary', {}],
  ['executions/daily', {}],
  ['executions/daily/group-by-flow', {}],
  ['executions/daily/group-by-namespace', {}],
  ['executions/latest/group-by-flow', { flows: NAMESPACES.flatMap((namespace) => Array.from({ length: FLOWS_PER_NAMESPACE }, (_, f) => ({ namespace, id: `flow-${f}` }))) }],
  ['logs/daily', {}],
  ['taskruns/daily', {}],
];

export interface StatsBenchResult {
  executions: number;
  seedMs: number;
  /** first task-run read after the bulk load: derives 200,000 task-run rows */
  taskRunRefreshMs: number;
  endpoints: Record<string, { p50: number; p95: number }>;
}

export async function run(iterations = 40): Promise<StatsBenchResult> {
  const now = Date.UTC(2025, 0, 31, 12);
  const { db, seedMs } = seed(now);
  const clock = fakeClock(now);
  const taskRuns = createTaskRunIndex(db);
  const stats = createStatsService({ db, clock, timeZone: 'UTC', taskRuns, countFlows: () => 20, countTriggers: () => 0 });
  const app = new Elysia().use(errorPlugin()).use(statsRoutes({ stats }));
  const call = async (path: string, body: unknown) => {
    const res = await app.handle(new Request(`http://localhost/api/v1/stats/${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    }));
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text}`);
    return text;
  };

  const refreshStart = performance.now();
  taskRuns.refresh();
  const taskRunRefreshMs = performance.now() - refreshStart;

  const endpoints: StatsBenchResult['endpoints'] = {};
  for (const [path, body] of ENDPOINTS) {
    for (let i = 0; i < 3; i++) await call(path, body); // warm-up: statement compilation, page cache
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      await call(path, body);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    endpoints[path] = { p50: percentile(times, 50), p95: percentile(times, 95) };
  }
  db.close();
  return { executions: EXECUTIONS, seedMs, taskRunRefreshMs, endpoints };
}

export function print(r: StatsBenchResult): void {
  console.log(`stats seed: ${fmt(r.executions)} executions (+${fmt(r.executions * 2)} task runs, ${fmt(r.executions * 2)} logs) in ${fmt(r.seedMs)} ms; task-run table refresh ${fmt(r.taskRunRefreshMs)} ms`);
  for (const [name, v] of Object.entries(r.endpoints)) {
    console.log(`stats ${name}: p50 ${fmt(v.p50, 1)} ms, p95 ${fmt(v.p95, 1)} ms (target <= 50 ms)`);
  }
}

if (import.meta.main) print(await run());
