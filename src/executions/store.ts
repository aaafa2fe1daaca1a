// Executions in SQLite: one row per execution with its JSON document plus the columns searches
// filter and sort on. Executions that are still running also live in memory, so the engine's
// many small updates never re-read the database.

import { statement, migrate, writeInTurn, type Db } from '../shared/db.ts';
import type { Execution } from './model.ts';
import { DOTTED, namespaceOrChildNoCase } from '../shared/storage/namespace-sql.ts';
import { newestFirstPage, type PickedRow } from './newest-page.ts';
import { nextTurn } from '../http/sliced.ts';
import { endDate, startDate, isTerminal, NEWER_STATE_TYPES, STATE_TYPES, type StateType } from './state.ts';

/** rows picked per turn of a big search page (~2 ms each) */
const PICK_CHUNK = 2500;

export interface ExecutionFilter {
  q?: string;
  namespace?: string;
  /** exact namespace match (executions search with both namespace and flowId) */
  namespaceExact?: boolean;
  flowId?: string;
  flowIds?: string[];
  excludeFlowIds?: string[];
  states?: StateType[];
  excludeStates?: StateType[];
  labels?: { key: string; value: string }[];
  startDate?: number;
  endDate?: number;
  scope?: 'USER' | 'SYSTEM';
  triggerExecutionId?: string;
  childFilter?: 'CHILD' | 'MAIN';
  ids?: string[];
  /** only executions with an end date (terminated or paused), as Kestra's lastExecutions */
  ended?: boolean;
}

/** what `distinct` can list (the execution filter fields `distinct-field-values` answers) */
export type DistinctField = 'namespace' | 'flowId' | 'state' | 'labels' | 'triggerExecutionId';

export interface ExecutionSort { field: string; asc: boolean }

export const EXECUTION_SORT_FIELDS: Record<string, string> = {
  id: 'id', 'state.startDate': 'start_date', 'state.endDate': 'end_date', 'state.duration': 'duration',
  namespace: 'namespace', flowId: 'flow_id', 'state.current': 'state',
};

export interface ExecutionStore {
  save(e: Execution): void;
  get(tenant: string, id: string): Execution | undefined;
  delete(tenant: string, id: string): boolean;
  search(tenant: string, filter: ExecutionFilter, sort: ExecutionSort[], limit?: number, offset?: number): { results: Execution[]; total: number };
  /** search() whose documents are read when asked, one by one (big pages are serialized in slices) */
  searchLazy(tenant: string, filter: ExecutionFilter, sort: ExecutionSort[], limit?: number, offset?: number): LazyPage<Execution>;
  /** searchLazy in two steps, for a big search spread over turns (http/sliced.ts searchInTurns) */
  count(tenant: string, filter: ExecutionFilter): number;
  page(tenant: string, filter: ExecutionFilter, sort: ExecutionSort[], limit?: number, offset?: number): Omit<LazyPage<Execution>, 'total'>;
  /** page(), a big newest-first page read in chunks over several turns of the event loop */
  pageInTurns(tenant: string, filter: ExecutionFilter, sort: ExecutionSort[], limit: number, offset?: number): Promise<Omit<LazyPage<Execution>, 'total'>>;
  /** distinct values of one field among matching executions, sorted, at most `limit` */
  distinct(tenant: string, filter: ExecutionFilter, field: DistinctField, limit: number): string[];
  /** executions not yet terminal (for recovery after a restart) */
  unfinished(): Execution[];
  /** running executions of a flow (concurrency limits) */
  countRunning(tenant: string, namespace: string, flowId: string): number;
  /** the rows were replaced underneath (admin reset/import): forget the running ones held in memory */
  reload(): void;
}

interface Row { json: string }

/** `count` results of `total` matches, the i-th read by `get(i)` */
export interface LazyPage<T> { total: number; count: number; get(i: number): T }

