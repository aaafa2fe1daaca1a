// Executions API: create (its answer in create.ts), get, list, search, delete (api-contract §3.3).
// Control endpoints and files live in their own route files.

import { routeModule } from '../../http/route-module.ts';
import { searchInTurns, slicedPage } from '../../http/sliced.ts';
import { json, noContent } from '../../http/respond.ts';
import { badRequest, notFound } from '../../shared/errors.ts';
import { pagingParams, queryOf, sortParams } from '../../http/query.ts';
import { tenantOf } from '../../http/tenant.ts';
import type { BlobStore } from '../../shared/storage/blobs.ts';
import type { MetricStore } from '../../metrics/store.ts';
import { deleteExecution } from '../control/delete.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { LogStore } from '../../logs/store.ts';
import type { Engine } from '../engine/engine.ts';
import { executionFilterOf } from '../filters.ts';
import type { ExpressionEngine } from '../../expressions/index.ts';
import { executionJson } from '../serialize.ts';
import type { ExecutionService } from '../service.ts';
import { EXECUTION_SORT_FIELDS, type ExecutionStore } from '../store.ts';
import { createAnswer, validateAnswer } from './create.ts';

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

export function executionRoutes(deps: ExecutionRouteDeps) {
  const now = () => deps.clock.now();
  const page = async (request: Request) => {
    const q = queryOf(request);
    const paging = pagingParams(q);
    const tenant = tenantOf(request);
    const filter = executionFilterOf(q, now());
    const sort = sortParams(q, SORTABLE);
    // a big search counts, picks and answers in turns of their own, and is serialized in slices
    // (http/sliced.ts): size=10000 does not stall the server
    const { total, page: found } = await searchInTurns(paging.size, () => deps.store.count(tenant, filter),
      () => deps.store.pageInTurns(tenant, filter, sort, paging.size, paging.offset));
    const at = now();
    return slicedPage(total, found.count, (i) => {
      const e = found.get(i);
      return executionJson(deps.engine.get(e.tenant, e.id) ?? e, at);
    });
  };

  const create = createAnswer(deps);
  const validate = validateAnswer(deps);
  return routeModule()
    .post('/executions/:namespace/:id', ({ request, params }) => create(request, params.namespace, params.id))
    // validates inputs without creating anything (the UI's execute form)
    .post('/executions/:namespace/:id/validate', ({ request, params }) => validate(request, params.namespace, params.id))
    .get('/executions/search', ({ request }) => page(request))
    .get('/executions', ({ request }) => {
      const q = queryOf(request);
      for (const name of ['namespace', 'flowId']) if (!q.get(name)) throw badRequest(`Required QueryValue [${name}] not specified`);
      return page(request);
    })
    .get('/executions/:executionId', ({ request, params }) => json(executionJson(deps.executions.get(tenantOf(request), params.executionId), now())))
    .delete('/executions/:executionId', ({ request, params }) => {
      const tenant = tenantOf(request);
      const exec = deps.executions.find(tenant, params.executionId);
      if (!exec) throw notFound();
      deleteExecution(deps, tenant, exec, queryOf(request));
      return noContent();
    });
}
