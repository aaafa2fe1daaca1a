// Task metrics (engine-contract §6.2) in SQLite; the Metrics API reads them.

import { statement, migrate, type Db } from '../shared/db.ts';
import type { MetricEntry } from './model.ts';

export interface MetricStore {
  insert(entries: MetricEntry[]): void;
  byExecution(tenant: string, executionId: string): MetricEntry[];
  deleteByExecution(tenant: string, executionId: string): number;
}

export function createMetricStore(db: Db): MetricStore {
  migrate(db, 'metrics', [
    `CREATE TABLE metrics (
       seq INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL, namespace TEXT NOT NULL, flow_id TEXT NOT NULL,
       task_id TEXT, execution_id TEXT, task_run_id TEXT, type TEXT NOT NULL, name TEXT NOT NULL, value REAL NOT NULL,
       ts INTEGER NOT NULL, tags TEXT NOT NULL);
     CREATE INDEX metrics_execution ON metrics (tenant, execution_id);
     CREATE INDEX metrics_flow ON metrics (tenant, namespace, flow_id, name)`,
  ]);
  const insert = statement(db,
    'INSERT INTO metrics (tenant, namespace, flow_id, task_id, execution_id, task_run_id, type, name, value, ts, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertMany = db.transaction((entries: MetricEntry[]) => {
    for (const m of entries) insert.run(m.tenant, m.namespace, m.flowId, m.taskId ?? null, m.executionId ?? null, m.taskRunId ?? null, m.type, m.name, m.value, m.timestamp, JSON.stringify(m.tags));
  });
  const select = statement<{ [k: string]: string | number | null }, [string, string]>(db, 'SELECT * FROM metrics WHERE tenant = ? AND execution_id = ? ORDER BY seq');
  const remove = statement(db, 'DELETE FROM metrics WHERE tenant = ? AND execution_id = ?');
  return {
    insert: (entries) => { if (entries.length) insertMany(entries); },
    deleteByExecution: (tenant, executionId) => remove.run(tenant, executionId).changes,
    byExecution: (tenant, executionId) => select.all(tenant, executionId).map((r) => ({
      tenant: String(r.tenant), namespace: String(r.namespace), flowId: String(r.flow_id), taskId: (r.task_id as string) ?? undefined,
      executionId: (r.execution_id as string) ?? undefined, taskRunId: (r.task_run_id as string) ?? undefined,
      type: r.type as 'counter' | 'timer', name: String(r.name), value: Number(r.value), timestamp: Number(r.ts), tags: JSON.parse(String(r.tags)),
    })),
  };
}
