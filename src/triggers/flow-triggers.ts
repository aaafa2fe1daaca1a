// Flow triggers (engine-contract §5.4): whenever an execution changes state, every other flow
// with an enabled Flow trigger whose `states`, conditions and preconditions match gets a new
// execution carrying the upstream execution's ids, state and outputs in `trigger`.

import type { ExpressionEngine } from '../expressions/index.ts';
import type { Execution } from '../executions/model.ts';
import type { LogEntry } from '../logs/model.ts';
import type { ExecutionService } from '../executions/service.ts';
import { TERMINAL, isTerminal } from '../executions/state.ts';
import type { FlowService } from '../flows/service.ts';
import type { PluginCatalog } from '../plugins/catalog.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventBus } from '../shared/events.ts';
import { createMemoryWindowStore, evaluateConditions, evaluateMultiple, evaluatePreconditions, type WindowStore } from './conditions/index.ts';
import { FLOW_TRIGGER } from './model.ts';
import { labelsOf } from './scheduler.ts';

export interface FlowTriggerDeps {
  flows: FlowService; catalog: PluginCatalog; executions: ExecutionService; events: EventBus; clock: Clock;
  expressions(tenant: string): ExpressionEngine; envs: Record<string, string>; globals: Record<string, unknown>;
  log(entry: LogEntry): void;
  windows?: WindowStore;
}

const MULTIPLE = 'io.kestra.plugin.core.condition.MultipleCondition';

export function createFlowTriggers(deps: FlowTriggerDeps) {
  let windows = deps.windows ?? createMemoryWindowStore();
  // tenant -> flow keys having at least one Flow trigger (so most state changes cost one lookup)
  const listeners = new Map<string, Set<string>>();
  const lastState = new Map<string, string>();
  const flowKey = (ns: string, id: string) => `${ns}\u0000${id}`;

  function index(tenant: string, namespace: string, id: string) {
    const record = deps.flows.getCurrent(tenant, namespace, id);
    const has = !!record && (record.flow.triggers ?? []).some((t) => deps.catalog.canonicalType(String(t.type)) === FLOW_TRIGGER);
    let set = listeners.get(tenant);
    if (!set) listeners.set(tenant, (set = new Set()));
    if (has) set.add(flowKey(namespace, id)); else set.delete(flowKey(namespace, id));
  }

  async function onChange(upstream: Execution) {
    const set = listeners.get(upstream.tenant);
    if (!set?.size) return;
    const state = upstream.state.current;
    const seenKey = `${upstream.tenant}\u0000${upstream.id}`;
    if (lastState.get(seenKey) === state) return;
    if (isTerminal(state)) lastState.delete(seenKey); else lastState.set(seenKey, state);
    const snapshot = structuredClone(upstream);
    for (const k of [...set]) {
      const [namespace, id] = k.split('\u0000') as [string, string];
      if (namespace === upstream.namespace && id === upstream.flowId) continue; // no self-trigger
      const record = deps.flows.getCurrent(upstream.tenant, namespace, id);
      if (!record || record.disabled) continue;
      for (const def of record.flow.triggers ?? []) {
        if (def.disabled === true || deps.catalog.canonicalType(String(def.type)) !== FLOW_TRIGGER) continue;
        const states = Array.isArray(def.states) ? (def.states as string[]) : [...TERMINAL];
        if (!states.includes(state)) continue;
        await fireIfMatching(record, def, snapshot);
      }
    }
  }

  async function fireIfMatching(record: { id: string; namespace: string; revision: number; tenant: string }, def: Record<string, unknown>, upstream: Execution) {
    const ex = deps.expressions(upstream.tenant);
    const triggerVars = { executionId: upstream.id, namespace: upstream.namespace, flowId: upstream.flowId, flowRevision: upstream.flowRevision, state: upstream.state.current, outputs: upstream.outputs ?? {} };
    const variables: Record<string, unknown> = {
      flow: { id: record.id, namespace: record.namespace, revision: record.revision },
      execution: { id: upstream.id, originalId: upstream.originalId, startDate: new Date(upstream.state.histories[0]!.date).toISOString() },
      outputs: upstream.outputs ?? {}, inputs: upstream.inputs ?? {}, trigger: triggerVars, envs: deps.envs, globals: deps.globals,
    };
    const ctx = { variables, render: (t: string) => ex.render(t, variables), execution: upstream, now: deps.clock.now() };
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
      inputs = (def.inputs ? ex.renderDeep(def.inputs, variables) : {}) as Record<string, unknown>;
    } catch {
      warn(record, String(def.id), `Failed to trigger flow ${record.namespace}.${record.id} for trigger ${def.id}, invalid inputs`);
      return;
    }
    try {
      await deps.executions.create({
        tenant: record.tenant, namespace: record.namespace, flowId: record.id, inputs, correlationId: false,
        labels: labelsOf(def.labels ? ex.renderDeep(def.labels, variables) : undefined),
        trigger: { id: String(def.id), type: FLOW_TRIGGER, variables: { executionId: upstream.id, namespace: upstream.namespace, flowId: upstream.flowId, flowRevision: upstream.flowRevision, state: upstream.state.current } },
      });
    } catch (err) {
      warn(record, String(def.id), `Failed to trigger flow ${record.namespace}.${record.id} for trigger ${def.id}: ${(err as Error).message}`);
    }
  }

  function warn(record: { tenant: string; namespace: string; id: string }, triggerId: string, message: string) {
    deps.log({ tenant: record.tenant, namespace: record.namespace, flowId: record.id, triggerId, attemptNumber: null, timestamp: deps.clock.now(), level: 'WARN', thread: 'scheduler', message });
  }

  const offs = [
    deps.events.on('flow.changed', (e) => index(e.tenant, e.namespace, e.id)),
    deps.events.on('execution.updated', ({ execution }) => { void onChange(execution); }),
    // an execution deleted while running never reaches a terminal state: forget its last state here
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
