// Kestra's bean and custom validations of a bound dashboard (DataChartValidator,
// TimeSeriesChartValidator, ExecutionsDataFilterValidator, the time-window rules): every
// violation is collected, each with the property path Kestra prints before its message.

import type { Violation } from '../flows/model.ts';
import { MAX_WINDOW_MS } from './bind.ts';
import { toSqlValue, ValueError } from './codec.ts';
import { CHART_PACKAGE, type Chart, type Dashboard, type DataSpec, type Filter, type KpiSpec } from './model.ts';
import { DATA_SOURCES } from './sources.ts';
import { javaRegex } from './sql-functions.ts';
import { CHART_ID_PATTERN, DASHBOARD_ID_PATTERN } from '../shared/dashboard-ids.ts';

const CHART_ID = new RegExp(CHART_ID_PATTERN);
const DASHBOARD_ID = new RegExp(DASHBOARD_ID_PATTERN);
const TOO_LONG = "Time window can't be more than 1 year (366 days).";
/** how many aggregations each chart type takes (Kestra's min/maxNumberOfAggregations) */
const AGGREGATIONS: Record<string, [number, number] | undefined> = { TimeSeries: [1, 2], Bar: [1, 1], Pie: [1, 1], KPI: [1, 1] };

export function dashboardViolations(d: Dashboard): Violation[] {
  const out: Violation[] = [];
  if (d.id !== undefined && !DASHBOARD_ID.test(d.id)) out.push({ path: 'id', message: `must match "${DASHBOARD_ID.source.slice(0, -1)}"` });
  if (d.title.trim() === '') out.push({ path: 'title', message: 'must not be blank' });
  if (d.timeWindow.defaultMs > MAX_WINDOW_MS) out.push({ path: 'timeWindow.default', message: TOO_LONG });
  if (d.timeWindow.maxMs > MAX_WINDOW_MS) out.push({ path: 'timeWindow.max', message: TOO_LONG });
  if (d.timeWindow.defaultMs > d.timeWindow.maxMs) out.push({ path: 'timeWindow', message: "Invalid data chart: Default duration can't exceed max duration" });
  d.charts.forEach((c, i) => out.push(...chartViolations(c, `charts[${i}]`)));
  return out;
}

export function chartViolations(chart: Chart, at = ''): Violation[] {
  const path = (p: string) => (at ? (p ? `${at}.${p}` : at) : p);
  const out: Violation[] = [];
  if (chart.id === '') out.push({ path: path('id'), message: 'must not be null' });
  else if (!CHART_ID.test(chart.id)) out.push({ path: path('id'), message: `must match "${CHART_ID.source.slice(0, -1)}"` });
  if (chart.kind === 'Markdown') return out;
  if (chart.kind === 'KPI') {
    if (!chart.kpi) out.push({ path: path('data'), message: 'must not be null' });
    else out.push(...kpiViolations(chart.kpi, path));
    return out;
  }
  if (!chart.data) {
    out.push({ path: path('data'), message: 'must not be null' });
    return out;
  }
  const problems = dataChartProblems(chart, chart.data);
  if (problems.length) out.push({ path: path(''), message: `Invalid data chart: ${problems.join(', ')}` });
  if (chart.kind === 'TimeSeries') {
    const ts = timeSeriesProblems(chart.data);
    if (ts.length) out.push({ path: path(''), message: `Invalid TimeSeries chart: ${ts.join(', ')}` });
  }
  const labels = labelProblems(chart.data);
  if (labels.length) out.push({ path: path('data'), message: `Invalid Chart: ${labels.join(', ')}` });
  out.push(...filterViolations(chart.data.source, chart.data.where, path('data.where')));
  return out;
}

function dataChartProblems(chart: Chart, data: DataSpec): string[] {
  const problems: string[] = [];
  const keys = new Set(Object.keys(data.columns));
  const options = chart.chartOptions ?? {};
  for (const name of ['column', 'colorByColumn']) {
    const needed = options[name];
    if (typeof needed === 'string' && !keys.has(needed)) problems.push(`Column '${needed}' is requested by the chart but not present in \`data.columns\` keys.`);
  }
  for (const o of data.orderBy) {
    if (!keys.has(o.column)) problems.push(`Column '${o.column}' is used in \`orderBy\` but not present in \`data.columns\` keys.`);
  }
  const columns = Object.entries(data.columns);
  for (const [key, c] of columns) {
    if (c.field === undefined && c.agg !== 'COUNT') problems.push(`Column '${key}' doesn't have a field to select from.`);
  }
  const aggs = columns.filter(([, c]) => c.agg !== undefined).length;
  const range = AGGREGATIONS[chart.kind];
  const cls = `${CHART_PACKAGE}${chart.kind}`;
  if (range && aggs < range[0]) problems.push(`At least ${range[0]} aggregation is needed for ${cls}.`);
  if (range && aggs > range[1]) problems.push(`At most ${range[1]} aggregation can be provided for ${cls}.`);
  problems.push(...columns.flatMap(([key, c]) => numericAggregationProblem(data.source, key, c)));
  const forbidden = DATA_SOURCES[data.source].noAggregation ?? [];
  const used = columns.map(([, c]) => c.field).filter((f): f is string => f !== undefined && forbidden.includes(f));
  if (aggs > 0 && used.length) problems.push(`[${used.join(', ')}] can't be used as or with aggregations.`);
  if (new Set(columns.map(([, c]) => `${c.agg}-${c.field}-${c.labelKey}`)).size !== columns.length) problems.push('Fields can only appear once in `data.columns`.');
  return problems;
}

