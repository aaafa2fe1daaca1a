// Task runs as rows (stats_taskruns), derived from the execution JSON. Saves only mark an
// execution as changed (schema.ts); `refresh()` re-derives the marked ones in one transaction,
// so readers pay once per batch of changes and the engine's saves stay cheap.

import type { TaskRun } from '../executions/model.ts';
import { TERMINAL, type StateType } from '../executions/state.ts';
import { statement, type Db } from '../shared/db.ts';
import { migrateExecutionStats } from './schema.ts';
import { rowConditions, FULLTEXT, type RowFilter } from './sql-filters.ts';
import type { StateSource } from './range-queries.ts';

export const TASKRUNS: StateSource = { table: 'stats_taskruns', byState: 'stats_taskruns_state', fulltext: FULLTEXT.taskruns };

/** Task runs end (carry an end date) in a terminal state or PAUSED, as executions do. */
const ENDED = [...TERMINAL, 'PAUSED'].map((s) => `'${s}'`).join(', ');

export interface TaskRunSearch extends RowFilter {
  states?: StateType[];
  startDate?: number;
  endDate?: number;
  labels?: { key: string; value: string }[];
  triggerExecutionId?: string;
  childFilter?: 'CHILD' | 'MAIN';
}

export const TASKRUN_SORT_FIELDS: Record<string, string> = {
  id: 'id', taskId: 'task_id', executionId: 'execution_id', namespace: 'namespace', flowId: 'flow_id',
  'state.current': 'state', 'state.startDate': 'start_date', 'state.endDate': 'end_date', 'state.duration': 'duration',
};

export interface TaskRunIndex {
  /** re-derives the task runs of executions changed since the last call */
  refresh(): void;
  search(tenant: string, f: TaskRunSearch, sort: { field: string; asc: boolean }[], limit: number, offset: number, now: number): { results: TaskRun[]; total: number };
}

export function createTaskRunIndex(db: Db): TaskRunIndex {
  migrateExecutionStats(db);
  const pending = statement<{ x: number }, []>(db, 'SELECT 1 AS x FROM stats_taskruns_dirty LIMIT 1');
  const derive = db.transaction(() => {
    db.run('DELETE FROM stats_taskruns WHERE (tenant, execution_id) IN (SELECT tenant, id FROM stats_taskruns_dirty)');
    db.run(`INSERT INTO stats_taskruns (tenant, execution_id, id, namespace, flow_id, task_id, state, start_date, end_date, json)
      SELECT e.tenant, e.id, t.value ->> '$.id', e.namespace, e.flow_id, t.value ->> '$.taskId', t.value ->> '$.state.current',
             t.value ->> '$.state.histories[0].date',
             CASE WHEN (t.value ->> '$.state.current') IN (${ENDED}) THEN t.value ->> '$.state.histories[#-1].date' END,
             t.value
      -- CROSS JOIN keeps the (small) dirty set as the outer loop instead of scanning executions
      FROM stats_taskruns_dirty d CROSS JOIN executions e ON e.tenant = d.tenant AND e.id = d.id, json_each(e.json, '$.taskRunList') t`);
    db.run('DELETE FROM stats_taskruns_dirty');
  });

  function conditions(tenant: string, f: TaskRunSearch) {
    const { sql, args } = rowConditions(tenant, f, FULLTEXT.taskruns);
    const parts = [sql];
    if (f.states?.length) { parts.push(`state IN (${f.states.map(() => '?').join(', ')})`); args.push(...f.states); }
    if (f.startDate !== undefined) { parts.push('start_date >= ?'); args.push(f.startDate); }
    if (f.endDate !== undefined) { parts.push('end_date IS NOT NULL AND end_date <= ?'); args.push(f.endDate); }
    // execution-level filters go through the owning execution
    const exec: string[] = [];
    for (const l of f.labels ?? []) {
      exec.push("EXISTS (SELECT 1 FROM json_each(e.labels) WHERE value ->> '$.key' = ? AND value ->> '$.value' = ?)");
      args.push(l.key, l.value);
    }
    if (f.triggerExecutionId) { exec.push('e.trigger_execution_id = ?'); args.push(f.triggerExecutionId); }
    if (f.childFilter === 'CHILD') exec.push('e.trigger_execution_id IS NOT NULL');
    if (f.childFilter === 'MAIN') exec.push('e.trigger_execution_id IS NULL');
    if (exec.length) parts.push(`EXISTS (SELECT 1 FROM executions e WHERE e.tenant = stats_taskruns.tenant AND e.id = stats_taskruns.execution_id AND ${exec.join(' AND ')})`);
    return { sql: parts.join(' AND '), args };
  }

  return {
    refresh() {
      if (pending.get()) derive();
    },
    search(tenant, f, sort, limit, offset, now) {
      const { sql, args } = conditions(tenant, f);
      const column = (field: string) => (field === 'state.duration' ? `(coalesce(end_date, ${Math.trunc(now)}) - start_date)` : TASKRUN_SORT_FIELDS[field] ?? 'start_date');
      const order = (sort.length ? sort : [{ field: 'state.startDate', asc: false }]).map((s) => `${column(s.field)} ${s.asc ? 'ASC' : 'DESC'}`).join(', ');
      const stmts = [db.prepare(`SELECT count(*) AS n FROM stats_taskruns WHERE ${sql}`), db.prepare(`SELECT json FROM stats_taskruns WHERE ${sql} ORDER BY ${order}, execution_id, id LIMIT ? OFFSET ?`)];
      try {
        const total = (stmts[0]!.get(...args) as { n: number }).n;
        const rows = stmts[1]!.all(...args, limit, offset) as { json: string }[];
        return { results: rows.map((r) => JSON.parse(r.json) as TaskRun), total };
      } finally {
        for (const s of stmts) s.finalize();
      }
    },
  };
}
