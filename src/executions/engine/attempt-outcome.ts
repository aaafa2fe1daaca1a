// What a finished attempt does to its task run (engine-contract §3.6–3.7): the attempt's state,
// the outputs, and either a retry (RETRYING until the returned date) or the final state softened
// by allowFailure/allowWarning and warningOnRetry.

import type { TaskRun } from '../model.ts';
import { withState, type StateType } from '../state.ts';
import { applyAllowances } from './final-state.ts';
import type { Live } from './live.ts';
import { nextRetryAt, retryPolicyFor } from './retry.ts';
import type { AttemptOutcome } from './worker.ts';
import type { TaskDefinition } from '../../tasks/types.ts';

/** Returns the date of the next attempt when the task run is to be retried. */
export function applyAttemptOutcome(l: Live, run: TaskRun, outcome: AttemptOutcome, now: number): number | undefined {
  const attempt = run.attempts![run.attempts!.length - 1]!;
  attempt.state = withState(attempt.state, outcome.state, now);
  run.outputs = outcome.outputs ?? run.outputs ?? {};
  const planned = l.plan.tasks.get(run.taskId)!;
  let state: StateType = outcome.state;
  if (state === 'FAILED' && l.exec.state.current !== 'KILLING') {
    const ancestors: TaskDefinition[] = [];
    for (let p = run.parentTaskRunId; p; ) {
      const parent = l.exec.taskRunList.find((t) => t.id === p);
      if (!parent) break;
      const t = l.plan.tasks.get(parent.taskId);
      if (t) ancestors.push(t.task);
      p = parent.parentTaskRunId;
    }
    const policy = retryPolicyFor(planned.task, ancestors, l.plan.flow);
    const at = policy ? nextRetryAt(policy, run.attempts!) : undefined;
    if (at !== undefined) {
      run.state = withState(withState(run.state, 'FAILED', now), 'RETRYING', now);
      run.retryAt = at;
      return at;
    }
  }
  const retry = retryPolicyFor(planned.task, [], l.plan.flow);
  if (state === 'SUCCESS' && retry?.warningOnRetry === true && run.attempts!.length > 2) state = 'WARNING';
  run.state = withState(run.state, applyAllowances(state, planned.task), now);
  return undefined;
}
