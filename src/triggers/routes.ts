// Triggers API (api-contract §3.14): search, per-flow listing, enable/disable and backfills
// through PUT, unlock, restart, and the by-triggers / by-query bulk forms.

import { routeModule } from '../http/route-module.ts';
import { json } from '../http/respond.ts';
import { readJson } from '../http/body.ts';
import { boolParam, pagingParams, queryOf } from '../http/query.ts';
import { tenantOf } from '../http/tenant.ts';
import { ApiError, badRequest, illegalState, notFound } from '../shared/errors.ts';
import type { Clock } from '../shared/time/clock.ts';
import type { Engine } from '../executions/engine/engine.ts';
import type { FlowService } from '../flows/service.ts';
import type { TriggerContext } from './model.ts';
import { isRef, triggerQuery, type Ref } from './query.ts';
import type { Scheduler } from './scheduler.ts';
import { triggerJson } from './serialize.ts';
import type { SlotCalculator } from './slots.ts';
import { applyBackfill, applyDisabled } from './updates.ts';

export interface TriggerRouteDeps { scheduler: Scheduler; slots: SlotCalculator; clock: Clock; engine: Engine; flows: FlowService }

export function triggerRoutes(deps: TriggerRouteDeps) {
  const { scheduler } = deps;
  const out = (t: TriggerContext) => triggerJson(t, deps.slots);
  const locked = (t: TriggerContext) => t.executionId !== undefined || t.evaluateRunningDate !== undefined;

  const { matching, sorted, find, required } = triggerQuery(scheduler);
  async function body(request: Request): Promise<Ref & Record<string, unknown>> {
    const b = await readJson(request);
    if (!isRef(b)) throw new ApiError('INVALID_JSON', 'Expected a trigger object {"namespace", "flowId", "triggerId", ...}');
    if ('disabled' in b && typeof (b as Record<string, unknown>).disabled !== 'boolean') throw new ApiError('INVALID_JSON', '"disabled" must be a boolean');
    return b as Ref & Record<string, unknown>;
  }
  async function list(request: Request): Promise<Ref[]> {
    const b = await readJson(request);
    if (!Array.isArray(b) || !b.every(isRef)) throw new ApiError('INVALID_JSON', 'Expected a JSON array of triggers {"namespace", "flowId", "triggerId"}');
    return b;
  }
  const unlock = (t: TriggerContext) => {
    t.executionId = undefined; t.evaluateRunningDate = undefined; t.workerId = undefined; t.updatedDate = undefined;
    scheduler.save(t);
  };
  const setPaused = (t: TriggerContext, paused: boolean) => {
    if (!t.backfill) throw badRequest('No backfill found');
    t.backfill = { ...t.backfill, paused };
    scheduler.save(t);
    void scheduler.evaluate();
  };
  const deleteBackfill = (t: TriggerContext) => {
    if (!t.backfill) throw badRequest('No backfill found');
    t.nextExecutionDate = t.backfill.previousNextExecutionDate ?? t.nextExecutionDate;
    t.backfill = undefined;
    scheduler.save(t);
  };
  /** by-triggers bulk: unknown triggers count (Kestra's quirk), skipped ones do not */
  const bulk = async (request: Request, fn: (t: TriggerContext) => boolean) => {
    let count = 0;
    for (const ref of await list(request)) {
      const t = find(tenantOf(request), ref);
      if (!t || fn(t)) count++;
    }
    return { count };
  };

  return routeModule()
    .get('/triggers/search', ({ request }) => {
      const q = queryOf(request);
      const paging = pagingParams(q);
      const all = sorted(matching(tenantOf(request), q), q);
      const results = all.slice(paging.offset, paging.offset + paging.size).flatMap((t) => {
        const d = scheduler.definition(t);
        return d ? [{ abstractTrigger: d.def, triggerContext: out(t) }] : [];
      });
      return json({ results, total: all.length });
    })
    .get('/triggers/:namespace/:flowId', ({ request, params }) => {
      const q = queryOf(request);
      const paging = pagingParams(q);
      const all = sorted(matching(tenantOf(request), q).filter((t) => (t.namespace === params.namespace || t.namespace.startsWith(`${params.namespace}.`)) && t.flowId === params.flowId), q);
      return json({ results: all.slice(paging.offset, paging.offset + paging.size).map(out), total: all.length });
    })
    .put('/triggers', async ({ request }) => {
      const b = await body(request);
      const tenant = tenantOf(request);
      const t = find(tenant, b);
      if (!deps.flows.getCurrent(tenant, String(b.namespace), String(b.flowId))) throw notFound(`Flow of trigger ${String(b.triggerId)} not found`);
      const d = t && scheduler.definition(t);
      if (!t || !d) throw notFound(`Flow ${String(b.flowId)} has no trigger ${String(b.triggerId)}`);
      if (typeof b.disabled === 'boolean') applyDisabled(t, d, b.disabled, deps.slots, deps.clock.now());
      if (b.backfill) applyBackfill(t, d, b.backfill, deps.slots, deps.clock.now());
      t.updatedDate = deps.clock.now();
      scheduler.save(t);
      void scheduler.evaluate();
      return json(out(t));
    })
    .post('/triggers/:namespace/:flowId/:triggerId/unlock', ({ request, params }) => {
      const t = required(tenantOf(request), params);
      if (!locked(t)) throw illegalState('Trigger is not locked');
      unlock(t);
      return json(out(t));
    })
    .post('/triggers/:namespace/:flowId/:triggerId/restart', ({ request, params }) => {
      const tenant = tenantOf(request);
      const t = required(tenant, params);
      if (t.executionId) deps.engine.kill(tenant, t.executionId);
      t.executionId = undefined; t.workerId = undefined; t.evaluateRunningDate = undefined; t.date = undefined;
      scheduler.save(t);
      void scheduler.evaluate();
      return json(out(t));
    })
    .post('/triggers/unlock/by-triggers', ({ request }) => bulk(request, (t) => (locked(t) ? (unlock(t), true) : false)))
    .post('/triggers/unlock/by-query', ({ request }) => ({ count: matching(tenantOf(request), queryOf(request)).filter((t) => locked(t) && (unlock(t), true)).length }))
    .post('/triggers/set-disabled/by-triggers', async ({ request }) => {
      const b = (await readJson(request)) as { triggers?: Ref[]; disabled?: unknown } | undefined;
      if (!b || !Array.isArray(b.triggers) || !b.triggers.every(isRef) || typeof b.disabled !== 'boolean') throw new ApiError('INVALID_JSON', 'Expected {"triggers": [...], "disabled": bool}');
      for (const ref of b.triggers) {
        const t = find(tenantOf(request), ref);
        const d = t && scheduler.definition(t);
        if (t && d) { applyDisabled(t, d, b.disabled, deps.slots, deps.clock.now()); scheduler.save(t); }
      }
      void scheduler.evaluate();
      return { count: b.triggers.length };
    })
    .post('/triggers/set-disabled/by-query', ({ request }) => {
      const q = queryOf(request);
      const disabled = boolParam(q, 'disabled', true);
      const all = matching(tenantOf(request), q);
      for (const t of all) { const d = scheduler.definition(t); if (d) { applyDisabled(t, d, disabled, deps.slots, deps.clock.now()); scheduler.save(t); } }
      void scheduler.evaluate();
      return { count: all.length };
    })
    .put('/triggers/backfill/pause', async ({ request }) => { const t = required(tenantOf(request), await body(request)); setPaused(t, true); return json(out(t)); })
    .put('/triggers/backfill/unpause', async ({ request }) => { const t = required(tenantOf(request), await body(request)); setPaused(t, false); return json(out(t)); })
    .post('/triggers/backfill/pause/by-triggers', ({ request }) => bulk(request, (t) => (t.backfill ? (setPaused(t, true), true) : false)))
    .post('/triggers/backfill/unpause/by-triggers', ({ request }) => bulk(request, (t) => (t.backfill ? (setPaused(t, false), true) : false)))
    .post('/triggers/backfill/pause/by-query', ({ request }) => ({ count: matching(tenantOf(request), queryOf(request)).filter((t) => t.backfill && (setPaused(t, true), true)).length }))
    .post('/triggers/backfill/unpause/by-query', ({ request }) => ({ count: matching(tenantOf(request), queryOf(request)).filter((t) => t.backfill && (setPaused(t, false), true)).length }))
    .post('/triggers/backfill/delete', async ({ request }) => { const t = required(tenantOf(request), await body(request)); deleteBackfill(t); return json(out(t)); })
    .post('/triggers/backfill/delete/by-triggers', ({ request }) => bulk(request, (t) => (t.backfill ? (deleteBackfill(t), true) : false)))
    .post('/triggers/backfill/delete/by-query', ({ request }) => ({ count: matching(tenantOf(request), queryOf(request)).filter((t) => t.backfill && (deleteBackfill(t), true)).length }));
}

