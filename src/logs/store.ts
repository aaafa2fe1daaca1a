// Execution logs in SQLite. Insertion order (seq) breaks timestamp ties so logs read back in
// the order tasks wrote them.

import { statement, migrate, writeInTurn, type Db } from '../shared/db.ts';
import { namespaceOrChildLike } from '../shared/storage/namespace-sql.ts';
import { LOG_LEVEL_ORDER, type LogEntry, type LogLevel } from './model.ts';

export interface LogFilter {
  executionId?: string;
  namespace?: string;
  flowId?: string;
  taskId?: string;
  taskRunId?: string;
  attempt?: number;
  minLevel?: LogLevel;
  startDate?: number;
  endDate?: number;
  q?: string;
  triggerId?: string;
  /** exact levels (purge); minLevel is a threshold instead */
  levels?: LogLevel[];
  /** leave out the lines of test executions, as Kestra's log search does (reads by execution keep them) */
  excludeTests?: boolean;
}

export interface LogStore {
  insert(entries: LogEntry[]): void;
  find(tenant: string, filter: LogFilter, sort?: { field: string; asc: boolean }[], limit?: number, offset?: number): { results: LogEntry[]; total: number };
  /** find() whose entries are read when asked, one by one (big answers are serialized in slices) */
  findLazy(tenant: string, filter: LogFilter, sort?: { field: string; asc: boolean }[], limit?: number, offset?: number): LazyLogs;
  /** findLazy() in its two synchronous steps, the number of matches and the page, for callers that let other work run between them */
  count(tenant: string, filter: LogFilter): number;
  page(tenant: string, filter: LogFilter, sort?: { field: string; asc: boolean }[], limit?: number, offset?: number): Omit<LazyLogs, 'total'>;
  delete(tenant: string, filter: LogFilter): number;
}

/** `count` entries of `total` matches, the i-th read by `get(i)` */
export interface LazyLogs { total: number; count: number; get(i: number): LogEntry }

const LEVELS = Object.keys(LOG_LEVEL_ORDER) as LogLevel[];
const SORT_COLUMNS: Record<string, string> = {
  timestamp: 'ts', level: 'level', namespace: 'namespace', flowId: 'flow_id', taskId: 'task_id', executionId: 'execution_id',
};

interface Row {
  tenant: string; execution_id: string | null; namespace: string; flow_id: string; task_id: string | null; task_run_id: string | null;
  attempt: number | null; trigger_id: string | null; ts: number; level: number; thread: string; message: string; test: number | null;
}

const fromRow = (r: Row): LogEntry => {
  const e: LogEntry = { tenant: r.tenant, namespace: r.namespace, flowId: r.flow_id, attemptNumber: r.attempt, timestamp: r.ts, level: LEVELS[r.level]!, thread: r.thread, message: r.message };
  if (r.execution_id !== null) e.executionId = r.execution_id;
  if (r.task_id !== null) e.taskId = r.task_id;
  if (r.task_run_id !== null) e.taskRunId = r.task_run_id;
  if (r.trigger_id !== null) e.triggerId = r.trigger_id;
  if (r.test === 1) e.executionKind = 'TEST';
  return e;
};

