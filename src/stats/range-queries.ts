// The aggregate building blocks: a range aggregate (count and duration sum/min/max) per
// (group key, bucket), each a seek plus a covering-index range scan, and a skip scan that lists
// the distinct (namespace, flow, state) keys present without reading every row.

import type { Db } from '../shared/db.ts';
import { addToCell, newCells, type AggRow, type Cell } from './daily-json.ts';
import { rowConditions, type RowFilter } from './sql-filters.ts';
import type { Window } from './time-buckets.ts';

/** A table with tenant/namespace/flow_id/state/start_date/end_date columns and its covering indexes. */
export interface StateSource { table: string; byState: string; fulltext: string }

type Args = (string | number)[];

/** Runs `fn` with statements prepared for this request only (their SQL depends on the filters). */
export function withStatements<T>(db: Db, sqls: string[], fn: (...stmts: ReturnType<Db['prepare']>[]) => T): T {
  const stmts = sqls.map((sql) => db.prepare(sql));
  try {
    return fn(...stmts);
  } finally {
    for (const s of stmts) s.finalize();
  }
}

/** Per-bucket counts and durations of the rows matching `filter`, one range scan per (state, bucket). */
export function dailyByState(db: Db, src: StateSource, tenant: string, filter: RowFilter, states: readonly string[], win: Window, now: number): Cell[] {
  const { sql, args } = rowConditions(tenant, filter, src.fulltext);
  const from = `FROM ${src.table} INDEXED BY ${src.byState} WHERE ${sql} AND state = ? AND start_date >= ? AND start_date < ?`;
  const cells = newCells(win.buckets.length);
  withStatements(db, [
    `SELECT 1 AS x ${from} LIMIT 1`,
    `SELECT count(*) AS n, sum(d) AS s, min(d) AS mi, max(d) AS ma FROM (SELECT coalesce(end_date, ?) - start_date AS d ${from})`,
  ], (exists, agg) => {
    for (const state of states) {
      // most states are absent from most windows: one seek avoids a query per bucket
      if (!exists.get(...args, state, win.start, win.end + 1)) continue;
      win.buckets.forEach((b, i) => addToCell(cells[i]!, state, agg.get(now, ...args, state, b.lo, b.hi) as AggRow));
    }
  });
  return cells;
}

export interface FlowStateKey { namespace: string; flow_id: string; state: string }

/**
 * Distinct (namespace, flow, state) keys of a tenant in index order, found by seeking past each
 * key in turn, so the cost follows the number of keys rather than the number of rows.
 */
export function flowStateKeys(db: Db, table: string, index: string, tenant: string, namespace?: string): FlowStateKey[] {
  const next = db.query<FlowStateKey, Args>(
    `SELECT namespace, flow_id, state FROM ${table} INDEXED BY ${index}
     WHERE tenant = ? AND (namespace, flow_id, state) > (?, ?, ?) ORDER BY namespace, flow_id, state LIMIT 1`,
  );
  const keys: FlowStateKey[] = [];
  let cursor: FlowStateKey | null = { namespace: namespace ?? '', flow_id: '', state: '' };
  while ((cursor = next.get(tenant, cursor.namespace, cursor.flow_id, cursor.state))) {
    if (namespace !== undefined && cursor.namespace !== namespace) break;
    keys.push(cursor);
  }
  return keys;
}

/** Per-bucket aggregates of one (namespace, flow, state) key; `q` is the only row-level filter left. */
export function keyAggregates(db: Db, table: string, index: string, fulltext: string, tenant: string, keys: FlowStateKey[], q: string | undefined, win: Window, now: number, perBucket: boolean) {
  const extra = rowConditions(tenant, { q }, fulltext);
  const from = `FROM ${table} INDEXED BY ${index} WHERE ${extra.sql} AND namespace = ? AND flow_id = ? AND state = ? AND start_date >= ? AND start_date < ?`;
  const out: { key: FlowStateKey; cells: Cell[] }[] = [];
  const ranges = perBucket ? win.buckets : [{ start: win.start, lo: win.start, hi: win.end + 1 }];
  withStatements(db, [
    `SELECT 1 AS x ${from} LIMIT 1`,
    `SELECT count(*) AS n, sum(d) AS s, min(d) AS mi, max(d) AS ma FROM (SELECT coalesce(end_date, ?) - start_date AS d ${from})`,
  ], (exists, agg) => {
    for (const key of keys) {
      const keyArgs = [...extra.args, key.namespace, key.flow_id, key.state];
      if (!exists.get(...keyArgs, win.start, win.end + 1)) continue;
      const cells = newCells(ranges.length);
      ranges.forEach((b, i) => addToCell(cells[i]!, key.state, agg.get(now, ...keyArgs, b.lo, b.hi) as AggRow));
      out.push({ key, cells });
    }
  });
  return out;
}
