// Trigger routes new in Kestra 1.x/2.0, over the same scheduler as the 0.21 ones: set-disabled
// (2.0's replacement for `PUT /triggers`), backfill/create, deleting trigger states one by one,
// by ids or by query (each deleted state is created afresh from its flow, as Kestra's scheduler
// does on its next evaluation), and the CSV export.

import { routeModule } from '../http/route-module.ts';
import { readJson } from '../http/body.ts';
import { tokenAttachment } from '../http/attachment.ts';
import { queryOf, type Query } from '../http/query.ts';
import { json, noContent } from '../http/respond.ts';
import { tenantOf } from '../http/tenant.ts';
import { ApiError, illegalState, notFound } from '../shared/errors.ts';
import { isPlainObject } from '../shared/guards.ts';
import type { TriggerContext } from './model.ts';
import { isRef, triggerQuery, type Ref } from './query.ts';
import type { TriggerRouteDeps } from './routes.ts';
import { triggersCsv, triggerStateJson } from './serialize.ts';
import { applyBackfill, applyDisabled } from './updates.ts';

/** `{"filters": [{field, operation, value}]}` bodies join the query's `filters[field][op]=value`. */
function withBodyFilters(q: Query, body: unknown): Query {
  if (body === undefined) return q;
  const filters = isPlainObject(body) ? body.filters : undefined;
  if (!Array.isArray(filters) || !filters.every((f) => isPlainObject(f) && typeof f.field === 'string')) {
    throw new ApiError('INVALID_JSON', 'Expected {"filters": [{"field": ..., "operation": ..., "value": ...}]}');
  }
  const out = new URLSearchParams(q);
  for (const f of filters) out.append(`filters[${f.field}][${typeof f.operation === 'string' ? f.operation : 'EQUALS'}]`, String(f.value ?? ''));
  return out;
}

export function triggerStateRoutes(deps: TriggerRouteDeps) {
  const { scheduler, slots, clock } = deps;
  const { matching, sorted, required } = triggerQuery(scheduler);
  const state = (t: TriggerContext) => json(triggerStateJson(t, slots, clock.now()));
  const asyncDone = (count: number) => ({ operationId: `delete-triggers-${clock.now()}`, totalItems: count });

  async function refBody(request: Request) {
    const b = await readJson(request);
    if (!isRef(b)) throw new ApiError('INVALID_JSON', 'Expected a trigger object {"namespace", "flowId", "triggerId", ...}');
    return b as Ref & Record<string, unknown>;
  }
  function definitionOf(tenant: string, ref: Ref) {
    const t = required(tenant, ref);
    const d = scheduler.definition(t);
    if (!d) throw notFound(`Flow ${String(ref.flowId)} has no trigger ${String(ref.triggerId)}`);
    return { t, d };
  }

  return routeModule()
    .put('/triggers/set-disabled', async ({ request }) => {
      const b = await refBody(request);
      if (typeof b.disabled !== 'boolean') throw new ApiError('INVALID_JSON', '"disabled" must be a boolean');
      const { t, d } = definitionOf(tenantOf(request), b);
      applyDisabled(t, d, b.disabled, slots, clock.now());
      t.updatedDate = clock.now();
      scheduler.save(t);
      const answer = state(t); // before evaluating: a due slot may fire (and advance) at once
      void scheduler.evaluate();
      return answer;
    })
    .put('/triggers/backfill/create', async ({ request }) => {
      const b = await refBody(request);
      if (!isPlainObject(b.backfill)) throw new ApiError('INVALID_JSON', 'Expected "backfill": {"start": ..., "end": ...}');
      const { t, d } = definitionOf(tenantOf(request), b);
      if (t.backfill) throw illegalState(`Trigger ${t.triggerId} already has a backfill; delete it first`);
      applyBackfill(t, d, { ...b.backfill, paused: false }, slots, clock.now());
      if (!t.backfill) throw illegalState('The backfill window holds no schedule date');
      t.updatedDate = clock.now();
      scheduler.save(t);
      const answer = state(t); // before evaluating: a due slot may fire (and advance) at once
      void scheduler.evaluate();
      return answer;
    })
    .delete('/triggers/:namespace/:flowId/:triggerId', ({ request, params }) => {
      scheduler.reset(required(tenantOf(request), params));
      return noContent();
    })
    .delete('/triggers/delete/by-triggers', async ({ request }) => {
      const b = await readJson(request);
      if (!Array.isArray(b) || !b.every(isRef)) throw new ApiError('INVALID_JSON', 'Expected a JSON array of triggers {"namespace", "flowId", "triggerId"}');
      const { find } = triggerQuery(scheduler);
      const found = b.map((ref) => find(tenantOf(request), ref)).filter((t): t is TriggerContext => t !== undefined);
      for (const t of found) scheduler.reset(t);
      return asyncDone(found.length);
    })
    .delete('/triggers/delete/by-query', async ({ request }) => {
      const all = matching(tenantOf(request), withBodyFilters(queryOf(request), await readJson(request)));
      for (const t of all) scheduler.reset(t);
      return asyncDone(all.length);
    })
    .get('/triggers/export/by-query/csv', ({ request }) => {
      const q = queryOf(request);
      return new Response(triggersCsv(sorted(matching(tenantOf(request), q), q), slots), {
        headers: { 'content-type': 'text/csv', 'content-disposition': tokenAttachment('triggers.csv') },
      });
    });
}
