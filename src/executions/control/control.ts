// Execution control (api-contract §3.3, engine-contract §3.8–3.10): kill, pause, resume, restart,
// replay, change-status of an execution or a task run, labels. Each operation checks the
// execution's state first and throws Kestra's error; the bulk routes validate all targets
// before applying any.

import type { Label } from '../../flows/model.ts';
import { ApiError, illegalArgument, illegalState, notFound } from '../../shared/errors.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { IdGenerator } from '../../shared/ids.ts';
import type { Engine } from '../engine/engine.ts';
import { pausedRun, resumeExecution } from '../engine/pause.ts';
import type { FlowPlan } from '../engine/plan.ts';
import { errorTaskIds } from '../engine/restart.ts';
import { resolveInputs, validateInputs, type ProvidedValue, type ValidatedInput } from '../inputs/inputs.ts';
import type { Breakpoint, Execution, TaskRun } from '../model.ts';
import { releaseBreakpoint } from '../engine/breakpoints.ts';
import { isStateType, isTerminal, newState, withState, type StateType } from '../state.ts';
import type { ExecutionService } from '../service.ts';
import type { ExecutionStore } from '../store.ts';
import type { BlobStore } from '../../shared/storage/blobs.ts';
import type { ExpressionEngine } from '../../expressions/index.ts';

export interface ControlDeps {
  executions: ExecutionService; store: ExecutionStore; engine: Engine; clock: Clock; ids: IdGenerator;
  blobs: BlobStore; expressions(tenant: string): ExpressionEngine;
}

export type ExecutionControl = ReturnType<typeof createExecutionControl>;

export interface ReplayOptions { taskRunId?: string; revision?: number; breakpoints?: Breakpoint[]; inputs?: Record<string, unknown> }

/** Kestra's unqueue targets (ConcurrencyLimitService.VALID_TARGET_STATES) */
const UNQUEUE_TARGETS: readonly StateType[] = ['RUNNING', 'CANCELLED', 'FAILED'];

/** Restart in place (engine-contract §3.10): failed/paused task runs and their ancestors restart, errors-branch runs go. */
function applyRestart(e: Execution, plan: FlowPlan, t: number): void {
  const errors = errorTaskIds(plan);
  const byId = new Map(e.taskRunList.map((r) => [r.id, r]));
  const selected = new Set<string>();
  for (const r of e.taskRunList) {
    if (r.state.current !== 'FAILED' && r.state.current !== 'PAUSED') continue;
    for (let p: TaskRun | undefined = r; p; p = p.parentTaskRunId ? byId.get(p.parentTaskRunId) : undefined) selected.add(p.id);
  }
  const removed = new Set(e.taskRunList.filter((r) => errors.has(r.taskId)).map((r) => r.id));
  e.taskRunList = e.taskRunList.filter((r) => !removed.has(r.id) && !(r.parentTaskRunId && removed.has(r.parentTaskRunId)));
  for (const r of e.taskRunList) {
    if (!selected.has(r.id)) continue;
    const flowable = plan.tasks.get(r.taskId)?.flowable;
    r.state = withState(r.state, flowable ? 'RUNNING' : 'RESTARTED', t);
  }
  e.outputs = undefined;
  e.state = withState(e.state, 'RESTARTED', t);
  e.metadata = { ...e.metadata, attemptNumber: e.metadata.attemptNumber + 1 };
}

