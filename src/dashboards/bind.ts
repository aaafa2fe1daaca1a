// Binds a parsed dashboard (or chart) document the way Kestra's strict Jackson mapper does:
// unknown properties, unknown chart/data/filter types and values outside an enum stop the
// binding at the first problem, reported with Jackson's reference chain as the path.

import { parseDurationMs } from '../shared/time/durations.ts';
import { AGGREGATIONS, CHART_PACKAGE, CHART_TYPES, DATA_CHARTS, DATA_PACKAGE, SOURCES, type Chart, type ChartKind, type Column, type Dashboard, type DataSpec, type KpiSpec, type OrderBy, type SourceName } from './model.ts';
import { bindFilters, BindError, type Chain, enumError, isObject, knownKeys, ref, str } from './bind-parts.ts';
import { DATA_SOURCES, type SourceDef } from './sources.ts';

export { BindError } from './bind-parts.ts';

const DASHBOARD_CLASS = 'io.kestra.core.models.dashboards.Dashboard';
const CHART_CLASS = 'io.kestra.core.models.dashboards.charts.Chart';
const LIST = 'java.util.ArrayList';
const MAP = 'java.util.LinkedHashMap';
const DASHBOARD_KEYS = ['id', 'title', 'description', 'timeWindow', 'charts', 'sourceCode', 'tenantId', 'deleted', 'created', 'updated'];
const DAY = 86_400_000;

function duration(value: unknown, chain: Chain, fallback: string): { text: string; ms: number } {
  if (value === undefined || value === null) return { text: fallback, ms: parseDurationMs(fallback)! };
  const ms = parseDurationMs(value);
  if (ms === undefined) {
    throw new BindError(chain, `Cannot deserialize value of type \`java.time.Duration\` from String ${JSON.stringify(String(value))}: Failed to deserialize java.time.Duration: (java.time.format.DateTimeParseException) Text cannot be parsed to a Duration`);
  }
  return { text: String(value), ms };
}

export function bindDashboard(doc: unknown): Dashboard {
  const root: Chain = [];
  if (!isObject(doc)) throw new BindError(root, `Cannot construct instance of \`${DASHBOARD_CLASS}\`: the document is not a YAML mapping`);
  knownKeys(doc, DASHBOARD_KEYS, root, DASHBOARD_CLASS);
  const tw = doc.timeWindow ?? {};
  const twChain = ref(root, DASHBOARD_CLASS, 'timeWindow');
  if (!isObject(tw)) throw new BindError(twChain, 'Cannot deserialize value of type `io.kestra.core.models.dashboards.TimeWindow` from a non-object value');
  knownKeys(tw, ['default', 'max'], twChain, 'io.kestra.core.models.dashboards.TimeWindow');
  const def = duration(tw.default, ref(twChain, 'io.kestra.core.models.dashboards.TimeWindow', 'default'), `PT${30 * 24}H`);
  const max = duration(tw.max, ref(twChain, 'io.kestra.core.models.dashboards.TimeWindow', 'max'), `PT${366 * 24}H`);
  const chartsChain = ref(root, DASHBOARD_CLASS, 'charts');
  const rawCharts = doc.charts ?? [];
  if (!Array.isArray(rawCharts)) throw new BindError(chartsChain, `Cannot deserialize value of type \`java.util.ArrayList<${CHART_CLASS}>\` from a non-array value`);
  const dashboard: Dashboard = {
    title: str(doc.title, ref(root, DASHBOARD_CLASS, 'title')) ?? '',
    timeWindow: { default: def.text, max: max.text, defaultMs: def.ms, maxMs: max.ms },
    charts: rawCharts.map((c, i) => bindChart(c, ref(chartsChain, LIST, i))),
  };
  const id = str(doc.id, ref(root, DASHBOARD_CLASS, 'id'));
  if (id !== undefined) dashboard.id = id;
  const description = str(doc.description, ref(root, DASHBOARD_CLASS, 'description'));
  if (description !== undefined) dashboard.description = description;
  return dashboard;
}

