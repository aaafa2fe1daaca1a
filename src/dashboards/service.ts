// Dashboards (api-contract §3.10): CRUD over the store with Kestra's validation, and chart data
// for a stored chart or a previewed one. Takes plain values; the routes translate HTTP.

import type { FlowService } from '../flows/service.ts';
import type { Clock } from '../shared/time/clock.ts';
import type { Db } from '../shared/db.ts';
import { ApiError, illegalArgument, invalidEntity, notFound } from '../shared/errors.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { readRequestFilters, withGlobals, type RequestFilters } from './global-filters.ts';
import type { Chart, Dashboard } from './model.ts';
import { parseChart, parseDashboard, violationsText, type Parsed } from './parse.ts';
import { chartRows, kpiValue, type Rows } from './query.ts';
import { DATA_SOURCES } from './sources.ts';
import type { DashboardStore, StoredDashboard } from './store.ts';

export interface DashboardServiceDeps {
  db: Db; store: DashboardStore; clock: Clock; ids: IdGenerator; flows: FlowService;
  /** the server time zone date buckets are cut in (IANA id or offset; `UTC` for none), asked per chart */
  timeZone: () => string;
}

const DAY = 86_400_000;
/** a preview without filters shows the last 8 days, as Kestra's does */
const PREVIEW_WINDOW = 8 * DAY;

function orThrow<T>(parsed: Parsed<T>): T {
  if (parsed.ok) return parsed.value;
  // Kestra's message: a binding error alone (its path is Jackson's chain), else every violation
  throw new ApiError('INVALID_ENTITY', violationsText(parsed.violations), parsed.violations);
}

export type ChartData = Rows & { columns: string[] };

export function createDashboardService(deps: DashboardServiceDeps) {
  const { store } = deps;
  const now = () => deps.clock.now();

  function find(tenant: string, id: string): StoredDashboard {
    const found = store.get(tenant, id);
    if (!found) throw notFound();
    return found;
  }

  function compute(tenant: string, chart: Chart, req: RequestFilters, window: { start?: number; end?: number }, notData: string): ChartData {
    if (chart.data) {
      const source = DATA_SOURCES[chart.data.source];
      const filters = withGlobals(source, chart.data.where, req, window);
      const rows = chartRows(deps.db, tenant, chart.data, filters, { start: window.start, end: window.end ?? now() }, deps.timeZone(), req.page);
      return { ...rows, columns: Object.keys(chart.data.columns) };
    }
    if (chart.kpi) {
      const filters = withGlobals(DATA_SOURCES[chart.kpi.source], chart.kpi.where, req, window);
      const value = kpiValue(deps.db, tenant, chart.kpi, filters, chart.chartOptions?.numberType === 'PERCENTAGE');
      return { results: [{ value }], total: 1, columns: ['value'] };
    }
    const source = chart.raw.source as { type?: unknown; namespace?: unknown; flowId?: unknown } | undefined;
    if (chart.kind === 'Markdown' && source?.type === 'FlowDescription') {
      const flow = deps.flows.getCurrent(tenant, String(source.namespace), String(source.flowId));
      if (!flow) throw illegalArgument('Flow not found');
      return { results: [{ description: String(flow.flow.description ?? '') }], total: 1, columns: ['description'] };
    }
    throw illegalArgument(notData);
  }

  function save(tenant: string, doc: Dashboard, source: string, id: string, previous?: StoredDashboard): StoredDashboard {
    const at = now();
    const stored: StoredDashboard = { tenant, id, source, created: previous?.created ?? at, updated: at, dashboard: { ...doc, id } };
    // an unchanged document is returned as it was (Kestra skips the write)
    if (previous && previous.source === source) return previous;
    store.save(stored);
    return stored;
  }

  return {
    list(tenant: string, q: string | undefined): StoredDashboard[] {
      const all = store.list(tenant);
      const needle = q && q !== '*' ? q.toLowerCase() : undefined;
      return needle ? all.filter((d) => d.dashboard.title.toLowerCase().includes(needle) || d.id.toLowerCase().includes(needle)) : all;
    },
    get: find,
    create(tenant: string, source: string): StoredDashboard {
      const doc = orThrow(parseDashboard(source));
      // 0.21 generates the id; 1.x and later take it from the YAML and refuse a taken one
      if (doc.id !== undefined && store.get(tenant, doc.id)) throw invalidEntity([{ path: 'dashboard.id', message: 'Dashboard id already exists' }]);
      return save(tenant, doc, source, doc.id ?? deps.ids());
    },
    update(tenant: string, id: string, source: string): StoredDashboard {
      const previous = find(tenant, id);
      const doc = orThrow(parseDashboard(source));
      if (doc.id !== undefined && doc.id !== id) throw invalidEntity([{ path: 'dashboard.id', message: 'Illegal dashboard id update' }]);
      return save(tenant, doc, source, id, previous);
    },
    delete(tenant: string, id: string): void {
      if (!store.delete(tenant, id)) throw notFound(`Dashboard ${id} doesn't exists`);
    },
    validate: (source: string) => report(parseDashboard(source)),
    validateChart: (source: string) => report(parseChart(source)),
    chartData(tenant: string, id: string, chartId: string, body: unknown): ChartData {
      const dashboard = find(tenant, id);
      const req = readRequestFilters(body, now());
      const end = req.endDate;
      const start = req.startDate ?? (end ?? now()) - dashboard.dashboard.timeWindow.defaultMs;
      if ((end ?? now()) - start > dashboard.dashboard.timeWindow.maxMs) throw illegalArgument('The queried window is larger than the max allowed one.');
      if (end !== undefined && end < start) throw illegalArgument('`endDate` must be after `startDate`.');
      const chart = dashboard.dashboard.charts.find((c) => c.id === chartId);
      if (!chart) throw notFound();
      return compute(tenant, chart, req, { start, end }, 'Only data charts can be generated.');
    },
    preview(tenant: string, chartSource: string, filters: unknown): ChartData & { chart: Chart } {
      const chart = orThrow(parseChart(chartSource));
      const req = readRequestFilters(filters, now());
      const window = req.given ? { start: req.startDate, end: req.endDate } : { start: now() - PREVIEW_WINDOW };
      return { ...compute(tenant, chart, req, window, 'Chart is not an instance of DataChart.'), chart };
    },
    defaults: (): Record<string, string> => ({}),
  };
}

function report<T>(parsed: Parsed<T>): { index: number; constraints?: string } {
  return parsed.ok ? { index: 0 } : { index: 0, constraints: parsed.message };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