/** A live execution is mutated through the engine; a stored one is loaded, changed, saved and restarted. */
export function createExecutionControl(deps: ControlDeps) {
  const now = () => deps.clock.now();
  const load = (tenant: string, id: string) => deps.executions.get(tenant, id);

  /** Applies fn to the live execution, or to a stored one that is then handed back to the engine. */
  function change(tenant: string, id: string, fn: (exec: Execution, plan: FlowPlan) => void, restart: boolean): Execution {
    const live = deps.engine.mutate(tenant, id, fn);
    if (live) return live;
    const exec = structuredClone(load(tenant, id));
    const plan = deps.executions.planFor(tenant, exec.namespace, exec.flowId, exec.flowRevision);
    fn(exec, plan);
    deps.store.save(exec);
    if (restart && !isTerminal(exec.state.current)) deps.engine.start(exec, plan);
    return exec;
  }

  /** The replayed execution, stored and started (api-contract §3.3 replay). */
  function replayAs(source: Execution, plan: FlowPlan, newId: string, opts: ReplayOptions): Execution {
    const t = now();
    const exec: Execution = {
      ...structuredClone(source), id: newId, parentId: source.id, flowRevision: plan.revision, taskRunList: [], outputs: undefined,
      state: newState(t), metadata: { attemptNumber: source.metadata.attemptNumber + 1, originalCreatedDate: source.metadata.originalCreatedDate },
    };
    if (opts.inputs !== undefined) exec.inputs = Object.keys(opts.inputs).length ? opts.inputs : undefined;
    // breakpoints are those of the replay request, never the source's
    exec.breakpoints = opts.breakpoints;
    if (opts.taskRunId) {
      const index = source.taskRunList.findIndex((r) => r.id === opts.taskRunId);
      if (index < 0) throw illegalArgument(`No task found to restart execution from! (task run ${opts.taskRunId})`);
      const byId = new Map(source.taskRunList.map((r) => [r.id, r]));
      const ancestors = new Set<string>();
      for (let p = byId.get(opts.taskRunId); p; p = p.parentTaskRunId ? byId.get(p.parentTaskRunId) : undefined) ancestors.add(p.id);
      const kept = source.taskRunList.filter((r, i) => i < index || ancestors.has(r.id) || r.id === opts.taskRunId);
      const ids = new Map(kept.map((r) => [r.id, deps.ids()]));
      exec.taskRunList = kept.map((r) => {
        const copy: TaskRun = { ...structuredClone(r), id: ids.get(r.id)!, executionId: newId };
        if (r.parentTaskRunId) copy.parentTaskRunId = ids.get(r.parentTaskRunId) ?? r.parentTaskRunId;
        if (ancestors.has(r.id)) {
          const flowable = plan.tasks.get(r.taskId)?.flowable;
          copy.state = withState(copy.state, flowable ? 'RUNNING' : 'RESTARTED', t);
          if (!flowable) copy.attempts = copy.attempts?.slice(0, 1);
        }
        return copy;
      });
      exec.state = withState(exec.state, 'RESTARTED', t);
    }
    deps.store.save(exec);
    deps.engine.start(exec, plan);
    return exec;
  }

  function killCheck(tenant: string, id: string, cascade: boolean): Execution {
    const exec = load(tenant, id);
    if (isTerminal(exec.state.current) && !cascade) throw illegalState("Execution is already finished, can't kill it");
    return exec;
  }

  return {
    killCheck,
    kill(tenant: string, id: string, cascade = true): void {
      const exec = killCheck(tenant, id, cascade);
      if (!isTerminal(exec.state.current)) deps.engine.kill(tenant, id, cascade);
    },

    pause(tenant: string, id: string): void {
      const exec = load(tenant, id);
      if (exec.state.current !== 'RUNNING' && exec.state.current !== 'KILLING') throw illegalArgument('The execution is not running');
      change(tenant, id, (e) => { e.state = withState(e.state, 'PAUSED', now()); }, true);
    },

    resumeCheck(tenant: string, id: string): Execution {
      const exec = deps.executions.find(tenant, id);
      if (!exec) throw notFound(`Execution '${id}' not found.`);
      if (exec.state.current !== 'PAUSED') throw illegalState(`Execution '${id}' is not paused, can't resume it`);
      return exec;
    },

    /** resume/validate: the paused task's onResume inputs checked against what was sent; nothing resumes. */
    async validateResume(tenant: string, id: string, provided: Map<string, ProvidedValue>): Promise<{ exec: Execution; inputs: ValidatedInput[] }> {
      const exec = this.resumeCheck(tenant, id);
      const plan = deps.executions.planFor(tenant, exec.namespace, exec.flowId, exec.flowRevision);
      const run = pausedRun(exec);
      const declared = run ? (plan.tasks.get(run.taskId)?.task.onResume as never) : undefined;
      const inputs = await validateInputs(declared, provided, {
        tenant, namespace: exec.namespace, flowId: exec.flowId, executionId: exec.id, blobs: deps.blobs, expressions: deps.expressions(tenant),
      });
      return { exec, inputs };
    },

    async resume(tenant: string, id: string, provided: Map<string, ProvidedValue>): Promise<void> {
      const exec = this.resumeCheck(tenant, id);
      const plan = deps.executions.planFor(tenant, exec.namespace, exec.flowId, exec.flowRevision);
      const run = pausedRun(exec);
      const declared = run ? (plan.tasks.get(run.taskId)?.task.onResume as never) : undefined;
      const onResume = declared ? await resolveInputs(declared, provided, {
        tenant, namespace: exec.namespace, flowId: exec.flowId, executionId: exec.id, blobs: deps.blobs, expressions: deps.expressions(tenant),
      }) : undefined;
      change(tenant, id, (e) => resumeExecution(e, now(), onResume), true);
    },

    restartCheck(exec: Execution): void {
      if (!isTerminal(exec.state.current) && exec.state.current !== 'PAUSED') {
        throw illegalState(`Execution must be terminated to be restarted, current state is '${exec.state.current}' !`);
      }
      if (!exec.taskRunList.some((t) => t.state.current === 'FAILED' || t.state.current === 'PAUSED')) {
        throw illegalArgument('No task found to restart execution from!');
      }
    },

    restart(tenant: string, id: string, revision?: number): Execution {
      const source = load(tenant, id);
      this.restartCheck(source);
      if (revision === undefined) return change(tenant, id, (e, plan) => applyRestart(e, plan, now()), true);
      // with a revision: the same restart, as a new execution of that revision (parentId = source)
      const plan = deps.executions.planFor(tenant, source.namespace, source.flowId, revision);
      const exec = structuredClone(source);
      exec.id = deps.ids();
      exec.parentId = source.id;
      exec.flowRevision = plan.revision;
      const ids = new Map(exec.taskRunList.map((r) => [r.id, deps.ids()]));
      for (const r of exec.taskRunList) {
        r.id = ids.get(r.id)!;
        r.executionId = exec.id;
        if (r.parentTaskRunId) r.parentTaskRunId = ids.get(r.parentTaskRunId) ?? r.parentTaskRunId;
      }
      applyRestart(exec, plan, now());
      deps.store.save(exec);
      deps.engine.start(exec, plan);
      return exec;
    },

    /**
     * A new execution from a previous one; from a given task run when taskRunId is set. `inputs`
     * replaces the source's inputs (replay-with-inputs, already resolved with the new id); 
     * `breakpoints` replaces its breakpoints.
     */
    replay(tenant: string, id: string, opts: ReplayOptions = {}): Execution {
      const source = load(tenant, id);
      const plan = deps.executions.planFor(tenant, source.namespace, source.flowId, opts.revision ?? source.flowRevision);
      return replayAs(source, plan, deps.ids(), opts);
    },

    /** replay-with-inputs: the inputs are resolved (FILE uploads stored) under the new execution's id. */
    async replayWithInputs(tenant: string, id: string, provided: Map<string, ProvidedValue>, opts: ReplayOptions = {}): Promise<Execution> {
      const source = load(tenant, id);
      const plan = deps.executions.planFor(tenant, source.namespace, source.flowId, opts.revision ?? source.flowRevision);
      if (opts.taskRunId && !source.taskRunList.some((r) => r.id === opts.taskRunId)) {
        throw illegalArgument(`No task found to restart execution from! (task run ${opts.taskRunId})`);
      }
      const newId = deps.ids();
      const inputs = await resolveInputs(plan.flow.inputs, provided, {
        tenant, namespace: plan.namespace, flowId: plan.id, executionId: newId, blobs: deps.blobs, expressions: deps.expressions(tenant),
        variables: { flow: { id: plan.id, namespace: plan.namespace, revision: plan.revision } },
      });
      return replayAs(source, plan, newId, { ...opts, inputs });
    },

    /** BREAKPOINT → RUNNING: held task runs start, with the breakpoints given here (none when absent). */
    resumeFromBreakpoint(tenant: string, id: string, breakpoints: Breakpoint[] | undefined): Execution {
      const exec = load(tenant, id);
      // Kestra 2.0 answers both with 409 (openapi: "not in the 'BREAKPOINT' state or has no breakpoint")
      if (exec.state.current !== 'BREAKPOINT') throw illegalState('Execution is not suspended');
      if (!exec.breakpoints?.length) throw illegalState('Execution has no breakpoint');
      return change(tenant, id, (e) => releaseBreakpoint(e, breakpoints, now()), true);
    },

    /** QUEUED → leaves the queue: starts now (RUNNING), or ends CANCELLED / FAILED (the 2.0 `state` parameter) */
    unqueue(tenant: string, id: string, target: string = 'RUNNING'): Execution {
      const exec = load(tenant, id);
      if (exec.state.current !== 'QUEUED') throw illegalArgument(`Execution '${id}' is not queued`);
      if (!isStateType(target) || !UNQUEUE_TARGETS.includes(target)) {
        throw illegalArgument(`Invalid target state: ${target}. Valid states are: [${UNQUEUE_TARGETS.join(', ')}]`);
      }
      return change(tenant, id, (e) => { e.state = withState(e.state, target, now()); }, true);
    },

    /** CREATED or QUEUED → RUNNING now, PAUSED → resumed; terminal → 422 */
    forceRun(tenant: string, id: string): Execution {
      const exec = load(tenant, id);
      if (isTerminal(exec.state.current)) throw illegalArgument(`Execution '${id}' is already terminated`);
      return change(tenant, id, (e) => {
        if (e.state.current === 'PAUSED') resumeExecution(e, now());
        else if (e.state.current === 'CREATED' || e.state.current === 'QUEUED') { e.scheduleDate = undefined; e.state = withState(e.state, 'RUNNING', now()); }
      }, true);
    },

    changeStatusCheck(exec: Execution, status: string): StateType {
      if (!isStateType(status)) throw new ApiError('UNPROCESSABLE', `Invalid state '${status}'`);
      if (!isTerminal(status)) throw illegalArgument('You can only change the status of an execution to a terminal state.');
      if (!isTerminal(exec.state.current)) throw illegalArgument('You can only change the status of a terminated execution.');
      return status;
    },

    changeStatus(tenant: string, id: string, status: string): Execution {
      const s = this.changeStatusCheck(load(tenant, id), status);
      return change(tenant, id, (e) => { e.state = withState(e.state, s, now()); }, false);
    },

    /** Forces a task run's state (`POST /executions/{id}/state`); the execution goes on from there. */
    markTaskRun(tenant: string, id: string, taskRunId: string, status: string): Execution {
      if (!isStateType(status)) throw new ApiError('UNPROCESSABLE', `Invalid state '${status}'`);
      const exec = load(tenant, id);
      if (!exec.taskRunList.some((r) => r.id === taskRunId)) throw notFound(`Unable to find task run '${taskRunId}'`);
      return change(tenant, id, (e) => {
        const run = e.taskRunList.find((r) => r.id === taskRunId)!;
        const t = now();
        run.state = withState(run.state, status, t);
        const last = run.attempts?.at(-1);
        if (last) last.state = withState(last.state, status, t);
        if (isTerminal(e.state.current) || e.state.current === 'PAUSED') e.state = withState(e.state, 'RESTARTED', t);
      }, true);
    },

    labelsCheck(exec: Execution, labels: Label[]): void {
      if (!isTerminal(exec.state.current)) throw new ApiError('BAD_REQUEST', 'The execution is not terminated');
      for (const l of labels) {
        if (!l || typeof l.key !== 'string' || typeof l.value !== 'string' || !l.key || !l.value) throw new ApiError('UNPROCESSABLE', 'Label key and value must not be null');
        if (l.key.startsWith('system.') && !exec.labels.some((x) => x.key === l.key && x.value === l.value)) {
          throw illegalArgument(`System labels can only be set by Kestra itself, offending label: ${l.key}=${l.value}`);
        }
      }
    },

    setLabels(tenant: string, id: string, labels: Label[]): Execution {
      this.labelsCheck(load(tenant, id), labels);
      return change(tenant, id, (e) => {
        const merged = new Map(e.labels.map((l) => [l.key, l.value]));
        for (const l of labels) merged.set(l.key, l.value);
        e.labels = [...merged].map(([key, value]) => ({ key, value }));
      }, false);
    },
  };
}