export function bindChart(value: unknown, chain: Chain = []): Chart {
  if (!isObject(value)) throw new BindError(chain, `Cannot construct instance of \`${CHART_CLASS}\`: a chart must be a YAML mapping`);
  const type = value.type;
  if (type === undefined || type === null) {
    throw new BindError(chain, `Could not resolve subtype of [simple type, class ${CHART_CLASS}]: missing type id property 'type'`);
  }
  const kind = String(type).startsWith(CHART_PACKAGE) ? String(type).slice(CHART_PACKAGE.length) : '';
  if (!(CHART_TYPES as readonly string[]).includes(kind)) throw new BindError(chain, `Invalid type: ${String(type)}`, true);
  const cls = `${CHART_PACKAGE}${kind}`;
  const chartKind = kind as ChartKind;
  const keys = chartKind === 'Markdown' ? ['id', 'type', 'chartOptions', 'content', 'source'] : ['id', 'type', 'chartOptions', 'data'];
  knownKeys(value, keys, chain, cls);
  const chart: Chart = { id: str(value.id, ref(chain, cls, 'id')) ?? '', kind: chartKind, raw: value };
  if (value.chartOptions !== undefined && value.chartOptions !== null) {
    if (!isObject(value.chartOptions)) throw new BindError(ref(chain, cls, 'chartOptions'), 'Cannot deserialize value of type `io.kestra.core.models.dashboards.ChartOption` from a non-object value');
    chart.chartOptions = value.chartOptions;
  }
  if (chartKind === 'KPI' && value.data !== undefined && value.data !== null) chart.kpi = bindKpi(value.data, ref(chain, cls, 'data'));
  else if ((DATA_CHARTS as readonly string[]).includes(chartKind) && value.data !== undefined && value.data !== null) {
    chart.data = bindData(value.data, ref(chain, cls, 'data'));
  }
  return chart;
}

function sourceOf(value: Record<string, unknown>, chain: Chain, kpi: boolean): { name: SourceName; def: SourceDef; type: string } {
  const type = value.type;
  if (type === undefined || type === null) {
    throw new BindError(chain, "Could not resolve subtype of [simple type, class io.kestra.core.models.dashboards.DataFilter]: missing type id property 'type'");
  }
  const text = String(type);
  const short = text.startsWith(DATA_PACKAGE) ? text.slice(DATA_PACKAGE.length) : '';
  const name = kpi ? (short.endsWith('KPI') ? short.slice(0, -3) : '') : short;
  if (!(SOURCES as readonly string[]).includes(name) || (kpi && name === 'Triggers')) throw new BindError(chain, `Invalid type: ${text}`, true);
  return { name: name as SourceName, def: DATA_SOURCES[name as SourceName], type: text };
}

function bindColumn(value: unknown, chain: Chain, source: SourceDef): Column {
  const cls = 'io.kestra.core.models.dashboards.ColumnDescriptor';
  if (!isObject(value)) throw new BindError(chain, `Cannot construct instance of \`${cls}\`: a column must be a YAML mapping`);
  knownKeys(value, ['field', 'displayName', 'agg', 'labelKey', 'key', 'graphStyle', 'columnAlignment'], chain, cls);
  const column: Column = {};
  const field = str(value.field, ref(chain, cls, 'field'));
  if (field !== undefined) {
    if (!(field in source.fields)) throw enumError(ref(chain, cls, 'field'), source.enumClass, field, Object.keys(source.fields));
    column.field = field;
  }
  const agg = str(value.agg, ref(chain, cls, 'agg'));
  if (agg !== undefined) {
    if (!(AGGREGATIONS as readonly string[]).includes(agg)) throw enumError(ref(chain, cls, 'agg'), 'io.kestra.core.models.dashboards.AggregationType', agg, AGGREGATIONS);
    column.agg = agg as Column['agg'];
  }
  const labelKey = str(value.labelKey ?? value.key, ref(chain, cls, 'labelKey'));
  if (labelKey !== undefined) column.labelKey = labelKey;
  const displayName = str(value.displayName, ref(chain, cls, 'displayName'));
  if (displayName !== undefined) column.displayName = displayName;
  const graphStyle = str(value.graphStyle, ref(chain, cls, 'graphStyle'));
  if (graphStyle !== undefined) {
    if (!['LINES', 'BARS', 'POINTS'].includes(graphStyle)) throw enumError(ref(chain, cls, 'graphStyle'), 'io.kestra.core.models.dashboards.GraphStyle', graphStyle, ['LINES', 'BARS', 'POINTS']);
    column.graphStyle = graphStyle;
  }
  return column;
}