/** `now` (the injected clock) gives running executions their duration when sorting by it */
export function createExecutionStore(db: Db, now: () => number = Date.now): ExecutionStore {
  migrate(db, 'executions', [
    `CREATE TABLE executions (
       tenant TEXT NOT NULL, id TEXT NOT NULL, namespace TEXT NOT NULL, flow_id TEXT NOT NULL, state TEXT NOT NULL,
       start_date INTEGER NOT NULL, end_date INTEGER, parent_id TEXT, trigger_execution_id TEXT,
       labels TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (tenant, id));
     CREATE INDEX executions_flow ON executions (tenant, namespace, flow_id, start_date);
     CREATE INDEX executions_start ON executions (tenant, start_date);
     CREATE INDEX executions_state ON executions (state)`,
    // namespace searches are prefix matches that ignore ASCII case: one range scan of this
    // expression (see namespace-sql.ts), with the sort keys and id in the index so counting and
    // picking a page never read the JSON
    `CREATE INDEX executions_namespace ON executions (tenant, ${DOTTED}, flow_id, start_date, id)`,
    // flow unit-test executions (kind TEST) are flagged in a column so that searches can leave them
    // out through this small partial index instead of reading every matching row's JSON
    `ALTER TABLE executions ADD COLUMN test INTEGER;
     UPDATE executions SET test = 1 WHERE json_extract(json, '$.kind') = 'TEST';
     CREATE INDEX executions_test ON executions (tenant, id) WHERE test = 1`,
  ]);
  const live = new Map<string, Execution>();
  const key = (tenant: string, id: string) => `${tenant}\u0000${id}`;
  const upsert = statement(db,
    `INSERT INTO executions (tenant, id, namespace, flow_id, state, start_date, end_date, parent_id, trigger_execution_id, labels, json, test)
     VALUES ($tenant, $id, $namespace, $flowId, $state, $start, $end, $parent, $triggerExecution, $labels, $json, $test)
     ON CONFLICT (tenant, id) DO UPDATE SET state = excluded.state, end_date = excluded.end_date, labels = excluded.labels, json = excluded.json`,
  );
  const select = statement<Row, [string, string]>(db, 'SELECT json FROM executions WHERE tenant = ? AND id = ?');
  const remove = statement(db, 'DELETE FROM executions WHERE tenant = ? AND id = ?');
  const byRowid = statement<Row, [number]>(db, 'SELECT json FROM executions WHERE rowid = ?');
  // listed rather than `NOT IN (terminal)` so the state index answers it (a scan of every row
  // at each start-up otherwise); rowid order is the order the full scan gave
  // every non-terminal state, the newer ones (BREAKPOINT, ...) included
  const unfinishedStates = [...STATE_TYPES, ...NEWER_STATE_TYPES].filter((s) => !isTerminal(s));
  const selectUnfinished = statement<Row, string[]>(db, `SELECT json FROM executions WHERE state IN (${unfinishedStates.map(() => '?').join(',')}) ORDER BY rowid`);
  const parse = (row: Row | null) => (row ? (JSON.parse(row.json) as Execution) : undefined);

  function where(tenant: string, f: ExecutionFilter): { sql: string; args: (string | number)[] } {
    // test executions (kind TEST) are left out of searches and statistics, as Kestra does; read them by id
    const parts = ['tenant = ?', 'id NOT IN (SELECT id FROM executions WHERE tenant = ? AND test = 1)'];
    const args: (string | number)[] = [tenant, tenant];
    if (f.namespace) {
      if (f.namespaceExact) { parts.push('namespace = ?'); args.push(f.namespace); }
      else { const ns = namespaceOrChildNoCase(f.namespace); parts.push(ns.sql); args.push(...ns.args); }
    }
    if (f.flowId) { parts.push('flow_id = ?'); args.push(f.flowId); }
    if (f.flowIds?.length) { parts.push(`flow_id IN (${f.flowIds.map(() => '?').join(',')})`); args.push(...f.flowIds); }
    if (f.excludeFlowIds?.length) { parts.push(`flow_id NOT IN (${f.excludeFlowIds.map(() => '?').join(',')})`); args.push(...f.excludeFlowIds); }
    if (f.states?.length) { parts.push(`state IN (${f.states.map(() => '?').join(',')})`); args.push(...f.states); }
    if (f.excludeStates?.length) { parts.push(`state NOT IN (${f.excludeStates.map(() => '?').join(',')})`); args.push(...f.excludeStates); }
    if (f.startDate !== undefined) { parts.push('start_date >= ?'); args.push(f.startDate); }
    if (f.endDate !== undefined) { parts.push('end_date IS NOT NULL AND end_date <= ?'); args.push(f.endDate); }
    if (f.scope === 'USER') parts.push("namespace <> 'system'");
    if (f.scope === 'SYSTEM') parts.push("namespace = 'system'");
    if (f.triggerExecutionId) { parts.push('trigger_execution_id = ?'); args.push(f.triggerExecutionId); }
    if (f.childFilter === 'CHILD') parts.push('trigger_execution_id IS NOT NULL');
    if (f.childFilter === 'MAIN') parts.push('trigger_execution_id IS NULL');
    if (f.ended) parts.push('end_date IS NOT NULL');
    if (f.ids) { parts.push(`id IN (${f.ids.map(() => '?').join(',') || "''"})`); args.push(...f.ids); }
    for (const l of f.labels ?? []) {
      parts.push("EXISTS (SELECT 1 FROM json_each(labels) WHERE json_extract(value, '$.key') = ? AND json_extract(value, '$.value') = ?)");
      args.push(l.key, l.value);
    }
    for (const token of (f.q && f.q !== '*' ? f.q.toLowerCase().split(/[\s\p{P}\p{S}]+/u).filter(Boolean) : [])) {
      parts.push("instr(lower(id || ' ' || namespace || ' ' || flow_id), ?) > 0");
      args.push(token);
    }
    return { sql: parts.join(' AND '), args };
  }

  // A page in two steps: pick its rows by rowid (the sort reads only index columns), then read
  // their documents, one by one when asked (big pages are serialized in slices). Sorting with the
  // JSON in hand would drag every match's document through the sorter; executions still running
  // come from memory instead.
  function count(tenant: string, filter: ExecutionFilter): number {
    const { sql, args } = where(tenant, filter);
    return db.query<{ n: number }, (string | number)[]>(`SELECT count(*) AS n FROM executions WHERE ${sql}`).get(...args)!.n;
  }

  function page(tenant: string, filter: ExecutionFilter, sort: ExecutionSort[], limit?: number, offset = 0): Omit<LazyPage<Execution>, 'total'> {
    const { sql, args } = where(tenant, filter);
    const order = (sort.length ? sort : [{ field: 'state.startDate', asc: false }])
      .map((s) => `${s.field === 'state.duration' ? `(coalesce(end_date, ${Math.floor(now())}) - start_date)` : EXECUTION_SORT_FIELDS[s.field] ?? 'start_date'} ${s.asc ? 'ASC' : 'DESC'}`)
      .join(', ');
    const limits = limit === undefined ? '' : ` LIMIT ${Math.max(0, limit)} OFFSET ${Math.max(0, offset)}`;
    const newestFirst = limit !== undefined && (sort.length === 0 || (sort.length === 1 && sort[0]!.field === 'state.startDate' && !sort[0]!.asc));
    const picked = (newestFirst ? newestFirstPage(db, tenant, { sql, args }, limit, offset) : undefined)
      ?? db.query<PickedRow, (string | number)[]>(`SELECT rowid AS r, tenant, id FROM executions WHERE ${sql} ORDER BY ${order}, id${limits}`).all(...args);
    return { count: picked.length, get: reader(picked) };
  }

  /** the i-th execution of a picked page: from memory while it runs, else its stored document */
  const reader = (picked: PickedRow[]) => (i: number): Execution => {
    const p = picked[i]!;
    return live.get(key(p.tenant, p.id)) ?? (JSON.parse(byRowid.get(p.r)!.json) as Execution);
  };

  /**
   * page() for a big newest-first page: picked PICK_CHUNK rows at a time, keyset-paged on
   * (start_date, id), with a turn of the event loop between chunks — picking 10,000 rows at once
   * held every other request ~8 ms. Other sorts and small pages are page() as is.
   */
  async function pageInTurns(tenant: string, filter: ExecutionFilter, sort: ExecutionSort[], limit: number, offset = 0): Promise<Omit<LazyPage<Execution>, 'total'>> {
    const newestFirst = sort.length === 0 || (sort.length === 1 && sort[0]!.field === 'state.startDate' && !sort[0]!.asc);
    if (!newestFirst || limit <= PICK_CHUNK) return page(tenant, filter, sort, limit, offset);
    const { sql, args } = where(tenant, filter);
    type Row = PickedRow & { s: number };
    const columns = 'SELECT rowid AS r, tenant, id, start_date AS s FROM executions';
    const picked = db.query<Row, (string | number)[]>(`${columns} WHERE ${sql} ORDER BY start_date DESC, id LIMIT ? OFFSET ?`)
      .all(...args, PICK_CHUNK, Math.max(0, offset));
    let last = picked.length;
    while (picked.length < limit && last === PICK_CHUNK) {
      await nextTurn();
      const after = picked[picked.length - 1]!;
      const more = db.query<Row, (string | number)[]>(`${columns} WHERE ${sql} AND (start_date < ? OR (start_date = ? AND id > ?)) ORDER BY start_date DESC, id LIMIT ?`)
        .all(...args, after.s, after.s, after.id, Math.min(PICK_CHUNK, limit - picked.length));
      for (const row of more) picked.push(row);
      last = more.length;
    }
    return { count: picked.length, get: reader(picked) };
  }

  function searchLazy(tenant: string, filter: ExecutionFilter, sort: ExecutionSort[], limit?: number, offset = 0): LazyPage<Execution> {
    return { total: count(tenant, filter), ...page(tenant, filter, sort, limit, offset) };
  }

  return {
    save(e) {
      writeInTurn(db);
      const s = e.state;
      const triggerExecution = e.trigger?.variables && typeof e.trigger.variables.executionId === 'string' && e.trigger.type.endsWith('Subflow') ? e.trigger.variables.executionId : null;
      upsert.run({
        tenant: e.tenant, id: e.id, namespace: e.namespace, flowId: e.flowId, state: s.current, start: startDate(s),
        end: endDate(s) ?? null, parent: e.parentId ?? null, triggerExecution: (triggerExecution as string | null) ?? null,
        labels: JSON.stringify(e.labels), json: JSON.stringify(e), test: e.kind === 'TEST' ? 1 : null,
      });
      if (isTerminal(s.current)) live.delete(key(e.tenant, e.id));
      else live.set(key(e.tenant, e.id), e);
    },
    get: (tenant, id) => live.get(key(tenant, id)) ?? parse(select.get(tenant, id)),
    delete(tenant, id) {
      live.delete(key(tenant, id));
      writeInTurn(db);
      return remove.run(tenant, id).changes > 0;
    },
    search(tenant, filter, sort, limit, offset = 0) {
      const page = searchLazy(tenant, filter, sort, limit, offset);
      return { results: Array.from({ length: page.count }, (_, i) => page.get(i)), total: page.total };
    },
    searchLazy,
    count,
    page,
    pageInTurns,
    distinct(tenant, filter, field, limit) {
      const { sql, args } = where(tenant, filter);
      const n = Math.max(0, Math.floor(limit));
      if (field === 'labels') {
        // label values as Kestra's filters spell them, `key:value`
        return db.query<{ v: string }, (string | number)[]>(
          `SELECT DISTINCT json_extract(l.value, '$.key') || ':' || json_extract(l.value, '$.value') AS v
           FROM (SELECT labels FROM executions WHERE ${sql}) e, json_each(e.labels) l ORDER BY v LIMIT ${n}`,
        ).all(...args).map((r) => r.v);
      }
      const column = { namespace: 'namespace', flowId: 'flow_id', state: 'state', triggerExecutionId: 'trigger_execution_id' }[field];
      return db.query<{ v: string }, (string | number)[]>(
        `SELECT DISTINCT ${column} AS v FROM executions WHERE ${sql} AND ${column} IS NOT NULL ORDER BY v LIMIT ${n}`,
      ).all(...args).map((r) => r.v);
    },
    unfinished: () => selectUnfinished.all(...unfinishedStates).map((r) => JSON.parse(r.json) as Execution),
    reload() { live.clear(); },
    countRunning(tenant, namespace, flowId) {
      let n = 0;
      for (const e of live.values()) {
        if (e.tenant === tenant && e.namespace === namespace && e.flowId === flowId && (e.state.current === 'RUNNING' || e.state.current === 'PAUSED' || e.state.current === 'KILLING' || e.state.current === 'RETRYING' || e.state.current === 'RESTARTED')) n++;
      }
      return n;
    },
  };
}
