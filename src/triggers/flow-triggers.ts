// Flow triggers (engine-contract §5.4): whenever an execution changes state, every other flow
// with an enabled Flow trigger whose `states` (default: terminal states; RUNNING, PAUSED... fire on
// each matching change), conditions and preconditions match gets a new execution carrying the
// upstream execution's ids, state and outputs in `trigger`. `stopAfter` disables the trigger once
// an execution it created ends in one of those states.

import type { ExpressionEngine } from '../expressions/index.ts';
import type { Execution } from '../executions/model.ts';
import type { LogEntry } from '../logs/model.ts';
import type { ExecutionService } from '../executions/service.ts';
import { TERMINAL, isTerminal } from '../executions/state.ts';
import type { FlowService } from '../flows/service.ts';
import type { PluginCatalog } from '../plugins/catalog.ts';
import type { Clock } from '../shared/time/clock.ts';
import type { EventBus } from '../shared/events.ts';
import { createMemoryWindowStore, evaluateConditions, evaluateMultiple, evaluatePreconditions, type WindowStore } from './conditions/index.ts';
import { executionVariables } from '../executions/engine/variables.ts';
import type { StateType } from '../executions/state.ts';
import type { FlowDocument } from '../flows/model.ts';
import { renderTriggerLabels } from './labels.ts';
import { FLOW_TRIGGER, triggerKey } from './model.ts';
import type { TriggerStore } from './store.ts';

export interface FlowTriggerDeps {
  flows: FlowService; catalog: PluginCatalog; executions: ExecutionService; events: EventBus; clock: Clock;
  expressions(tenant: string): ExpressionEngine; envs: Record<string, string>; globals: Record<string, unknown>;
  log(entry: LogEntry): void;
  windows?: WindowStore;
  /** Flow-trigger contexts (`stopAfter` disables them); persisted like the scheduler's */
  contexts?: TriggerStore;
}

const MULTIPLE = 'io.kestra.plugin.core.condition.MultipleCondition';
const SEEN_LIMIT = 50_000;

