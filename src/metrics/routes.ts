// Metrics API (api-contract §3.9): per-execution pages, distinct names and task ids of a flow,
// and time-bucketed aggregates of one metric. Unknown resources read as empty results.

import { routeModule } from '../http/route-module.ts';
import { json } from '../http/respond.ts';
import { dateParam, pagingParams, queryOf, sortParams } from '../http/query.ts';
import { tenantOf } from '../http/tenant.ts';
import { metricJson } from './serialize.ts';
import type { Clock } from '../shared/time/clock.ts';
import { illegalArgument } from '../shared/errors.ts';
import { instantText, lazyZone, windowOf } from '../shared/time/buckets.ts';
import { isAggregation, METRIC_SORT_FIELDS, type MetricQueries } from './queries.ts';

export interface MetricRouteDeps {
  metrics: MetricQueries;
  clock: Clock;
  /** IANA zone of the aggregate buckets; the process zone when absent */
  timeZone?: string;
}

const SORTABLE = new Set(Object.keys(METRIC_SORT_FIELDS));

export function metricRoutes({ metrics, clock, timeZone }: MetricRouteDeps) {
  const zone = lazyZone(timeZone);

  function aggregate(request: Request, p: { namespace: string; flowId: string; taskId?: string; metric: string }) {
    const q = queryOf(request);
    const aggregation = q.get('aggregation') || 'sum';
    if (!isAggregation(aggregation)) throw illegalArgument(`Invalid aggregation: ${aggregation}`);
    const win = windowOf(dateParam(q, 'startDate'), dateParam(q, 'endDate'), clock.now(), zone());
    const result = metrics.aggregate(tenantOf(request), p.namespace, p.flowId, p.taskId, p.metric, aggregation, win);
    return json({ groupBy: result.groupBy, aggregations: result.aggregations.map((a) => ({ ...a, date: instantText(a.date) })) });
  }

  return routeModule()
    .get('/metrics/:executionId', ({ request, params }) => {
      const q = queryOf(request);
      const paging = pagingParams(q);
      const by = { taskId: q.get('taskId') || undefined, taskRunId: q.get('taskRunId') || undefined };
      const page = metrics.byExecution(tenantOf(request), params.executionId, by, sortParams(q, SORTABLE), paging.size, paging.offset);
      return json({ results: page.results.map(metricJson), total: page.total });
    })
    .get('/metrics/names/:namespace/:flowId', ({ request, params }) => json(metrics.names(tenantOf(request), params.namespace, params.flowId)))
    .get('/metrics/names/:namespace/:flowId/:taskId', ({ request, params }) =>
      json(metrics.names(tenantOf(request), params.namespace, params.flowId, params.taskId)))
    .get('/metrics/tasks/:namespace/:flowId', ({ request, params }) => json(metrics.tasks(tenantOf(request), params.namespace, params.flowId)))
    .get('/metrics/aggregates/:namespace/:flowId/:metric', ({ request, params: p }) =>
      aggregate(request, { namespace: p.namespace, flowId: p.flowId, metric: p.metric }))
    .get('/metrics/aggregates/:namespace/:flowId/:taskId/:metric', ({ request, params: p }) =>
      aggregate(request, { namespace: p.namespace, flowId: p.flowId, taskId: p.taskId, metric: p.metric }));
}