/** Numeric aggregations over a field that holds no numbers (SQL would sum text to 0 or fail). */
const NUMERIC_AGGREGATIONS = new Set(['SUM', 'AVG']);
const NUMERIC_KINDS = new Set(['number', 'duration']);

function numericAggregationProblem(source: DataSpec['source'], key: string, c: { field?: string; agg?: string }): string[] {
  if (!c.agg || !NUMERIC_AGGREGATIONS.has(c.agg) || c.field === undefined) return [];
  const kind = DATA_SOURCES[source].fields[c.field]?.kind;
  if (kind === undefined || NUMERIC_KINDS.has(kind)) return [];
  return [`Column '${key}' aggregates ${c.field} with ${c.agg}, which needs a numeric field.`];
}

function timeSeriesProblems(data: DataSpec): string[] {
  const problems: string[] = [];
  const aggregated = Object.entries(data.columns).filter(([, c]) => c.agg !== undefined);
  for (const [key, c] of Object.entries(data.columns)) {
    if (c.agg === undefined && c.graphStyle !== undefined) problems.push(`Only aggregations can have \`graphStyle\` specified and ${key} is not one.`);
  }
  // an aggregation without a style draws LINES
  const styles = new Set(aggregated.map(([, c]) => c.graphStyle ?? 'LINES'));
  if (styles.size !== aggregated.length) problems.push('All aggregations must have unique `graphStyle`.');
  return problems;
}

function labelProblems(data: DataSpec): string[] {
  const problems: string[] = [];
  for (const [key, c] of Object.entries(data.columns)) {
    if (c.field === 'LABELS' && c.labelKey === undefined) problems.push(`Column \`${key}\` must have a \`labelKey\`.`);
  }
  if (data.where.some((f) => f.field === 'LABELS' && f.labelKey === undefined)) problems.push('Label filters must have a `labelKey`.');
  return problems;
}

function kpiViolations(kpi: KpiSpec, path: (p: string) => string): Violation[] {
  const out: Violation[] = [];
  if (kpi.column.agg === undefined) out.push({ path: path(''), message: 'Invalid data chart: Agg on column is required.' });
  else if (kpi.column.field === undefined && kpi.column.agg !== 'COUNT') out.push({ path: path(''), message: "Invalid data chart: Column 'columns' doesn't have a field to select from." });
  const numeric = numericAggregationProblem(kpi.source, 'columns', kpi.column);
  if (numeric.length) out.push({ path: path(''), message: `Invalid data chart: ${numeric.join(', ')}` });
  if (kpi.column.field === 'LABELS' && kpi.column.labelKey === undefined) out.push({ path: path('data'), message: 'Invalid Chart: Column `columns` must have a `labelKey`.' });
  out.push(...filterViolations(kpi.source, kpi.where, path('data.where')));
  out.push(...filterViolations(kpi.source, kpi.numerator ?? [], path('data.numerator')));
  return out;
}

/** Missing fields and values, and values the field can't hold (a date that isn't one...). */
function filterViolations(source: DataSpec['source'], filters: Filter[], at: string): Violation[] {
  const fields = DATA_SOURCES[source].fields;
  return filters.flatMap((f, i): Violation[] => {
    const here = `${at}[${i}]`;
    if (f.type === 'OR') {
      return f.values?.length ? filterViolations(source, f.values as Filter[], `${here}.values`) : [{ path: `${here}.values`, message: 'must not be empty' }];
    }
    if (f.field === '') return [{ path: `${here}.field`, message: 'must not be null' }];
    if (f.field === 'LABELS' && f.labelKey === undefined) return [];
    const kind = fields[f.field]!.kind;
    const values = f.type === 'IN' || f.type === 'NOT_IN' ? f.values ?? [] : 'value' in f ? [f.value] : [];
    if ((f.type === 'IN' || f.type === 'NOT_IN') && values.length === 0) return [{ path: `${here}.values`, message: 'must not be empty' }];
    const out: Violation[] = [];
    for (const v of values) {
      if (v === undefined || v === null) { out.push({ path: `${here}.value`, message: 'must not be null' }); continue; }
      try {
        const text = toSqlValue(['CONTAINS', 'STARTS_WITH', 'ENDS_WITH', 'NOT_CONTAINS', 'PREFIX', 'REGEX'].includes(f.type) ? 'text' : kind, v);
        if (f.type === 'REGEX') javaRegex(String(text));
      }
      catch (err) { if (err instanceof ValueError) out.push({ path: here, message: err.message }); else throw err; }
    }
    return out;
  });
}
