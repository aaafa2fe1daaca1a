// The scheduler (engine-contract §5.1–5.2): trigger contexts for every Schedule and
// ScheduleOnDates trigger, re-synced when a flow changes, fired on the injected clock with a
// single timer armed for the earliest due slot (no polling while idle), one execution per
// trigger at a time, missed schedules recovered at start-up, backfills.

import type { FlowDocument, Label } from '../flows/model.ts';
import type { TimerHandle } from '../shared/time/clock.ts';
import { isTerminal } from '../executions/state.ts';
import { evaluateConditions } from './conditions/index.ts';
import { keyOf, SCHEDULED_TYPES, triggerKey, type TriggerContext } from './model.ts';
import { skipLate, type TriggerDef } from './slots.ts';
import { syncFlowContexts, recoverMissed } from './sync.ts';
import { createDueQueue } from './due-queue.ts';
import { createDateResolver } from './dates.ts';
import { renderTriggerLabels } from './labels.ts';
import type { SchedulerDeps, SyncDeps } from './scheduler-deps.ts';

export type Scheduler = ReturnType<typeof createScheduler>;

export const labelsOf = (value: unknown): Label[] =>
  Array.isArray(value) ? value.map((l) => ({ key: String(l.key), value: String(l.value) }))
    : value && typeof value === 'object' ? Object.entries(value).map(([key, v]) => ({ key, value: String(v) })) : [];

