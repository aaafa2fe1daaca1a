// Pause and resume (engine-contract §3.8): the first PAUSED task run goes back to RUNNING with
// its `onResume` outputs, its paused ancestors too, and the execution goes RESTARTED (then
// RUNNING) once nothing is paused any more. A Pause whose timeout passes ends FAILED instead.

import type { Execution, TaskRun } from '../model.ts';
import { withState, type StateType } from '../state.ts';

function reopenAncestors(exec: Execution, run: TaskRun, now: number) {
  const byId = new Map(exec.taskRunList.map((t) => [t.id, t]));
  for (let p = run.parentTaskRunId ? byId.get(run.parentTaskRunId) : undefined; p; p = p.parentTaskRunId ? byId.get(p.parentTaskRunId) : undefined) {
    if (p.state.current === 'PAUSED') p.state = withState(p.state, 'RUNNING', now);
  }
}

function settleExecution(exec: Execution, now: number) {
  if (exec.state.current !== 'PAUSED') return;
  const stillPaused = exec.taskRunList.some((t) => t.state.current === 'PAUSED');
  if (!stillPaused) exec.state = withState(exec.state, 'RESTARTED', now);
}

export const pausedRun = (exec: Execution): TaskRun | undefined => exec.taskRunList.find((t) => t.state.current === 'PAUSED');

/** Resumes the first paused task run, or a manually paused execution. */
export function resumeExecution(exec: Execution, now: number, onResume?: Record<string, unknown>): void {
  const run = pausedRun(exec);
  if (!run) {
    if (exec.state.current === 'PAUSED') exec.state = withState(exec.state, 'RUNNING', now);
    return;
  }
  run.state = withState(run.state, 'RUNNING', now);
  if (onResume !== undefined) run.outputs = { ...(run.outputs ?? {}), onResume };
  reopenAncestors(exec, run, now);
  settleExecution(exec, now);
}

/** Ends a paused task run in a terminal state (Pause timeout, or a forced state), and lets the execution go on. */
export function endPausedRun(exec: Execution, run: TaskRun, state: StateType, now: number): void {
  run.state = withState(run.state, state, now);
  reopenAncestors(exec, run, now);
  settleExecution(exec, now);
}