function bindData(value: unknown, chain: Chain): DataSpec {
  if (!isObject(value)) throw new BindError(chain, 'Cannot construct instance of `io.kestra.core.models.dashboards.DataFilter`: `data` must be a YAML mapping');
  const { name, def, type } = sourceOf(value, chain, false);
  const cls = `${DATA_PACKAGE}${name}`;
  knownKeys(value, ['type', 'columns', 'where', 'orderBy'], chain, cls);
  const columnsChain = ref(chain, cls, 'columns');
  const rawColumns = value.columns ?? {};
  if (!isObject(rawColumns)) throw new BindError(columnsChain, `Cannot deserialize value of type \`${MAP}\` from a non-object value`);
  const columns: Record<string, Column> = {};
  for (const [key, col] of Object.entries(rawColumns)) columns[key] = bindColumn(col, ref(columnsChain, MAP, key), def);
  return { source: name, type, columns, where: bindFilters(value.where, ref(chain, cls, 'where'), def), orderBy: bindOrderBy(value.orderBy, ref(chain, cls, 'orderBy')) };
}

function bindKpi(value: unknown, chain: Chain): KpiSpec {
  if (!isObject(value)) throw new BindError(chain, 'Cannot construct instance of `io.kestra.core.models.dashboards.DataFilterKPI`: `data` must be a YAML mapping');
  const { name, def, type } = sourceOf(value, chain, true);
  const cls = `${DATA_PACKAGE}${name}KPI`;
  knownKeys(value, ['type', 'columns', 'where', 'numerator'], chain, cls);
  const spec: KpiSpec = {
    source: name, type, column: bindColumn(value.columns ?? {}, ref(chain, cls, 'columns'), def),
    where: bindFilters(value.where, ref(chain, cls, 'where'), def),
  };
  if (value.numerator !== undefined && value.numerator !== null) spec.numerator = bindFilters(value.numerator, ref(chain, cls, 'numerator'), def);
  return spec;
}

function bindOrderBy(value: unknown, chain: Chain): OrderBy[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new BindError(chain, `Cannot deserialize value of type \`${LIST}<io.kestra.core.models.dashboards.OrderBy>\` from a non-array value`);
  const cls = 'io.kestra.core.models.dashboards.OrderBy';
  return value.map((item, i) => {
    const here = ref(chain, LIST, i);
    if (!isObject(item)) throw new BindError(here, `Cannot construct instance of \`${cls}\`: an orderBy item must be a YAML mapping`);
    knownKeys(item, ['column', 'order'], here, cls);
    const order = str(item.order, ref(here, cls, 'order')) ?? 'ASC';
    if (order !== 'ASC' && order !== 'DESC') throw enumError(ref(here, cls, 'order'), 'io.kestra.core.models.dashboards.Order', order, ['ASC', 'DESC']);
    return { column: str(item.column, ref(here, cls, 'column')) ?? '', order };
  });
}

/** the longest window Kestra accepts (366 days) */
export const MAX_WINDOW_MS = 366 * DAY;
