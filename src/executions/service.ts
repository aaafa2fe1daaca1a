// Creating and reading executions (api-contract §3.3, engine-contract §3.13): the one entry point
// that the API, triggers and subflows share to start a flow.

import type { ExpressionEngine } from '../expressions/index.ts';
import type { Label } from '../flows/model.ts';
import type { FlowService } from '../flows/service.ts';
import type { PluginCatalog } from '../plugins/catalog.ts';
import type { BlobStore } from '../shared/storage/blobs.ts';
import type { Clock } from '../shared/time/clock.ts';
import { ApiError, illegalArgument, illegalState, notFound } from '../shared/errors.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { Engine } from './engine/engine.ts';
import { createPlan, type FlowPlan } from './engine/plan.ts';
import { resolveInputs, type ProvidedValue } from './inputs/inputs.ts';
import type { Breakpoint, Execution, ExecutionFixture, ExecutionKind, ExecutionTrigger } from './model.ts';
import { newState, withState } from './state.ts';
import type { ExecutionStore } from './store.ts';
import type { TemplateLookup } from '../templates/model.ts';

export interface ExecutionServiceDeps {
  flows: FlowService;
  catalog: PluginCatalog;
  executions: ExecutionStore;
  engine: Engine;
  clock: Clock;
  ids: IdGenerator;
  blobs: BlobStore;
  expressions(tenant: string): ExpressionEngine;
  /** templates inlined into Template tasks; plans are re-made when any template changes */
  templates?: { lookup(tenant: string): TemplateLookup; version(): number };
}

export interface CreateExecutionRequest {
  tenant: string;
  namespace: string;
  flowId: string;
  revision?: number;
  inputs?: Map<string, ProvidedValue> | Record<string, ProvidedValue>;
  labels?: Label[];
  scheduleDate?: number;
  trigger?: ExecutionTrigger;
  /** webhooks and some triggers bypass input validation (engine-contract §10.19) */
  skipInputs?: boolean;
  /** false for schedule/webhook/flow-trigger executions (no system.correlationId, engine-contract §3.13) */
  correlationId?: boolean;
  /** execution `variables` (Schedule puts `{schedule: {...}}` there) */
  variables?: Record<string, unknown>;
  /** an execution that must start FAILED (a trigger condition that could not be evaluated) */
  failed?: boolean;
  /** labels set by kestra-lite itself skip the system-label check */
  trustedLabels?: boolean;
  /** tasks to stop before (`?breakpoints=`) */
  breakpoints?: Breakpoint[];
  /** `?kind=`: stored and returned as given */
  kind?: ExecutionKind;
  /** a flow test case's task fixtures (these tasks are not run in this execution) */
  fixtures?: ExecutionFixture[];
}

export type ExecutionService = ReturnType<typeof createExecutionService>;