export function createLogStore(db: Db): LogStore {
  migrate(db, 'logs', [
    `CREATE TABLE logs (
       seq INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL, execution_id TEXT, namespace TEXT NOT NULL,
       flow_id TEXT NOT NULL, task_id TEXT, task_run_id TEXT, attempt INTEGER, trigger_id TEXT, ts INTEGER NOT NULL,
       level INTEGER NOT NULL, thread TEXT NOT NULL, message TEXT NOT NULL);
     CREATE INDEX logs_execution ON logs (tenant, execution_id);
     CREATE INDEX logs_flow ON logs (tenant, namespace, flow_id, ts)`,
    // The namespace filter is a prefix match whose LIKE ignores ASCII case, which logs_flow could
    // never serve: a NOCASE index answers it with one range scan (ts and seq, the rowid, ride
    // along for the sort). It replaces logs_flow, so inserts maintain no extra index.
    `DROP INDEX logs_flow;
     CREATE INDEX logs_namespace ON logs (tenant, namespace COLLATE NOCASE, flow_id, ts)`,
    // lines of test executions are flagged so that searches leave them out through this small
    // partial index, never by reading every matching row
    `ALTER TABLE logs ADD COLUMN test INTEGER;
     CREATE INDEX logs_test ON logs (tenant, seq) WHERE test = 1`,
  ]);
  const insert = statement(db,
    `INSERT INTO logs (tenant, execution_id, namespace, flow_id, task_id, task_run_id, attempt, trigger_id, ts, level, thread, message, test)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const bySeq = statement<Row, [number]>(db, 'SELECT * FROM logs WHERE seq = ?');
  const anyTest = statement<{ x: number }, [string]>(db, 'SELECT 1 AS x FROM logs WHERE tenant = ? AND test = 1 LIMIT 1');
  const insertMany = db.transaction((entries: LogEntry[]) => {
    for (const l of entries) {
      insert.run(l.tenant, l.executionId ?? null, l.namespace, l.flowId, l.taskId ?? null, l.taskRunId ?? null, l.attemptNumber,
        l.triggerId ?? null, l.timestamp, LOG_LEVEL_ORDER[l.level], l.thread, l.message, l.executionKind === 'TEST' ? 1 : null);
    }
  });

  function where(tenant: string, f: LogFilter) {
    const parts = ['tenant = ?'];
    const args: (string | number)[] = [tenant];
    // most tenants hold no test line: then the clause (and its cost) is left out
    if (f.excludeTests && anyTest.get(tenant)) { parts.push('seq NOT IN (SELECT seq FROM logs WHERE tenant = ? AND test = 1)'); args.push(tenant); }
    const eq = (col: string, v: string | number | undefined) => { if (v !== undefined) { parts.push(`${col} = ?`); args.push(v); } };
    eq('execution_id', f.executionId);
    eq('flow_id', f.flowId);
    eq('task_id', f.taskId);
    eq('task_run_id', f.taskRunId);
    eq('attempt', f.attempt);
    eq('trigger_id', f.triggerId);
    if (f.namespace) { const ns = namespaceOrChildLike(f.namespace); parts.push(ns.sql); args.push(...ns.args); }
    if (f.minLevel) { parts.push('level >= ?'); args.push(LOG_LEVEL_ORDER[f.minLevel]); }
    if (f.levels?.length) { parts.push(`level IN (${f.levels.map(() => '?').join(',')})`); args.push(...f.levels.map((l) => LOG_LEVEL_ORDER[l])); }
    if (f.startDate !== undefined) { parts.push('ts >= ?'); args.push(f.startDate); }
    if (f.endDate !== undefined) { parts.push('ts <= ?'); args.push(f.endDate); }
    for (const token of (f.q && f.q !== '*' ? f.q.toLowerCase().split(/[\s\p{P}\p{S}]+/u).filter(Boolean) : [])) {
      parts.push("instr(lower(namespace || ' ' || flow_id || ' ' || coalesce(task_id, '') || ' ' || coalesce(execution_id, '') || ' ' || coalesce(task_run_id, '') || ' ' || coalesce(trigger_id, '') || ' ' || message || ' ' || thread), ?) > 0");
      args.push(token);
    }
    return { sql: parts.join(' AND '), args };
  }

  // A page in two steps: pick its seqs (the sort then reads only index columns), then read those
  // rows, one by one when asked (big answers are serialized in slices); sorting whole rows would
  // carry every match's message through the sorter.
  function page(tenant: string, filter: LogFilter, sort: { field: string; asc: boolean }[] = [], limit?: number, offset = 0): Omit<LazyLogs, 'total'> {
    const { sql, args } = where(tenant, filter);
    const order = sort.length ? sort.map((s) => `${SORT_COLUMNS[s.field] ?? 'ts'} ${s.asc ? 'ASC' : 'DESC'}`).join(', ') + ', seq' : 'ts, seq';
    const range = limit === undefined ? '' : ` LIMIT ${Math.max(0, limit)} OFFSET ${Math.max(0, offset)}`;
    // values(): the seqs as bare arrays, not one object per row
    const seqs = db.query<[number], (string | number)[]>(`SELECT seq FROM logs WHERE ${sql} ORDER BY ${order}${range}`).values(...args) as [number][];
    return { count: seqs.length, get: (i) => fromRow(bySeq.get(seqs[i]![0])!) };
  }
  function count(tenant: string, filter: LogFilter): number {
    const { sql, args } = where(tenant, filter);
    return db.query<{ n: number }, (string | number)[]>(`SELECT count(*) AS n FROM logs WHERE ${sql}`).get(...args)!.n;
  }
  function findLazy(tenant: string, filter: LogFilter, sort: { field: string; asc: boolean }[] = [], limit?: number, offset = 0): LazyLogs {
    const found = page(tenant, filter, sort, limit, offset);
    return { ...found, total: limit === undefined ? found.count : count(tenant, filter) };
  }

  return {
    insert(entries) {
      if (!entries.length) return;
      writeInTurn(db);
      insertMany(entries);
    },
    find(tenant, filter, sort = [], limit, offset = 0) {
      const page = findLazy(tenant, filter, sort, limit, offset);
      return { results: Array.from({ length: page.count }, (_, i) => page.get(i)), total: page.total };
    },
    findLazy,
    count,
    page,
    delete(tenant, filter) {
      const { sql, args } = where(tenant, filter);
      return db.query(`DELETE FROM logs WHERE ${sql}`).run(...args).changes;
    },
  };
}
