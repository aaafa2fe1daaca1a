// The dashboard document (api-contract §2.12) as kestra-lite keeps it after binding its YAML:
// charts, their data sources and column descriptors, `where` filters. The chart and data type
// names, the aggregations and the filter types are closed lists, as Kestra's plugin classes are.
// (Chart-data request bodies are read field by field in global-filters.ts, for Kestra's messages.)

export const CHART_PACKAGE = 'io.kestra.plugin.core.dashboard.chart.';
export const DATA_PACKAGE = 'io.kestra.plugin.core.dashboard.data.';

export const DATA_CHARTS = ['TimeSeries', 'Bar', 'Pie', 'Table'] as const;
export const CHART_TYPES = [...DATA_CHARTS, 'Markdown', 'KPI'] as const;
export type ChartKind = (typeof CHART_TYPES)[number];

export const SOURCES = ['Executions', 'Logs', 'Metrics', 'Flows', 'Triggers'] as const;
export type SourceName = (typeof SOURCES)[number];

export const AGGREGATIONS = ['AVG', 'MAX', 'MIN', 'SUM', 'COUNT'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const FILTER_TYPES = [
  'CONTAINS', 'ENDS_WITH', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_OR_EQUAL_TO', 'IN', 'IS_FALSE', 'IS_NOT_NULL',
  'IS_NULL', 'IS_TRUE', 'LESS_THAN', 'LESS_THAN_OR_EQUAL_TO', 'NOT_EQUAL_TO', 'NOT_IN', 'OR', 'REGEX', 'STARTS_WITH',
  'NOT_CONTAINS', 'PREFIX',
] as const;
export type FilterType = (typeof FILTER_TYPES)[number];

export interface Column {
  /** a field of the data source's closed list; absent only for `agg: COUNT` */
  field?: string;
  displayName?: string;
  agg?: Aggregation;
  /** which label a LABELS column reads */
  labelKey?: string;
  graphStyle?: string;
}

export interface Filter {
  type: FilterType;
  field: string;
  labelKey?: string;
  value?: unknown;
  /** IN / NOT_IN values, or the sub-filters of OR */
  values?: unknown[];
}

export interface OrderBy { column: string; order: 'ASC' | 'DESC' }

export interface DataSpec {
  source: SourceName;
  /** the `data.type` as written (KPI variants end with `KPI`) */
  type: string;
  columns: Record<string, Column>;
  where: Filter[];
  orderBy: OrderBy[];
}

export interface KpiSpec { source: SourceName; type: string; column: Column; where: Filter[]; numerator?: Filter[] }

export interface Chart {
  id: string;
  kind: ChartKind;
  /** the chart as written (chart options are kept verbatim for clients) */
  raw: Record<string, unknown>;
  chartOptions?: Record<string, unknown>;
  data?: DataSpec;
  kpi?: KpiSpec;
}

export interface Dashboard {
  /** from the YAML (Kestra ≥ 1.0) or generated (0.21, where the YAML carries none) */
  id?: string;
  title: string;
  description?: string;
  /** ISO-8601 durations as written, and their value in ms */
  timeWindow: { default: string; max: string; defaultMs: number; maxMs: number };
  charts: Chart[];
}

/** A stored dashboard: the bound document plus the YAML source kept verbatim. */
export interface DashboardRecord {
  tenant: string;
  id: string;
  source: string;
  created: number;
  updated: number;
}