export function createExecutionService(deps: ExecutionServiceDeps) {
  const plans = new Map<string, FlowPlan>();

  /** Plans are cached per flow revision (plugin defaults applied once). */
  function planFor(tenant: string, namespace: string, flowId: string, revision?: number): FlowPlan {
    const record = deps.flows.get(tenant, namespace, flowId, revision === undefined ? { deployed: true } : { revision });
    if (record.deleted) throw notFound();
    const k = `${tenant}\u0000${namespace}\u0000${flowId}\u0000${record.revision}\u0000${deps.templates?.version() ?? 0}`;
    let plan = plans.get(k);
    if (!plan) {
      if (plans.size > 500) plans.clear();
      plan = createPlan({ ...record.flow, id: record.id, namespace: record.namespace }, record.revision, deps.catalog, deps.templates?.lookup(tenant));
      plans.set(k, plan);
    }
    return plan;
  }

  async function create(req: CreateExecutionRequest): Promise<Execution> {
    // a deleted flow is gone for users, even when an older revision is asked for (decisions.md)
    if (!deps.flows.getCurrent(req.tenant, req.namespace, req.flowId)) throw notFound('Requested Flow is not found.');
    let plan: FlowPlan;
    try {
      plan = planFor(req.tenant, req.namespace, req.flowId, req.revision);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NOT_FOUND') throw notFound('Requested Flow is not found.');
      throw err;
    }
    const record = deps.flows.get(req.tenant, req.namespace, req.flowId, { revision: plan.revision });
    if (record.disabled) throw illegalState('Requested Flow is disabled.');
    for (const l of req.trustedLabels ? [] : req.labels ?? []) {
      if (l.key.startsWith('system.') && l.key !== 'system.correlationId') {
        throw illegalArgument(`System labels can only be set by Kestra itself, offending label: ${l.key}=${l.value}`);
      }
    }
    const now = deps.clock.now();
    const id = deps.ids();
    const inputs = req.skipInputs ? undefined : await resolveInputs(plan.flow.inputs, req.inputs ?? new Map(), {
      tenant: req.tenant, namespace: plan.namespace, flowId: plan.id, executionId: id, blobs: deps.blobs, expressions: deps.expressions(req.tenant),
      variables: { flow: { id: plan.id, namespace: plan.namespace, revision: plan.revision } },
    });
    const flowLabels = (plan.flow.labels ?? []).filter((l) => !l.key.startsWith('system.'));
    const labels = [...flowLabels, ...(req.labels ?? [])];
    if (req.correlationId !== false && !labels.some((l) => l.key === 'system.correlationId')) labels.push({ key: 'system.correlationId', value: id });
    const exec: Execution = {
      tenant: req.tenant, id, namespace: plan.namespace, flowId: plan.id, flowRevision: plan.revision, taskRunList: [],
      labels, state: newState(now), originalId: id, deleted: false, metadata: { attemptNumber: 1, originalCreatedDate: now },
    };
    if (inputs && Object.keys(inputs).length) exec.inputs = inputs;
    if (req.trigger) exec.trigger = req.trigger;
    if (req.scheduleDate !== undefined) exec.scheduleDate = req.scheduleDate;
    if (req.variables) exec.variables = req.variables;
    if (req.breakpoints?.length) exec.breakpoints = req.breakpoints;
    if (req.kind) exec.kind = req.kind;
    if (req.fixtures?.length) exec.fixtures = req.fixtures;
    if (req.failed) exec.state = withState(exec.state, 'FAILED', now);
    deps.executions.save(exec);
    // the caller answers with the execution as created (CREATED), not as the engine moves it on;
    // a new execution has no task runs yet, so copying what the engine mutates is enough
    const created: Execution = {
      ...exec, taskRunList: [], labels: [...exec.labels], metadata: { ...exec.metadata },
      state: { current: exec.state.current, histories: [...exec.state.histories] },
    };
    deps.engine.start(exec, plan);
    return created;
  }

  return {
    planFor,
    create,
    get(tenant: string, id: string): Execution {
      const e = deps.engine.get(tenant, id) ?? deps.executions.get(tenant, id);
      if (!e || e.deleted) throw notFound();
      return e;
    },
    find: (tenant: string, id: string) => deps.engine.get(tenant, id) ?? deps.executions.get(tenant, id),
    /** whether the tenant has this flow (not deleted): routes/shadowed.ts asks before the create */
    hasFlow: (tenant: string, namespace: string, flowId: string) => deps.flows.getCurrent(tenant, namespace, flowId) !== undefined,
    /** a Subflow's outputs extracted from its finished child (see ChildExecutions.extractOutputs) */
    extractOutputs(tenant: string, id: string, legacy: Record<string, unknown> | undefined) {
      const exec = deps.engine.get(tenant, id) ?? deps.executions.get(tenant, id);
      if (!exec) throw notFound(`Unable to find execution ${id}`);
      return deps.engine.extractOutputs(exec, planFor(tenant, exec.namespace, exec.flowId, exec.flowRevision), legacy);
    },
  };
}
