// Keeping trigger contexts in step with flows (engine-contract §5.1): created when a flow with a
// Schedule/ScheduleOnDates trigger is saved, kept as they are when a save leaves the schedule
// unchanged (no lost or duplicate fire), recomputed when the schedule itself changes, deleted
// with the trigger or the flow. At start-up, missed slots follow `recoverMissedSchedules`.

import { isTerminal } from '../executions/state.ts';
import { keyOf, SCHEDULED_TYPES, type TriggerContext } from './model.ts';
import type { SchedulerDeps, SyncDeps } from './scheduler-deps.ts';
import type { TriggerDef } from './slots.ts';

type Ctx = TriggerContext & { signature?: string };

const truncateSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;

export function syncFlowContexts(
  deps: SyncDeps, tenant: string, namespace: string, flowId: string, deleted: boolean,
  known?: TriggerContext[], touched?: (t: TriggerContext) => void, removed?: (key: string) => void,
): void {
  const existing = (known ?? [...deps.store.all()].filter((t) => t.tenant === tenant && t.namespace === namespace && t.flowId === flowId)) as Ctx[];
  const record = deleted ? undefined : deps.flows.getDeployed(tenant, namespace, flowId);
  const defs = (record?.flow.triggers ?? [])
    .map((def) => ({ def, type: deps.catalog.canonicalType(String(def.type)) }))
    .filter((d) => SCHEDULED_TYPES.has(d.type));
  const now = deps.clock.now();
  const changed: Ctx[] = [];
  for (const { def: declared, type } of defs) {
    const ctx = existing.find((t) => t.triggerId === declared.id);
    let def = declared;
    try {
      def = deps.resolveDates(tenant, { namespace, id: flowId, revision: record!.revision }, declared, type);
    } catch (err) {
      deps.onError?.(`Trigger ${declared.id} of ${namespace}.${flowId}: cannot render dates: ${(err as Error).message}`, { tenant, namespace, flowId, triggerId: declared.id });
      def = { ...declared, dates: [] };
    }
    const signature = deps.slots.signature(def, type);
    const timezone = deps.slots.zoneOf(def);
    const stopAfter = Array.isArray(def.stopAfter) ? (def.stopAfter as TriggerContext['stopAfter']) : undefined;
    let next: number | undefined;
    try {
      next = ctx && ctx.signature === signature ? ctx.nextExecutionDate : deps.slots.next(def, type, now);
    } catch (err) {
      deps.onError?.(`Trigger ${def.id} of ${namespace}.${flowId}: ${(err as Error).message}`, { tenant, namespace, flowId, triggerId: def.id });
      continue;
    }
    if (!ctx) {
      changed.push({ tenant, namespace, flowId, triggerId: def.id, date: truncateSeconds(now), nextExecutionDate: next, disabled: false, stopAfter, timezone, signature, updatedDate: now });
    } else if (ctx.signature !== signature || ctx.timezone !== timezone || JSON.stringify(ctx.stopAfter) !== JSON.stringify(stopAfter)) {
      changed.push({ ...ctx, nextExecutionDate: next, timezone, signature, stopAfter, updatedDate: now });
    } else {
      touched?.(ctx); // unchanged, but the flow may have been re-enabled: file it again
    }
  }
  if (changed.length) deps.store.saveMany(changed);
  for (const t of changed) touched?.(t);
  const ids = new Set(defs.map((d) => d.def.id));
  for (const t of existing) {
    if (ids.has(t.triggerId)) continue;
    deps.store.delete(t);
    removed?.(keyOf(t));
  }
}

export function recoverMissed(deps: SchedulerDeps, definition: (t: TriggerContext) => { def: TriggerDef; type: string } | undefined): void {
  const now = deps.clock.now();
  const changed: TriggerContext[] = [];
  for (const t of deps.store.all()) {
    let dirty = false;
    if (t.executionId) {
      const exec = deps.executions.find(t.tenant, t.executionId);
      if (!exec || isTerminal(exec.state.current)) { t.executionId = undefined; dirty = true; }
    }
    const d = definition(t);
    if (d && t.nextExecutionDate !== undefined && t.nextExecutionDate < now && !t.backfill) {
      const policy = String(d.def.recoverMissedSchedules ?? 'ALL');
      if (policy === 'NONE') { t.nextExecutionDate = deps.slots.next(d.def, d.type, now); dirty = true; }
      if (policy === 'LAST') {
        const last = deps.slots.previous(d.def, d.type, now + 1);
        t.nextExecutionDate = last !== undefined && last >= (t.nextExecutionDate ?? 0) ? last : deps.slots.next(d.def, d.type, now);
        dirty = true;
      }
    }
    if (dirty) changed.push(t);
  }
  if (changed.length) deps.store.saveMany(changed);
}
