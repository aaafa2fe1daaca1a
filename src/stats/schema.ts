// Indexes and derived tables the stats and task-run APIs read. They live in their own
// migration modules (append-only steps) because the base tables belong to other stores.
//
// Every aggregate query is a range scan on a covering index keyed (tenant, group key, date):
// SQLite then aggregates without the temporary sort a GROUP BY over a computed bucket needs,
// which is what keeps the stats under 50 ms over 100,000 executions.
//
// Task runs live inside the execution JSON. Re-deriving them on every save would tax the
// engine's hot path, so a trigger only marks the execution as changed (one tiny insert) and
// readers refresh the derived table first (see taskrun-index.ts).

import { migrate, requireTables, type Db } from '../shared/db.ts';

/**
 * Marks an execution changed. Not `INSERT OR IGNORE`: inside a trigger the outer statement's
 * conflict policy wins, and the store's upsert would turn a repeated mark into a failed save.
 */
const markDirty = (row: 'NEW' | 'OLD') =>
  `INSERT INTO stats_taskruns_dirty (tenant, id) SELECT ${row}.tenant, ${row}.id
   WHERE NOT EXISTS (SELECT 1 FROM stats_taskruns_dirty WHERE tenant = ${row}.tenant AND id = ${row}.id);`;

export function migrateExecutionStats(db: Db): void {
  requireTables(db, ['executions'], 'stats');
  migrate(db, 'stats-executions', [
    `CREATE INDEX stats_executions_state ON executions (tenant, state, start_date, end_date, namespace, flow_id, id);
     CREATE INDEX stats_executions_flow ON executions (tenant, namespace, flow_id, state, start_date, end_date, id);
     CREATE INDEX stats_executions_ended ON executions (tenant, namespace, flow_id, end_date);
     CREATE TABLE stats_taskruns (
       tenant TEXT NOT NULL, execution_id TEXT NOT NULL, id TEXT NOT NULL, namespace TEXT NOT NULL, flow_id TEXT NOT NULL,
       task_id TEXT NOT NULL, state TEXT NOT NULL, start_date INTEGER NOT NULL, end_date INTEGER, json TEXT NOT NULL);
     CREATE INDEX stats_taskruns_execution ON stats_taskruns (tenant, execution_id);
     CREATE INDEX stats_taskruns_state ON stats_taskruns (tenant, state, start_date, end_date, namespace, flow_id);
     CREATE INDEX stats_taskruns_start ON stats_taskruns (tenant, start_date);
     CREATE TABLE stats_taskruns_dirty (tenant TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (tenant, id)) WITHOUT ROWID;
     CREATE TRIGGER stats_taskruns_on_insert AFTER INSERT ON executions
       BEGIN ${markDirty('NEW')} END;
     CREATE TRIGGER stats_taskruns_on_update AFTER UPDATE OF json ON executions
       BEGIN ${markDirty('NEW')} END;
     CREATE TRIGGER stats_taskruns_on_delete AFTER DELETE ON executions
       BEGIN ${markDirty('OLD')} END;
     INSERT INTO stats_taskruns_dirty (tenant, id) SELECT tenant, id FROM executions`,
  ]);
}

export function migrateLogStats(db: Db): void {
  requireTables(db, ['logs'], 'stats');
  migrate(db, 'stats-logs', ['CREATE INDEX stats_logs_level ON logs (tenant, level, ts, namespace, flow_id)']);
}
