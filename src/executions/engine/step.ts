// One pass of the scheduling loop over an execution (engine-contract §3.3): resolve the flow's
// top-level container and every running flowable, start created task runs, and finish the
// execution when its top-level branch is done. Returns whether anything changed.

import { isKestraTruthy } from '../../expressions/index.ts';
import type { TaskDefinition } from '../../tasks/types.ts';
import type { Execution, ExecutionFixture, TaskRun } from '../model.ts';
import { isTerminal, newState, withState, type StateType } from '../state.ts';
import { resolveContainer, type CreateChild } from './containers.ts';
import { applyAllowances } from './final-state.ts';
import { shouldSuspend } from './breakpoints.ts';
import type { ContainerSpec, Renderer } from '../../tasks/flowable.ts';
import { flowableOf } from '../../tasks/registry.ts';
import type { FlowPlan } from './plan.ts';

export interface StepHooks {
  now(): number;
  newId(): string;
  renderer(run: TaskRun): Renderer;
  /** starts a runnable task run on a worker (sets it RUNNING with a new attempt) */
  dispatch(run: TaskRun): void;
  /** a test case's fixture for the task run (Kestra's Execution.fixtures): the task is not run */
  fixture(run: TaskRun): ExecutionFixture | undefined;
  /** an execution-level or task-run-level ERROR log */
  logError(run: TaskRun | undefined, message: string): void;
  /** a task-run-level WARN log */
  logWarn(run: TaskRun, message: string): void;
  /** renders flow outputs and sets the terminal state */
  finish(state: StateType): void;
  /** a Pause task run just paused: arm its delay/timeout */
  paused(run: TaskRun, task: TaskDefinition): void;
  /** a WaitFor task run waits before its next iteration */
  iterateLater(run: TaskRun, delayMs: number): void;
  /** the execution just stopped at a breakpoint */
  suspended(): void;
  /** WorkingDirectory preExecuteTasks; false when it failed (logged) */
  openWorkspace(run: TaskRun, task: TaskDefinition): boolean;
  /** WorkingDirectory postExecuteTasks: its outputs, or failed (logged); the directory is removed */
  closeWorkspace(run: TaskRun, task: TaskDefinition): { outputs?: Record<string, unknown>; failed: boolean };
}

/** fixture states played through an attempt (the engine's dispatch); the others are set here */
const ATTEMPT_STATES = new Set(['SUCCESS', 'WARNING', 'FAILED']);

const sequential = (tasks: TaskDefinition[]): ContainerSpec['items'] => tasks.map((task) => ({ task, group: 0 }));

