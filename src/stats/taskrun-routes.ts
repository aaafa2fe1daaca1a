// `GET /taskruns/search` (api-contract §3.15), which open-source Kestra only serves with
// Elasticsearch; kestra-lite serves it from the derived task-run table (decisions.md).
// Filters are the executions ones (§1.6); `state` and the dates apply to the task run itself.

import { routeModule } from '../http/route-module.ts';
import { json } from '../http/respond.ts';
import { pagingParams, queryOf, sortParams } from '../http/query.ts';
import { tenantOf } from '../http/tenant.ts';
import type { Clock } from '../shared/time/clock.ts';
import { TASKRUN_SORT_FIELDS, type TaskRunIndex } from './taskrun-index.ts';
import { executionFilterOf } from '../executions/filters.ts';
import { taskRunJson } from '../executions/serialize.ts';

export interface TaskRunRouteDeps { taskRuns: TaskRunIndex; clock: Clock }

const SORTABLE = new Set(Object.keys(TASKRUN_SORT_FIELDS));

export function taskRunRoutes({ taskRuns, clock }: TaskRunRouteDeps) {
  return routeModule().get('/taskruns/search', ({ request }) => {
    const q = queryOf(request);
    const now = clock.now();
    const paging = pagingParams(q);
    const sort = sortParams(q, SORTABLE);
    const f = executionFilterOf(q, now);
    taskRuns.refresh();
    const page = taskRuns.search(tenantOf(request), {
      q: f.q, namespace: f.namespace, flowId: f.flowId, scope: f.scope, states: f.states, startDate: f.startDate, endDate: f.endDate,
      labels: f.labels, triggerExecutionId: f.triggerExecutionId, childFilter: f.childFilter,
    }, sort, paging.size, paging.offset, now);
    return json({ results: page.results.map((t) => taskRunJson(t, now)), total: page.total });
  });
}
