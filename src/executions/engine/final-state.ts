// How a parent's state follows from its children (engine-contract §3.6) and how allowFailure /
// allowWarning soften a task's own outcome.

import type { TaskRun } from '../model.ts';
import type { StateType } from '../state.ts';

/** KILLED > FAILED > WARNING > PAUSED > SUCCESS over the given task runs (SKIPPED etc. count as success). */
export function guessFinalState(runs: TaskRun[]): StateType {
  let killed = false, failed = false, warning = false, paused = false;
  for (const r of runs) {
    const s = r.state.current;
    if (s === 'KILLED') killed = true;
    else if (s === 'FAILED') failed = true;
    else if (s === 'WARNING') warning = true;
    else if (s === 'PAUSED') paused = true;
  }
  return killed ? 'KILLED' : failed ? 'FAILED' : warning ? 'WARNING' : paused ? 'PAUSED' : 'SUCCESS';
}

export function applyAllowances(state: StateType, task: Record<string, unknown>): StateType {
  if (state === 'FAILED' && task.allowFailure === true) return task.allowWarning === true ? 'SUCCESS' : 'WARNING';
  if (state === 'WARNING' && task.allowWarning === true) return 'SUCCESS';
  return state;
}
