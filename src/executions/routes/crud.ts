// Executions API: create (multipart inputs, labels, scheduleDate, wait), get, list, search,
// delete (api-contract §3.3). Control endpoints and files live in their own route files.

import { routeModule } from '../../http/route-module.ts';
import { slicedPage } from '../../http/sliced.ts';
import { json } from '../../http/respond.ts';
import { bodyKind, readForm } from '../../http/body.ts';
import { badRequest, notFound, unprocessable } from '../../shared/errors.ts';
import { boolParam, dateParam, intParam, pagingParams, parseLabels, queryOf, sortParams } from '../../http/query.ts';
import { tenantOf } from '../../http/tenant.ts';
import type { BlobStore } from '../../shared/storage/blobs.ts';
import type { MetricStore } from '../../metrics/store.ts';
import { deleteExecution } from '../control/delete.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { LogStore } from '../../logs/store.ts';
import type { Engine } from '../engine/engine.ts';
import { executionFilterOf } from '../filters.ts';
import { providedFromForm, validateInputs } from '../inputs/inputs.ts';
import type { ExpressionEngine } from '../../expressions/index.ts';
import { executionJson, inputValidationJson } from '../serialize.ts';
import { parseBreakpoints } from '../engine/breakpoints.ts';
import { inputsFromRequest } from '../inputs/request.ts';
import { isExecutionKind, type ExecutionKind } from '../model.ts';
import type { ExecutionService } from '../service.ts';
import { EXECUTION_SORT_FIELDS, type ExecutionStore } from '../store.ts';

export interface ExecutionRouteDeps {
  executions: ExecutionService;
  store: ExecutionStore;
  engine: Engine;
  logs: LogStore;
  metrics: MetricStore;
  blobs: BlobStore;
  clock: Clock;
  publicUrl: string;
  expressions(tenant: string): ExpressionEngine;
}

const SORTABLE = new Set(Object.keys(EXECUTION_SORT_FIELDS));

/** `?kind=` (Kestra 1.x+): one of ExecutionKind, else Micronaut's conversion error */
function kindParam(q: URLSearchParams): ExecutionKind | undefined {
  const raw = q.get('kind');
  if (raw === null || raw === '') return undefined;
  if (!isExecutionKind(raw)) throw unprocessable(`Failed to convert argument [kind] for value [${raw}] due to: No enum constant io.kestra.core.models.executions.ExecutionKind.${raw}`);
  return raw;
}

export function executionRoutes(deps: ExecutionRouteDeps) {
  const now = () => deps.clock.now();
  const page = (request: Request) => {
    const q = queryOf(request);
    const paging = pagingParams(q);
    const found = deps.store.searchLazy(tenantOf(request), executionFilterOf(q, now()), sortParams(q, SORTABLE), paging.size, paging.offset);
    const at = now();
    // big pages are read and serialized in slices (http/sliced.ts): size=10000 no longer stalls the server
    return slicedPage(found.total, found.count, (i) => {
      const e = found.get(i);
      return executionJson(deps.engine.get(e.tenant, e.id) ?? e, at);
    });
  };

  return routeModule()
    // POST /executions/{namespace}/{flowId}. Elysia 1.4's router allows one parameter name per method
    // and path position, and the POST /executions/{executionId}/<action> routes own this one; the
    // namespace is renamed where it arrives.
    .post('/executions/:executionId/:flowId', async ({ request, params: { executionId: namespace, flowId } }) => {
      const q = queryOf(request);
      const provided = await inputsFromRequest(request);
      const scheduleDate = dateParam(q, 'scheduleDate');
      const tenant = tenantOf(request);
      const exec = await deps.executions.create({
        tenant, namespace, flowId, revision: intParam(q, 'revision'),
        inputs: provided, labels: parseLabels(q.getAll('labels')), scheduleDate,
        breakpoints: parseBreakpoints(q.get('breakpoints')), kind: kindParam(q),
      });
      if (boolParam(q, 'wait', false)) {
        const done = deps.engine.waitForTerminal(tenant, exec.id);
        const final = done ? await done : deps.executions.get(tenant, exec.id);
        return json(executionJson(final, now(), deps.publicUrl));
      }
      return json(executionJson(exec, now(), deps.publicUrl));
    })
    // validates inputs without creating anything (the UI's execute form); same shared position as above
    .post('/executions/:executionId/:flowId/validate', async ({ request, params: { executionId: namespace, flowId } }) => {
      const tenant = tenantOf(request);
      const provided = bodyKind(request) === 'multipart' ? await providedFromForm(await readForm(request)) : new Map();
      const plan = deps.executions.planFor(tenant, namespace, flowId);
      const results = await validateInputs(plan.flow.inputs, provided, {
        tenant, namespace: plan.namespace, flowId: plan.id, executionId: 'validation', blobs: deps.blobs, expressions: deps.expressions(tenant),
        variables: { flow: { id: plan.id, namespace: plan.namespace, revision: plan.revision } },
      });
      return json(inputValidationJson(plan, results));
    })
    .get('/executions/search', ({ request }) => page(request))
    .get('/executions', ({ request }) => {
      const q = queryOf(request);
      for (const name of ['namespace', 'flowId']) if (!q.get(name)) throw badRequest(`Required QueryValue [${name}] not specified`);
      return page(request);
    })
    .get('/executions/:executionId', ({ request, params }) => json(executionJson(deps.executions.get(tenantOf(request), params.executionId), now())))
    .delete('/executions/:executionId', ({ request, params, set }) => {
      const tenant = tenantOf(request);
      const exec = deps.executions.find(tenant, params.executionId);
      if (!exec) throw notFound();
      deleteExecution(deps, tenant, exec, queryOf(request));
      set.status = 204;
      return undefined;
    });
}