export function createScheduler(deps: SchedulerDeps) {
  const { store, clock, slots } = deps;
  const resolveDates = createDateResolver(deps);
  const syncDeps: SyncDeps = { ...deps, resolveDates };
  let timer: TimerHandle | undefined;
  let armedAt: number | undefined;
  let stopped = false;
  /** flow changes before start() are ignored: start() syncs every flow and applies recoverMissedSchedules first */
  let started = false;
  let evaluating = false;
  let again = false;
  let queue = createDueQueue();

  /** The trigger definition and flow of a context, when the flow still has that trigger. */
  function definition(t: TriggerContext): { def: TriggerDef; type: string; flowDisabled: boolean; flow: FlowDocument & { revision: number } } | undefined {
    const record = deps.flows.getDeployed(t.tenant, t.namespace, t.flowId);
    if (!record) return undefined;
    const def = (record.flow.triggers ?? []).find((d) => d.id === t.triggerId);
    if (!def) return undefined;
    const type = deps.catalog.canonicalType(String(def.type));
    let resolved: TriggerDef;
    try {
      resolved = resolveDates(t.tenant, { namespace: t.namespace, id: t.flowId, revision: record.revision }, def, type);
    } catch {
      // reported when the flow was synced; here the trigger just has no date left
      resolved = { ...def, dates: [] };
    }
    return { def: resolved, type, flowDisabled: record.disabled, flow: { ...record.flow, revision: record.revision } };
  }

  const activeBackfill = (t: TriggerContext) => (t.backfill && !t.backfill.paused && t.backfill.currentDate !== undefined ? t.backfill : undefined);
  const dueDate = (t: TriggerContext) => activeBackfill(t)?.currentDate ?? t.nextExecutionDate;

  const eligible = (t: TriggerContext) => !t.disabled && !t.executionId;
  /** re-files a trigger in the agenda after any change to it */
  const touch = (t: TriggerContext) => queue.update(keyOf(t), eligible(t) ? dueDate(t) : undefined);

  function arm() {
    if (stopped) return;
    const earliest = queue.peek();
    if (earliest === armedAt && timer) return;
    timer?.cancel();
    timer = undefined;
    armedAt = earliest;
    if (earliest !== undefined) {
      timer = clock.setTimer(Math.max(0, earliest - clock.now()), () => { timer = undefined; armedAt = undefined; void evaluate(); });
      deps.events.emit('scheduler.next', { date: earliest });
    }
  }

  async function fire(t: TriggerContext, d: NonNullable<ReturnType<typeof definition>>, slot: number) {
    const tz = slots.zoneOf(d.def);
    const backfill = activeBackfill(t);
    const next = slots.next(d.def, d.type, slot);
    const previous = slots.previous(d.def, d.type, slot);
    const vars: Record<string, unknown> = { date: slots.format(slot, tz) };
    if (next !== undefined) vars.next = slots.format(next, tz);
    if (previous !== undefined) vars.previous = slots.format(previous, tz);
    const ex = deps.expressions(t.tenant);
    const variables = { flow: { id: t.flowId, namespace: t.namespace, revision: d.flow.revision }, trigger: vars, schedule: vars, envs: deps.envs, globals: deps.globals };
    const render = (template: string) => ex.render(template, variables);

    // advance first, so a failure below never fires the same slot twice
    if (backfill) {
      const following = slots.next(d.def, d.type, slot);
      if (following === undefined || (backfill.end !== undefined && following > backfill.end)) {
        t.nextExecutionDate = backfill.previousNextExecutionDate ?? t.nextExecutionDate;
        t.backfill = undefined;
      } else backfill.currentDate = following;
    } else {
      t.nextExecutionDate = skipLate(slots, d.def, d.type, slots.next(d.def, d.type, slot), clock.now());
    }
    t.date = slot;
    t.updatedDate = clock.now();

    const conditions = evaluateConditions(d.def.conditions as never, { variables, render, now: clock.now(), timezone: tz });
    if (!conditions.ok && !conditions.error) { store.save(t); return; }
    try {
      const inputs = { ...((d.def.inputs ? ex.renderDeep(d.def.inputs, variables) : {}) as Record<string, unknown>), ...(backfill?.inputs ?? {}) };
      const warn = (message: string) => deps.onWarn?.(message, t);
      const labels = [...renderTriggerLabels(d.def.labels, render, warn), ...(backfill ? renderTriggerLabels(backfill.labels, render, warn) : [])];
      const isDates = d.type !== 'io.kestra.plugin.core.trigger.Schedule';
      const exec = await deps.executions.create({
        tenant: t.tenant, namespace: t.namespace, flowId: t.flowId, inputs, labels, correlationId: false,
        trigger: { id: t.triggerId, type: d.type, ...(isDates ? {} : { variables: vars }) },
        variables: isDates ? undefined : { schedule: vars },
        scheduleDate: isDates ? slot : undefined,
        failed: conditions.error !== undefined,
      });
      // a quick flow may already have ended while we awaited its creation
      const now = deps.executions.find(t.tenant, exec.id);
      if (!now || !isTerminal(now.state.current)) t.executionId = exec.id;
      else if (t.stopAfter?.includes(now.state.current)) t.disabled = true;
    } catch (err) {
      deps.onError?.(`Failed to create the scheduled execution of ${t.namespace}.${t.flowId} for trigger ${t.triggerId}: ${(err as Error).message}`, t);
    }
    store.save(t);
  }

  /** Fires every due, unlocked, enabled trigger once, then re-arms the timer. */
  async function evaluate(): Promise<void> {
    if (stopped) return;
    if (evaluating) { again = true; return; }
    evaluating = true;
    try {
      // keep going while triggers are due: a quick flow frees its trigger at once, and the next
      // due slot (missed schedules, backfills) must not wait for a timer
      do {
        again = false;
        for (let keys = queue.popDue(clock.now()); keys.length; keys = queue.popDue(clock.now())) {
          for (const key of keys) {
            const t = store.get(key);
            if (!t || !eligible(t)) continue;
            const due = dueDate(t);
            if (due === undefined) continue;
            if (due > clock.now()) { touch(t); continue; }
            const d = definition(t);
            // a disabled flow or trigger is filed again when the flow changes (flow.changed re-syncs it)
            if (!d || d.flowDisabled || d.def.disabled === true) continue;
            await fire(t, d, due);
            touch(t);
          }
        }
      } while (again);
    } finally {
      evaluating = false;
      arm();
    }
  }

  const offs = [
    deps.events.on('flow.changed', (e) => {
      if (!started) return;
      syncFlowContexts(syncDeps, e.tenant, e.namespace, e.id, e.deleted, undefined, touch, (key) => queue.update(key, undefined));
      void evaluate();
    }),
    deps.events.on('execution.updated', ({ execution }) => {
      if (!isTerminal(execution.state.current) || !execution.trigger) return;
      const t = store.get(triggerKey(execution.tenant, execution.namespace, execution.flowId, execution.trigger.id));
      if (!t || t.executionId !== execution.id) return;
      t.executionId = undefined;
      if (t.stopAfter?.includes(execution.state.current)) t.disabled = true;
      store.save(t);
      touch(t);
      queueMicrotask(() => void evaluate());
    }),
  ];

  /** contexts for every flow (created, updated or dropped to match the flows) */
  function syncAll() {
    // group existing contexts per flow once: syncing 10,000 flows must not rescan every context
    const byFlow = new Map<string, TriggerContext[]>();
    for (const t of store.all()) {
      const k = `${t.tenant}\u0000${t.namespace}\u0000${t.flowId}`;
      byFlow.set(k, [...(byFlow.get(k) ?? []), t]);
    }
    const seen = new Set<string>();
    for (const tenant of deps.flows.tenants()) {
      for (const r of deps.flows.list(tenant)) {
        const k = `${tenant}\u0000${r.namespace}\u0000${r.id}`;
        seen.add(k);
        syncFlowContexts(syncDeps, tenant, r.namespace, r.id, false, byFlow.get(k) ?? []);
      }
    }
    for (const [k, list] of byFlow) if (!seen.has(k)) for (const t of list) store.delete(t);
  }

  return {
    /** start-up: contexts for every flow, missed schedules recovered, then the first evaluation */
    async start() {
      started = true;
      syncAll();
      recoverMissed(deps, definition);
      for (const t of store.all()) touch(t);
      await evaluate();
    },
    /** the stored state is being replaced (admin reset/import): fire nothing until reload */
    suspend() {
      timer?.cancel();
      timer = undefined;
      armedAt = undefined;
      stopped = true;
    },
    /** after the stored state was replaced: re-read the contexts, sync them with the flows, re-arm */
    async reload() {
      stopped = false;
      store.reload();
      queue = createDueQueue();
      syncAll();
      for (const t of store.all()) touch(t);
      await evaluate();
    },
    /** true while an evaluation is firing triggers (the admin clock waits for it to settle) */
    busy: () => evaluating,
    evaluate,
    definition,
    get: (tenant: string, namespace: string, flowId: string, triggerId: string) => store.get(triggerKey(tenant, namespace, flowId, triggerId)),
    save(t: TriggerContext) { store.save(t); touch(t); arm(); },
    remove(t: TriggerContext) { store.delete(t); queue.update(keyOf(t), undefined); arm(); },
    /** the state of a trigger is forgotten and, while its flow still declares it, created afresh */
    reset(t: TriggerContext) {
      store.delete(t);
      queue.update(keyOf(t), undefined);
      syncFlowContexts(syncDeps, t.tenant, t.namespace, t.flowId, false, undefined, touch, (key) => queue.update(key, undefined));
      arm();
    },
    all: () => store.all(),
    key: keyOf,
    stop() {
      stopped = true;
      timer?.cancel();
      offs.forEach((off) => off());
    },
  };
}

export const isScheduled = (type: string) => SCHEDULED_TYPES.has(type);