export function createFlowTriggers(deps: FlowTriggerDeps) {
  let windows = deps.windows ?? createMemoryWindowStore();
  // tenant -> flow keys having at least one Flow trigger (so most state changes cost one lookup)
  const listeners = new Map<string, Set<string>>();
  /** execution → length of its state history when last evaluated (oldest forgotten first) */
  const lastState = new Map<string, number>();
  const flowKey = (ns: string, id: string) => `${ns}\u0000${id}`;

  function index(tenant: string, namespace: string, id: string) {
    const record = deps.flows.getDeployed(tenant, namespace, id);
    const has = !!record && (record.flow.triggers ?? []).some((t) => deps.catalog.canonicalType(String(t.type)) === FLOW_TRIGGER);
    let set = listeners.get(tenant);
    if (!set) listeners.set(tenant, (set = new Set()));
    if (has) set.add(flowKey(namespace, id)); else set.delete(flowKey(namespace, id));
  }

  async function onChange(upstream: Execution) {
    const set = listeners.get(upstream.tenant);
    if (!set?.size) return;
    // one evaluation per state change, as Kestra's executor sees each one: the engine may take
    // several steps (RUNNING then PAUSED) before it publishes, so every history entry added since
    // the last look is evaluated; other updates (outputs, labels) keep the history and fire nothing
    const seenKey = `${upstream.tenant}\u0000${upstream.id}`;
    const from = lastState.get(seenKey) ?? 0;
    const histories = upstream.state.histories;
    if (histories.length <= from) return;
    lastState.delete(seenKey);
    lastState.set(seenKey, histories.length);
    if (lastState.size > SEEN_LIMIT) lastState.delete(lastState.keys().next().value!);
    const snapshot = structuredClone(upstream);
    for (let i = from; i < histories.length; i++) {
      const state = histories[i]!.state;
      if (state === 'CREATED') continue; // not a transition: Kestra never evaluates it
      const atState = i === histories.length - 1 ? snapshot : { ...snapshot, state: { ...snapshot.state, current: state } };
      await evaluateListeners(set, atState);
    }
  }

  async function evaluateListeners(set: Set<string>, upstream: Execution) {
    const state = upstream.state.current;
    for (const k of [...set]) {
      const [namespace, id] = k.split('\u0000') as [string, string];
      if (namespace === upstream.namespace && id === upstream.flowId) continue; // no self-trigger
      const record = deps.flows.getDeployed(upstream.tenant, namespace, id);
      if (!record || record.disabled) continue;
      for (const def of record.flow.triggers ?? []) {
        if (def.disabled === true || deps.catalog.canonicalType(String(def.type)) !== FLOW_TRIGGER) continue;
        const states = Array.isArray(def.states) ? (def.states as string[]) : [...TERMINAL];
        if (!states.includes(state)) continue;
        await fireIfMatching(record, def, upstream);
      }
    }
  }

  async function fireIfMatching(record: { id: string; namespace: string; revision: number; tenant: string; flow: FlowDocument }, def: Record<string, unknown>, upstream: Execution) {
    const ex = deps.expressions(upstream.tenant);
    const triggerId = String(def.id);
    if (deps.contexts?.get(triggerKey(record.tenant, record.namespace, record.id, triggerId))?.disabled) return; // stopAfter
    // Kestra renders conditions and `inputs` with a run context of the listening flow over the
    // upstream execution (RunContextFactory.of(flow, execution)): `outputs`, `tasks`, `inputs`,
    // `labels` and `trigger` are the upstream's own; `trigger.outputs` adds its flow outputs.
    const variables = executionVariables(upstream, { id: record.id, namespace: record.namespace, revision: record.revision, flow: record.flow }, {
      envs: deps.envs, globals: deps.globals, ...(upstream.inputs ? { inputs: upstream.inputs } : {}),
    });
    const flowOutputs = upstream.outputs ?? {};
    const withOutputs = Object.keys(flowOutputs).length
      ? { ...variables, trigger: { ...(variables.trigger as Record<string, unknown> | undefined), outputs: flowOutputs } }
      : variables;
    const ctx = { variables: withOutputs, render: (t: string) => ex.render(t, withOutputs), renderWith: (t: string, v: Record<string, unknown>) => ex.render(t, v), execution: upstream, now: deps.clock.now() };
    const all = (Array.isArray(def.conditions) ? def.conditions : []) as Record<string, unknown>[];
    const simple = all.filter((c) => deps.catalog.canonicalType(String(c.type)) !== MULTIPLE);
    const prefix = `${record.tenant}\u0000${record.namespace}\u0000${record.id}\u0000${def.id}`;
    if (!evaluateConditions(simple, ctx).ok) return;
    for (const m of all.filter((c) => deps.catalog.canonicalType(String(c.type)) === MULTIPLE)) {
      if (!evaluateMultiple(m as never, ctx, windows, prefix).ok) return;
    }
    if (def.preconditions && !evaluatePreconditions(def.preconditions, ctx, windows, prefix).ok) return;

    let inputs: Record<string, unknown>;
    try {
      inputs = (def.inputs ? ex.renderDeep(def.inputs, withOutputs) : {}) as Record<string, unknown>;
    } catch {
      warn(record, triggerId, `Failed to trigger flow ${record.namespace}.${record.id} for trigger ${def.id}, invalid inputs`);
      return;
    }
    try {
      const labels = renderTriggerLabels(def.labels, (t) => ex.render(t, withOutputs), (m) => warn(record, triggerId, m));
      const triggerVars: Record<string, unknown> = { executionId: upstream.id, namespace: upstream.namespace, flowId: upstream.flowId, flowRevision: upstream.flowRevision, state: upstream.state.current };
      // newer Kestra also hands the upstream flow outputs to the triggered execution
      if (Object.keys(flowOutputs).length) triggerVars.outputs = flowOutputs;
      await deps.executions.create({
        tenant: record.tenant, namespace: record.namespace, flowId: record.id, inputs, correlationId: false, labels,
        trigger: { id: triggerId, type: FLOW_TRIGGER, variables: triggerVars },
      });
    } catch (err) {
      warn(record, triggerId, `Failed to trigger flow ${record.namespace}.${record.id} for trigger ${def.id}: ${(err as Error).message}`);
    }
  }

  /** `stopAfter`: an execution this trigger created ended in one of its states → the trigger's context is disabled */
  function onEnded(exec: Execution) {
    if (!deps.contexts || exec.trigger?.type !== FLOW_TRIGGER || !isTerminal(exec.state.current)) return;
    const record = deps.flows.getCurrent(exec.tenant, exec.namespace, exec.flowId);
    const def = (record?.flow.triggers ?? []).find((t) => t.id === exec.trigger!.id);
    const stopAfter = Array.isArray(def?.stopAfter) ? (def.stopAfter as StateType[]) : undefined;
    if (!stopAfter?.includes(exec.state.current)) return;
    const key = triggerKey(exec.tenant, exec.namespace, exec.flowId, exec.trigger.id);
    const current = deps.contexts.get(key);
    if (current?.disabled) return;
    deps.contexts.save({
      ...(current ?? { tenant: exec.tenant, namespace: exec.namespace, flowId: exec.flowId, triggerId: exec.trigger.id, timezone: 'UTC' }),
      stopAfter, disabled: true, updatedDate: deps.clock.now(),
    });
  }

  /** contexts of Flow triggers that no longer exist go with them */
  function dropContexts(tenant: string, namespace: string, id: string) {
    if (!deps.contexts) return;
    const record = deps.flows.getCurrent(tenant, namespace, id);
    const ids = new Set((record?.flow.triggers ?? []).filter((t) => deps.catalog.canonicalType(String(t.type)) === FLOW_TRIGGER).map((t) => String(t.id)));
    for (const t of [...deps.contexts.all()]) {
      if (t.tenant === tenant && t.namespace === namespace && t.flowId === id && !ids.has(t.triggerId)) deps.contexts.delete(t);
    }
  }

  function warn(record: { tenant: string; namespace: string; id: string }, triggerId: string, message: string) {
    deps.log({ tenant: record.tenant, namespace: record.namespace, flowId: record.id, triggerId, attemptNumber: null, timestamp: deps.clock.now(), level: 'WARN', thread: 'scheduler', message });
  }

  const offs = [
    deps.events.on('flow.changed', (e) => { index(e.tenant, e.namespace, e.id); dropContexts(e.tenant, e.namespace, e.id); }),
    deps.events.on('execution.updated', ({ execution }) => { onEnded(execution); void onChange(execution); }),
    deps.events.on('execution.deleted', (e) => void lastState.delete(`${e.tenant}\u0000${e.id}`)),
  ];
  const indexAll = () => {
    listeners.clear();
    for (const tenant of deps.flows.tenants()) for (const r of deps.flows.list(tenant)) index(tenant, r.namespace, r.id);
  };
  indexAll();
  return {
    stop: () => offs.forEach((off) => off()),
    /** after an admin reset/import: index the flows again and forget upstream states */
    reload() { lastState.clear(); if (!deps.windows) windows = createMemoryWindowStore(); indexAll(); },
  };
}

/** trigger.Toggle on a Flow trigger: its context (created on first use) is disabled or enabled again */
export function toggleFlowTrigger(
  flows: FlowService, catalog: PluginCatalog, contexts: TriggerStore, now: number,
  ref: { tenant: string; namespace: string; flowId: string; triggerId: string }, disabled: boolean,
): boolean {
  const def = (flows.getCurrent(ref.tenant, ref.namespace, ref.flowId)?.flow.triggers ?? []).find((t) => t.id === ref.triggerId);
  if (!def || catalog.canonicalType(String(def.type)) !== FLOW_TRIGGER) return false;
  const current = contexts.get(triggerKey(ref.tenant, ref.namespace, ref.flowId, ref.triggerId));
  contexts.save({ ...(current ?? { ...ref, timezone: 'UTC' }), disabled, updatedDate: now });
  return true;
}
