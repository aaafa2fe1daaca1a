// The common search, newest first (`state.startDate` descending, Kestra's default), without
// sorting every match. The general query ranges over all matching executions and sorts them
// (a temporary B-tree), which grows with the history: at 40,000 executions one search page cost
// ~3 ms and, under load, execution searches were a third of the server's CPU. Here only the
// tenant's newest WINDOW executions (the start-date index, in order) are filtered and sorted; the
// answer is exact when the window holds the whole tenant, or when the page's last row is strictly
// newer than the window's oldest row (nothing outside the window can sort before it). Otherwise
// the caller falls back to the general query.
import type { Db } from '../shared/db.ts';

export interface PickedRow { r: number; tenant: string; id: string }

const windowSize = (want: number) => Math.max(2000, want * 8);

export function newestFirstPage(db: Db, tenant: string, where: { sql: string; args: (string | number)[] }, limit: number, offset: number): PickedRow[] | undefined {
  const want = Math.max(0, offset) + Math.max(0, limit);
  if (want === 0 || want > 5000) return undefined;
  const size = windowSize(want);
  const bounds = db.query<{ n: number; m: number | null }, [string, number]>(
    'SELECT count(*) AS n, min(start_date) AS m FROM (SELECT start_date FROM executions INDEXED BY executions_start WHERE tenant = ? ORDER BY start_date DESC LIMIT ?)',
  ).get(tenant, size)!;
  // the window as a subquery in FROM (with its LIMIT it is not flattened): the filter then runs
  // over the window's rows only; `rowid IN (window)` let the planner pick the namespace index
  const rows = db.query<PickedRow & { s: number }, (string | number)[]>(
    `SELECT r, tenant, id, start_date AS s FROM (
       SELECT rowid AS r, tenant, id, namespace, flow_id, state, start_date, end_date, parent_id, trigger_execution_id, labels, test
       FROM executions INDEXED BY executions_start WHERE tenant = ? ORDER BY start_date DESC LIMIT ?)
     WHERE ${where.sql} ORDER BY start_date DESC, id LIMIT ?`,
  ).all(tenant, size, ...where.args, want);
  const whole = bounds.n < size;
  const safe = rows.length === want && bounds.m !== null && rows[want - 1]!.s > bounds.m;
  if (!whole && !safe) return undefined;
  return rows.slice(Math.max(0, offset));
}
