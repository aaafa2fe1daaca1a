// Dashboards API (api-contract §3.10; 2.0 adds the CSV exports and the default-dashboard
// settings). Handlers read bodies through src/http/body.ts so bad input is a Kestra 4xx.

import { routeModule } from '../http/route-module.ts';
import { attachment } from '../http/attachment.ts';
import { readJson, readText, requireKind } from '../http/body.ts';
import { pagingParams, queryOf, sortParams } from '../http/query.ts';
import { json, noContent } from '../http/respond.ts';
import { tenantOf } from '../http/tenant.ts';
import { illegalArgument, unprocessable } from '../shared/errors.ts';
import { dashboardJson, toCsv } from './serialize.ts';
import type { DashboardService, ChartData } from './service.ts';
import type { StoredDashboard } from './store.ts';

export interface DashboardRouteDeps { dashboards: DashboardService }

const SORTS: Record<string, (d: StoredDashboard) => string | number> = {
  id: (d) => d.id, title: (d) => d.dashboard.title.toLowerCase(), description: (d) => d.dashboard.description ?? '',
  created: (d) => d.created, updated: (d) => d.updated,
};

function sorted(list: StoredDashboard[], keys: { field: string; asc: boolean }[]): StoredDashboard[] {
  if (!keys.length) return list;
  return [...list].sort((a, b) => {
    for (const k of keys) {
      const x = SORTS[k.field]!(a);
      const y = SORTS[k.field]!(b);
      if (x !== y) return (x < y ? -1 : 1) * (k.asc ? 1 : -1);
    }
    return 0;
  });
}

const rows = (data: ChartData) => json({ results: data.results, total: data.total });

function csv(data: ChartData, fileName: string): Response {
  return new Response(toCsv(data.results, data.columns), {
    headers: { 'content-type': 'application/octet-stream', 'content-disposition': attachment(fileName) },
  });
}

/** Only tables export (Kestra's rule). */
function requireTable(kind: string): void {
  if (kind !== 'Table') throw illegalArgument('Only Table data charts can be exported.');
}

async function previewBody(request: Request): Promise<{ chart: string; globalFilter: unknown }> {
  requireKind(request, 'json');
  const body = await readJson(request);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unprocessable('Invalid json mapping: the body must be a JSON object');
  const { chart, globalFilter } = body as Record<string, unknown>;
  if (typeof chart !== 'string' || chart.trim() === '') throw unprocessable('chart: must not be blank');
  return { chart, globalFilter };
}

export function dashboardRoutes(deps: DashboardRouteDeps) {
  const { dashboards } = deps;
  return routeModule()
    .get('/dashboards', ({ request }) => {
      const q = queryOf(request);
      const paging = pagingParams(q);
      const order = sortParams(q, new Set(Object.keys(SORTS)));
      const all = sorted(dashboards.list(tenantOf(request), q.get('q') ?? undefined), order);
      return json({ results: all.slice(paging.offset, paging.offset + paging.size).map(dashboardJson), total: all.length });
    })
    .post('/dashboards', async ({ request }) => {
      requireKind(request, 'yaml');
      return json(dashboardJson(dashboards.create(tenantOf(request), await readText(request))));
    })
    .get('/dashboards/settings/default-dashboards', () => json(dashboards.defaults()))
    .post('/dashboards/validate', async ({ request }) => {
      requireKind(request, 'yaml');
      return json(dashboards.validate(await readText(request)));
    })
    .post('/dashboards/validate/chart', async ({ request }) => {
      requireKind(request, 'yaml');
      return json(dashboards.validateChart(await readText(request)));
    })
    .post('/dashboards/charts/preview', async ({ request }) => {
      const body = await previewBody(request);
      return rows(dashboards.preview(tenantOf(request), body.chart, body.globalFilter));
    })
    .post('/dashboards/charts/export/to-csv', async ({ request }) => {
      const body = await previewBody(request);
      const data = dashboards.preview(tenantOf(request), body.chart, body.globalFilter);
      requireTable(data.chart.kind);
      return csv(data, `default-dashboard_${data.chart.id}_export.csv`);
    })
    .get('/dashboards/:id', ({ request, params }) => json(dashboardJson(dashboards.get(tenantOf(request), params.id))))
    .put('/dashboards/:id', async ({ request, params }) => {
      requireKind(request, 'yaml');
      return json(dashboardJson(dashboards.update(tenantOf(request), params.id, await readText(request))));
    })
    .delete('/dashboards/:id', ({ request, params }) => {
      dashboards.delete(tenantOf(request), params.id);
      return noContent();
    })
    .post('/dashboards/:id/charts/:chartId', async ({ request, params }) => {
      const body = await readJson(request);
      return rows(dashboards.chartData(tenantOf(request), params.id, params.chartId, body));
    })
    .post('/dashboards/:id/charts/:chartId/export/to-csv', async ({ request, params }) => {
      const tenant = tenantOf(request);
      const chart = dashboards.get(tenant, params.id).dashboard.charts.find((c) => c.id === params.chartId);
      if (chart) requireTable(chart.kind);
      const data = dashboards.chartData(tenant, params.id, params.chartId, await readJson(request));
      return csv(data, `${params.id}_${params.chartId}_export.csv`);
    });
}
