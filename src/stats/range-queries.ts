// The aggregate building blocks: a range aggregate (count and duration sum/min/max) per
// (group key, bucket), each a seek plus a covering-index range scan, and a skip scan that lists
// the distinct (namespace, flow, state) keys present without reading every row.

import { TERMINAL } from '../executions/state.ts';
import type { Db } from '../shared/db.ts';
import { addToCell, newCells, type AggRow, type Cell } from './daily-json.ts';
import { rowConditions, type RowFilter } from './sql-filters.ts';
import type { Window } from '../shared/time/buckets.ts';

/** A table with tenant/namespace/flow_id/state/start_date/end_date columns and its covering indexes. */
export interface StateSource { table: string; byState: string; fulltext: string }

type Args = (string | number)[];
type Statement = ReturnType<Db['prepare']>;

/** States whose rows carry an end date (executions and task runs alike). */
const ENDED: ReadonlySet<string> = new Set([...TERMINAL, 'PAUSED']);

/** Runs `fn` with statements prepared for this request only (their SQL depends on the filters). */
export function withStatements<T>(db: Db, sqls: string[], fn: (...stmts: Statement[]) => T): T {
  const stmts = sqls.map((sql) => db.prepare(sql));
  try {
    return fn(...stmts);
  } finally {
    for (const s of stmts) s.finalize();
  }
}

/**
 * Duration aggregates without a per-row COALESCE, which costs as much as the scan: rows of an
 * ended state (terminal or PAUSED) have an end date; the others last until `now`, so their
 * durations follow from the sum, min and max of their start dates.
 */
function durationSql(from: string): [string, string] {
  return [
    `SELECT count(*) AS n, sum(end_date - start_date) AS s, min(end_date - start_date) AS mi, max(end_date - start_date) AS ma ${from}`,
    `SELECT count(*) AS n, sum(start_date) AS s, max(start_date) AS mi, min(start_date) AS ma ${from}`,
  ];
}

type RangeAggregate = (argv: Args) => AggRow;

function durationOf(ended: Statement, open: Statement, state: string, now: number): RangeAggregate {
  if (ENDED.has(state)) return (argv) => ended.get(...argv) as AggRow;
  return (argv) => {
    const r = open.get(...argv) as AggRow;
    return r.n ? { n: r.n, s: r.n * now - r.s!, mi: now - r.mi!, ma: now - r.ma! } : r;
  };
}

/** Runs a range aggregate once per bucket; `args` are the bindings before the range bounds. */
function eachRange(agg: RangeAggregate, args: Args, ranges: { lo: number; hi: number }[], fn: (i: number, row: AggRow) => void): void {
  // one argument array reused for every bucket: this loop runs thousands of times per request
  const argv = [...args, 0, 0];
  const at = args.length;
  for (let i = 0; i < ranges.length; i++) {
    argv[at] = ranges[i]!.lo;
    argv[at + 1] = ranges[i]!.hi;
    fn(i, agg(argv));
  }
}

/** Per-bucket counts and durations of the rows matching `filter`, one range scan per (state, bucket). */
export function dailyByState(db: Db, src: StateSource, tenant: string, filter: RowFilter, states: readonly string[], win: Window, now: number): Cell[] {
  const { sql, args } = rowConditions(tenant, filter, src.fulltext);
  const from = `FROM ${src.table} INDEXED BY ${src.byState} WHERE ${sql} AND state = ? AND start_date >= ? AND start_date < ?`;
  const cells = newCells(win.buckets.length);
  withStatements(db, [`SELECT 1 AS x ${from} LIMIT 1`, ...durationSql(from)], (exists, ended, open) => {
    for (const state of states) {
      // most states are absent from most windows: one seek avoids a query per bucket
      if (!exists.get(...args, state, win.start, win.end + 1)) continue;
      const agg = durationOf(ended, open, state, now);
      eachRange(agg, [...args, state], win.buckets, (i, row) => addToCell(cells[i]!, state, row));
    }
  });
  return cells;
}

export interface FlowStateKey { namespace: string; flow_id: string; state: string }

/**
 * Distinct (namespace, flow, state) keys of a tenant in index order, found by seeking past each
 * key in turn, so the cost follows the number of keys rather than the number of rows. Each seek
 * is a plain range on one column: SQLite would scan rows to honour a row-value `>` instead.
 */
export function flowStateKeys(db: Db, table: string, index: string, tenant: string, namespace?: string): FlowStateKey[] {
  const select = `SELECT namespace, flow_id, state FROM ${table} INDEXED BY ${index} WHERE tenant = ?`;
  const nextState = db.query<FlowStateKey, Args>(`${select} AND namespace = ? AND flow_id = ? AND state > ? ORDER BY state LIMIT 1`);
  const nextFlow = db.query<FlowStateKey, Args>(`${select} AND namespace = ? AND flow_id > ? ORDER BY flow_id, state LIMIT 1`);
  const nextNamespace = db.query<FlowStateKey, Args>(`${select} AND namespace > ? ORDER BY namespace, flow_id, state LIMIT 1`);
  const first = db.query<FlowStateKey, Args>(`${select} AND namespace = ? ORDER BY flow_id, state LIMIT 1`);
  const keys: FlowStateKey[] = [];
  let key = namespace === undefined ? nextNamespace.get(tenant, '') : first.get(tenant, namespace);
  while (key) {
    keys.push(key);
    const k: FlowStateKey = key;
    key = nextState.get(tenant, k.namespace, k.flow_id, k.state) ?? nextFlow.get(tenant, k.namespace, k.flow_id)
      ?? (namespace === undefined ? nextNamespace.get(tenant, k.namespace) : null);
  }
  return keys;
}

export interface KeyAggregateOptions {
  table: string; index: string; fulltext: string;
  /** the only row-level filter left once keys are chosen */
  q?: string;
  /** one range per bucket, or one for the whole window */
  perBucket: boolean;
  /** counts only: duration aggregates cost as much as the scan itself */
  countsOnly?: boolean;
}

/** Aggregates of each (namespace, flow, state) key that has rows in the window. */
export function keyAggregates(db: Db, o: KeyAggregateOptions, tenant: string, keys: FlowStateKey[], win: Window, now: number) {
  const extra = rowConditions(tenant, { q: o.q }, o.fulltext);
  const from = `FROM ${o.table} INDEXED BY ${o.index} WHERE ${extra.sql} AND namespace = ? AND flow_id = ? AND state = ? AND start_date >= ? AND start_date < ?`;
  const out: { key: FlowStateKey; cells: Cell[] }[] = [];
  const ranges = o.perBucket ? win.buckets : [{ start: win.start, lo: win.start, hi: win.end + 1 }];
  const counts = `SELECT count(*) AS n ${from}`;
  withStatements(db, [`SELECT 1 AS x ${from} LIMIT 1`, counts, ...durationSql(from)], (exists, count, ended, open) => {
    for (const key of keys) {
      const keyArgs = [...extra.args, key.namespace, key.flow_id, key.state];
      if (!exists.get(...keyArgs, win.start, win.end + 1)) continue;
      const cells = newCells(ranges.length);
      const agg = o.countsOnly ? (argv: Args) => ({ ...(count.get(...argv) as { n: number }), s: null, mi: null, ma: null }) : durationOf(ended, open, key.state, now);
      eachRange(agg, keyArgs, ranges, (i, row) => addToCell(cells[i]!, key.state, row));
      out.push({ key, cells });
    }
  });
  return out;
}
