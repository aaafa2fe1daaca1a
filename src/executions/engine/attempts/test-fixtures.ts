// The per-execution fixture override: a flow test case mocks some tasks for its own execution
// only (Kestra's `Execution.fixtures`). A task with a fixture is not run, whatever its type —
// runnable, or one the engine handles itself (Pause, the flowables): Kestra's
// ExecutorService.handleWorkerTask turns every CREATED task run with a fixture into a result
// with the fixture's state and outputs before anything else looks at it.
// SUCCESS/WARNING/FAILED play through an attempt (logs, retries, allowFailure as for a task that
// ran); the other states are set by the step loop itself (step.ts).

import { fixedFixtureTask } from '../../../tasks/fixtures/runner.ts';
import type { RunnableTask } from '../../../tasks/types.ts';
import type { Execution, ExecutionFixture, TaskRun } from '../../model.ts';

const cache = new WeakMap<object, RunnableTask>();

/** The test-case fixture of a task run: one naming its iteration value wins over one for every iteration. */
export function testFixtureFor(exec: Execution, run: TaskRun): ExecutionFixture | undefined {
  if (!exec.fixtures?.length) return undefined;
  return exec.fixtures.find((x) => x.id === run.taskId && x.value !== undefined && x.value === run.value)
    ?? exec.fixtures.find((x) => x.id === run.taskId && x.value === undefined);
}

/** Whether a fixture state ends the task run through an attempt (the others: step.ts). */
export const playedByAttempt = (f: ExecutionFixture) => f.state === undefined || f.state === 'SUCCESS' || f.state === 'WARNING' || f.state === 'FAILED';

export function testFixtureOf(exec: Execution, run: TaskRun): RunnableTask | undefined {
  const f = testFixtureFor(exec, run);
  if (!f || !playedByAttempt(f)) return undefined;
  let task = cache.get(f);
  if (!task) {
    task = fixedFixtureTask({ file: 'the test case', entry: { id: f.id, state: f.state as 'SUCCESS' | 'WARNING' | 'FAILED' | undefined, outputs: f.outputs } });
    cache.set(f, task);
  }
  return task;
}
