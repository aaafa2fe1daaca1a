// Chart data in SQL (Kestra's fetchData and fetchValue): one SELECT per request over the data
// source's table. Columns are aliased by position (c0, c1, ...) and renamed to their keys in JS,
// so no key a dashboard author wrote ever becomes SQL text; GROUP BY and ORDER BY use ordinals.

import type { Db } from '../shared/db.ts';
import { groupByOf, type GroupBy } from '../shared/time/buckets.ts';
import { fromSqlValue, type SqlValue } from './codec.ts';
import type { Column, DataSpec, Filter, KpiSpec } from './model.ts';
import { DATA_SOURCES, type SourceDef } from './sources.ts';
import { fieldFrag, whereFrag, type Frag } from './sql-where.ts';

export interface Page { number: number; size: number }
export interface Rows { results: Record<string, unknown>[]; total: number }

/**
 * Bucket formats of Kestra's H2 repository: a date column prints its bucket's start, in the
 * server's time zone (Kestra's database session zone, the JVM default): `{x}` is the date moved
 * to that zone's wall clock by kl_zone_shift (sql-functions.ts), or left as is in UTC.
 */
const BUCKET: Record<GroupBy, string> = {
  month: "strftime('%Y-%m', {x} / 1000, 'unixepoch')",
  // Monday of the week: to the next Sunday (or stay), then six days back
  week: "strftime('%Y-%m-%d', {x} / 1000, 'unixepoch', 'weekday 0', '-6 days')",
  day: "strftime('%Y-%m-%d', {x} / 1000, 'unixepoch')",
  hour: "strftime('%Y-%m-%d %H:00:00', {x} / 1000, 'unixepoch')",
  minute: "strftime('%Y-%m-%d %H:%M:00', {x} / 1000, 'unixepoch')",
};

function columnFrag(source: SourceDef, c: Column, unit: GroupBy, zone: string): Frag {
  if (c.field === undefined) return { sql: 'count(*)', args: [] };
  const e = fieldFrag(source, c.field, c.labelKey);
  // the aggregation name comes from the closed AGGREGATIONS list, never from request text
  if (c.agg) return { sql: `${c.agg.toLowerCase()}(${e.sql})`, args: e.args };
  if (source.fields[c.field]!.kind === 'date') {
    if (zone === 'UTC') return { sql: BUCKET[unit].replace('{x}', e.sql), args: e.args };
    return { sql: BUCKET[unit].replace('{x}', `kl_zone_shift(${e.sql}, ?)`), args: [...e.args, zone] };
  }
  return e;
}

function all<T>(db: Db, sql: string, args: SqlValue[]): T[] {
  // the SQL text varies with the chart: prepare it for this request only
  const stmt = db.prepare(sql);
  try {
    return stmt.all(...args) as T[];
  } finally {
    stmt.finalize();
  }
}

/**
 * Rows of a data chart; `window` sets the date-bucket size as Kestra's groupByType does, `zone`
 * (an IANA id or offset, `UTC` for none) the time zone buckets are cut in.
 */
export function chartRows(db: Db, tenant: string, data: DataSpec, filters: Filter[], window: { start?: number; end: number }, zone: string, page?: Page): Rows {
  const source = DATA_SOURCES[data.source];
  const columns = Object.entries(data.columns);
  const hasAgg = columns.some(([, c]) => c.agg !== undefined);
  // without aggregation, dates print to the minute (Kestra's choice for raw rows)
  const unit: GroupBy = hasAgg ? groupByOf(window.start ?? window.end, window.end) : 'minute';
  const select = columns.map(([, c], i) => ({ ...columnFrag(source, c, unit, zone), alias: `c${i}` }));
  const where = whereFrag(source, tenant, filters);
  const grouped = columns.map(([, c], i) => (c.agg === undefined ? i + 1 : 0)).filter((n) => n > 0);
  let sql = `SELECT ${select.map((s) => `${s.sql} AS ${s.alias}`).join(', ')} FROM ${source.from} WHERE ${where.sql}`;
  if (hasAgg && grouped.length) sql += ` GROUP BY ${grouped.join(', ')}`;
  const args = [...select.flatMap((s) => s.args), ...where.args];
  const keys = columns.map(([k]) => k);
  const explicit = data.orderBy.map((o) => `${keys.indexOf(o.column) + 1} ${o.order === 'DESC' ? 'DESC' : 'ASC'}`);
  // no orderBy: a stable order over the grouping columns (date buckets ascending)
  const order = explicit.length ? explicit : (grouped.length ? grouped : keys.map((_, i) => i + 1)).map((n) => `${n} ASC`);
  const total = all<{ n: number }>(db, `SELECT count(*) AS n FROM (${sql})`, args)[0]!.n;
  let paged = `${sql} ORDER BY ${order.join(', ')}`;
  const pageArgs: SqlValue[] = [];
  if (page) {
    paged += ' LIMIT ? OFFSET ?';
    pageArgs.push(page.size, (page.number - 1) * page.size);
  }
  const rows = all<Record<string, unknown>>(db, paged, [...args, ...pageArgs]);
  const results = rows.map((row) => {
    const out: Record<string, unknown> = {};
    columns.forEach(([key, c], i) => {
      const kind = c.field === undefined ? undefined : source.fields[c.field]!.kind;
      const v = fromSqlValue(kind, c.agg, row[`c${i}`]);
      if (v !== null) out[key] = v;
    });
    return out;
  });
  return { results, total };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A KPI: the aggregate over `where` (+ `numerator`), or numerator / total in percent. */
export function kpiValue(db: Db, tenant: string, kpi: KpiSpec, filters: Filter[], percentage: boolean): number {
  const source = DATA_SOURCES[kpi.source];
  const expr = columnFrag(source, kpi.column, 'day', 'UTC');
  const run = (list: Filter[]) => {
    const where = whereFrag(source, tenant, list);
    const v = all<{ v: number | null }>(db, `SELECT ${expr.sql} AS v FROM ${source.from} WHERE ${where.sql}`, [...expr.args, ...where.args])[0]?.v;
    return v === null || v === undefined ? 0 : Number(v);
  };
  const value = run(kpi.numerator ? [...filters, ...kpi.numerator] : filters);
  if (!percentage) return round2(value);
  const total = run(filters);
  return total === 0 ? 0 : round2((value / total) * 100);
}
