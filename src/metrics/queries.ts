// Read queries behind the Metrics API (api-contract §3.9) over the metrics table that
// store.ts owns: paged per-execution reads, distinct names and task ids, time-bucketed aggregates.

import type { Statement } from 'bun:sqlite';
import type { MetricEntry } from './model.ts';
import { statement, migrate, requireTables, type Db } from '../shared/db.ts';
import type { Window } from '../shared/time/buckets.ts';

export const METRIC_SORT_FIELDS: Record<string, string> = {
  namespace: 'namespace', flowId: 'flow_id', taskId: 'task_id', executionId: 'execution_id', taskrunId: 'task_run_id',
  taskRunId: 'task_run_id', name: 'name', timestamp: 'ts', value: 'value',
};

export const AGGREGATIONS = ['sum', 'avg', 'min', 'max', 'count'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const isAggregation = (v: string): v is Aggregation => (AGGREGATIONS as readonly string[]).includes(v);

type AggStatement = Statement<{ v: number | null; n: number }, (string | number)[]>;

interface Row {
  tenant: string; namespace: string; flow_id: string; task_id: string | null; execution_id: string | null; task_run_id: string | null;
  type: string; name: string; value: number; ts: number; tags: string;
}

const fromRow = (r: Row): MetricEntry => {
  const m: MetricEntry = {
    tenant: r.tenant, namespace: r.namespace, flowId: r.flow_id, type: r.type as MetricEntry['type'], name: r.name,
    value: Number(r.value), timestamp: r.ts, tags: JSON.parse(r.tags),
  };
  if (r.task_id !== null) m.taskId = r.task_id;
  if (r.execution_id !== null) m.executionId = r.execution_id;
  if (r.task_run_id !== null) m.taskRunId = r.task_run_id;
  return m;
};

export interface MetricAggregations { groupBy: string; aggregations: { name?: string; value: number; date: number }[] }

export interface MetricQueries {
  byExecution(tenant: string, executionId: string, by: { taskId?: string; taskRunId?: string }, sort: { field: string; asc: boolean }[], limit: number, offset: number): { results: MetricEntry[]; total: number };
  names(tenant: string, namespace: string, flowId: string, taskId?: string): string[];
  tasks(tenant: string, namespace: string, flowId: string): string[];
  aggregate(tenant: string, namespace: string, flowId: string, taskId: string | undefined, metric: string, aggregation: Aggregation, win: Window): MetricAggregations;
}

/** Needs the metrics table: create the metric store first. */
export function createMetricQueries(db: Db): MetricQueries {
  requireTables(db, ['metrics'], 'metric queries');
  // aggregates scan one metric's rows by time range
  migrate(db, 'metrics-queries', ['CREATE INDEX metrics_name_ts ON metrics (tenant, namespace, flow_id, name, ts)']);
  const flowNames = statement<{ name: string }, [string, string, string]>(db, 'SELECT DISTINCT name FROM metrics WHERE tenant = ? AND namespace = ? AND flow_id = ? ORDER BY name');
  const taskNames = statement<{ name: string }, [string, string, string, string]>(db, 'SELECT DISTINCT name FROM metrics WHERE tenant = ? AND namespace = ? AND flow_id = ? AND task_id = ? ORDER BY name');
  const taskIds = statement<{ task_id: string }, [string, string, string]>(db, 'SELECT DISTINCT task_id FROM metrics WHERE tenant = ? AND namespace = ? AND flow_id = ? AND task_id IS NOT NULL ORDER BY task_id');
  // the SQL function name comes from the closed AGGREGATIONS list, never from the request text
  const aggregateSql = (a: Aggregation, byTask: boolean) =>
    `SELECT ${a}(value) AS v, count(*) AS n FROM metrics INDEXED BY metrics_name_ts
     WHERE tenant = ? AND namespace = ? AND flow_id = ? AND name = ? AND ts >= ? AND ts < ?${byTask ? ' AND task_id = ?' : ''}`;
  const aggregates = Object.fromEntries(AGGREGATIONS.map((a) => [a, {
    flow: db.query(aggregateSql(a, false)) as AggStatement,
    task: db.query(aggregateSql(a, true)) as AggStatement,
  }])) as Record<Aggregation, { flow: AggStatement; task: AggStatement }>;

  return {
    byExecution(tenant, executionId, by, sort, limit, offset) {
      const parts = ['tenant = ?', 'execution_id = ?'];
      const args: (string | number)[] = [tenant, executionId];
      // taskId wins over taskRunId, as in Kestra
      if (by.taskId) { parts.push('task_id = ?'); args.push(by.taskId); }
      else if (by.taskRunId) { parts.push('task_run_id = ?'); args.push(by.taskRunId); }
      const where = parts.join(' AND ');
      const order = sort.map((s) => `${METRIC_SORT_FIELDS[s.field] ?? 'ts'} ${s.asc ? 'ASC' : 'DESC'}`).concat('ts', 'seq').join(', ');
      const total = db.query<{ n: number }, (string | number)[]>(`SELECT count(*) AS n FROM metrics WHERE ${where}`).get(...args)!.n;
      // the ORDER BY varies with the request: prepare it uncached
      const page = db.prepare<Row, (string | number)[]>(`SELECT * FROM metrics WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`);
      try {
        return { results: page.all(...args, limit, offset).map(fromRow), total };
      } finally {
        page.finalize();
      }
    },
    names: (tenant, namespace, flowId, taskId) =>
      (taskId === undefined ? flowNames.all(tenant, namespace, flowId) : taskNames.all(tenant, namespace, flowId, taskId)).map((r) => r.name),
    tasks: (tenant, namespace, flowId) => taskIds.all(tenant, namespace, flowId).map((r) => r.task_id),
    aggregate(tenant, namespace, flowId, taskId, metric, aggregation, win) {
      const stmt = taskId === undefined ? aggregates[aggregation].flow : aggregates[aggregation].task;
      const tail = taskId === undefined ? [] : [taskId];
      return {
        groupBy: win.groupBy,
        aggregations: win.buckets.map((b) => {
          const r = stmt.get(tenant, namespace, flowId, metric, b.lo, b.hi, ...tail)!;
          // an empty bucket has value 0 and no name
          return r.n ? { name: metric, value: Number(r.v), date: b.start } : { value: 0, date: b.start };
        }),
      };
    },
  };
}
