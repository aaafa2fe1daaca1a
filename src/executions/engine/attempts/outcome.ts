// What a finished attempt does to its task run (engine-contract §3.6–3.7): the attempt's state,
// the outputs, and either a retry (RETRYING until the returned date), a retry as a new
// execution (`behavior: CREATE_NEW_EXECUTION`: the task run, its ancestors and the execution
// end RETRIED) or the final state softened by allowFailure/allowWarning and warningOnRetry.

import type { TaskRun } from '../../model.ts';
import { withState, type StateType } from '../../state.ts';
import { applyAllowances } from '../final-state.ts';
import type { Live } from '../live.ts';
import { createsNewExecution, nextExecutionAt, nextRetryAt, retryPolicyFor, retrySourceFor } from '../retries/retry.ts';
import type { AttemptOutcome } from './worker.ts';
import type { TaskDefinition } from '../../../tasks/types.ts';

/** When the task run is retried: in place (`at`) or by a new execution (`newExecution`). */
export type RetryDue = { at: number; newExecution: boolean };

export function applyAttemptOutcome(l: Live, run: TaskRun, outcome: AttemptOutcome, now: number): RetryDue | undefined {
  const attempt = run.attempts![run.attempts!.length - 1]!;
  attempt.state = withState(attempt.state, outcome.state, now);
  run.outputs = outcome.outputs ?? run.outputs ?? {};
  const planned = l.plan.tasks.get(run.taskId)!;
  let state: StateType = outcome.state;
  const execState = l.exec.state.current;
  if (state === 'FAILED' && execState !== 'KILLING' && execState !== 'RETRIED') {
    const ancestors: TaskDefinition[] = [];
    for (let p = run.parentTaskRunId; p; ) {
      const parent = l.exec.taskRunList.find((t) => t.id === p);
      if (!parent) break;
      const t = l.plan.tasks.get(parent.taskId);
      if (t) ancestors.push(t.task);
      p = parent.parentTaskRunId;
    }
    const source = retrySourceFor(planned.task, ancestors, l.plan.flow);
    if (source && createsNewExecution(source.policy)) {
      const base = source.from === 'flow' ? l.exec.state.histories.at(-1)!.date : now;
      const at = nextExecutionAt(source.policy, l.exec.metadata, base);
      if (at !== undefined) {
        markRetried(l, run, now);
        return { at, newExecution: true };
      }
    } else if (source) {
      const at = nextRetryAt(source.policy, run.attempts!);
      if (at !== undefined) {
        run.state = withState(withState(run.state, 'FAILED', now), 'RETRYING', now);
        run.retryAt = at;
        return { at, newExecution: false };
      }
    }
  }
  const retry = retryPolicyFor(planned.task, [], l.plan.flow);
  if (state === 'SUCCESS' && retry?.warningOnRetry === true && run.attempts!.length > 2) state = 'WARNING';
  run.state = withState(run.state, applyAllowances(state, planned.task), now);
  return undefined;
}

/** ExecutionService.markWithTaskRunAs(RETRIED, markParents): the task run, its ancestors and the execution. */
function markRetried(l: Live, run: TaskRun, now: number) {
  run.state = withState(withState(run.state, 'FAILED', now), 'RETRIED', now);
  const byId = new Map(l.exec.taskRunList.map((r) => [r.id, r]));
  for (let p = run.parentTaskRunId ? byId.get(run.parentTaskRunId) : undefined; p; p = p.parentTaskRunId ? byId.get(p.parentTaskRunId) : undefined) {
    p.state = withState(p.state, 'RETRIED', now);
  }
  l.exec.state = withState(l.exec.state, 'RETRIED', now);
}