export function step(exec: Execution, plan: FlowPlan, hooks: StepHooks): boolean {
  let changed = false;
  const now = hooks.now();
  const setState = (target: { state: Execution['state'] }, s: StateType) => {
    if (target.state.current === s) return;
    target.state = withState(target.state, s, hooks.now());
    changed = true;
  };
  /**
   * A fixture state the engine sets itself (KILLED, CANCELLED, SKIPPED, PAUSED): the outputs are
   * rendered as Kestra renders fixture outputs; PAUSED pauses the execution (true: stop the pass).
   */
  const endByFixture = (run: TaskRun, fixture: ExecutionFixture): boolean => {
    try {
      run.outputs = fixture.outputs ? hooks.renderer(run).renderDeep(fixture.outputs) : {};
    } catch (err) {
      run.outputs = {};
      setState(run, 'FAILED');
      hooks.logError(run, `Unable to render the outputs of the fixture of task '${run.taskId}': ${(err as Error).message}`);
      return false;
    }
    if (fixture.state !== 'PAUSED') { setState(run, fixture.state!); return false; }
    setState(run, 'RUNNING');
    setState(run, 'PAUSED');
    setState(exec, 'PAUSED');
    return true;
  };
  if (exec.state.current === 'RESTARTED') setState(exec, 'RUNNING');
  // a paused execution starts nothing new until it is resumed (running attempts still finish);
  // one stopped at a breakpoint waits for resume-from-breakpoint
  if (exec.state.current === 'PAUSED' || exec.state.current === 'BREAKPOINT') return false;

  const children = new Map<string, TaskRun[]>();
  for (const r of exec.taskRunList) {
    const k = r.parentTaskRunId ?? '';
    let list = children.get(k);
    if (!list) children.set(k, (list = []));
    list.push(r);
  }
  const creator = (parent: TaskRun | undefined): CreateChild => (task, value) => {
    const run: TaskRun = {
      id: hooks.newId(), executionId: exec.id, namespace: exec.namespace, flowId: exec.flowId, taskId: task.id,
      outputs: null, state: newState(hooks.now()),
    };
    if (parent) run.parentTaskRunId = parent.id;
    if (parent?.iteration !== undefined) run.iteration = parent.iteration;
    if (value !== undefined) run.value = value;
    exec.taskRunList.push(run);
    if (exec.state.current === 'CREATED') setState(exec, 'RUNNING');
    changed = true;
  };

  // 1. the flow's own container; afterExecution tasks run once it is finished
  const afterIds = new Set(plan.afterExecution.map((t) => t.id));
  const rootChildren = children.get('') ?? [];
  const root = resolveContainer(rootChildren.filter((r) => !afterIds.has(r.taskId)),
    { items: sequential(plan.rootTasks), groupLimit: 1, errors: plan.rootErrors, finally: plan.rootFinally }, creator(undefined));
  changed ||= root.changed;

  // 2. running flowables
  for (const run of exec.taskRunList) {
    if (run.state.current !== 'RUNNING') continue;
    // a task run paused by its fixture, then resumed: it was never run, it is over
    if (hooks.fixture(run)?.state === 'PAUSED') { setState(run, 'SUCCESS'); continue; }
    const planned = plan.tasks.get(run.taskId);
    if (!planned?.flowable) continue;
    const handler = flowableOf(planned.type)!;
    const spec = handler.spec(planned.task, run as never);
    if (spec.missing) {
      hooks.logWarn(run, `No task found on flow '${exec.namespace}.${exec.flowId}', task '${run.taskId}', execution '${exec.id}'`);
      setState(run, applyAllowances('FAILED', planned.task));
      continue;
    }
    const r = resolveContainer(children.get(run.id) ?? [], spec, creator(run));
    changed ||= r.changed;
    if (r.final && handler.loop) {
      const next = handler.loop(planned.task, run, hooks.renderer(run), r.final);
      run.outputs = next.outputs;
      if ('delayMs' in next) {
        // engine-contract §3.4.2: the WaitFor task run and the execution wait PAUSED
        setState(run, 'PAUSED');
        setState(exec, 'PAUSED');
        hooks.iterateLater(run, next.delayMs);
        return true;
      }
      setState(run, applyAllowances(next.state, planned.task));
    } else if (r.final && handler.workspace) {
      const closed = hooks.closeWorkspace(run, planned.task);
      if (closed.outputs) run.outputs = closed.outputs;
      setState(run, applyAllowances(closed.failed ? 'FAILED' : r.final, planned.task));
    } else if (r.final) setState(run, applyAllowances(r.final, handler.allowsFailure ? { ...planned.task, allowFailure: true } : planned.task));
  }

  // 3. breakpoints: created runnables that match stop, and nothing else starts in this pass
  if (exec.breakpoints?.length) {
    const held = exec.taskRunList.filter((r) => !plan.tasks.get(r.taskId)?.flowable && shouldSuspend(r, exec.breakpoints));
    if (held.length) {
      for (const r of held) setState(r, 'BREAKPOINT');
      setState(exec, 'BREAKPOINT');
      hooks.suspended();
      return true;
    }
  }

  // 4. created task runs: runIf, then start flowables or dispatch runnables
  for (const run of exec.taskRunList) {
    if (run.state.current !== 'CREATED' && run.state.current !== 'RESTARTED') continue;
    const planned = plan.tasks.get(run.taskId);
    if (!planned) { setState(run, 'FAILED'); hooks.logError(run, `Task '${run.taskId}' is not in flow revision ${plan.revision}`); continue; }
    const { task } = planned;
    if (task.runIf !== undefined && task.runIf !== true && task.runIf !== 'true') {
      try {
        if (!isKestraTruthy(hooks.renderer(run).render(task.runIf))) { setState(run, 'SKIPPED'); continue; }
      } catch (err) {
        setState(run, 'FAILED');
        hooks.logError(run, `Unable to evaluate the runIf condition for task ${task.id}: ${(err as Error).message}`);
        continue;
      }
    }
    const fixture = hooks.fixture(run);
    if (fixture && fixture.state !== undefined && !ATTEMPT_STATES.has(fixture.state)) {
      if (endByFixture(run, fixture)) return true;
    } else if (planned.flowable && !fixture) {
      try {
        const handler = flowableOf(planned.type)!;
        const started = handler.start?.(task, hooks.renderer(run));
        run.outputs = started?.outputs ?? {};
        if (started?.values) (run as TaskRun & { eachValues?: string[] }).eachValues = started.values;
        if (started?.iteration !== undefined) run.iteration = started.iteration;
        if (handler.workspace && !hooks.openWorkspace(run, task)) {
          setState(run, applyAllowances('FAILED', task));
          continue;
        }
        setState(run, 'RUNNING');
        if (handler.pauses) {
          setState(run, 'PAUSED');
          setState(exec, 'PAUSED');
          hooks.paused(run, task);
          return true;
        }
      } catch (err) {
        run.outputs = run.outputs ?? {};
        setState(run, applyAllowances('FAILED', task));
        hooks.logError(run, `Unable to resolve state from the Flowable task: ${(err as Error).message}`);
      }
    } else if (run.retryAt === undefined) {
      hooks.dispatch(run);
      changed = true;
      // a failed attempt retried as a new execution ended this one (RETRIED)
      if (isTerminal(exec.state.current)) return true;
    }
  }

  // 5. retrying: the execution follows its task runs
  const retrying = exec.taskRunList.some((r) => r.state.current === 'RETRYING');
  if (retrying && exec.state.current === 'RUNNING') setState(exec, 'RETRYING');
  if (!retrying && exec.state.current === 'RETRYING') setState(exec, 'RUNNING');

  // 6. the end: afterExecution, then outputs and the final state
  if (root.final && !isTerminal(exec.state.current)) {
    if (plan.afterExecution.length) {
      const after = resolveContainer(rootChildren.filter((r) => afterIds.has(r.taskId)),
        { items: sequential(plan.afterExecution), groupLimit: 1, errors: [], finally: [] }, creator(undefined));
      changed ||= after.changed;
      if (!after.final) return changed;
    }
    hooks.finish(root.final);
    changed = true;
  }
  void now;
  return changed;
}
