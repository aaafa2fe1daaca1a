// The per-execution fixture override: a flow test case mocks some tasks for its own execution
// only (Kestra's `Execution.fixtures`). The engine asks here first; a task with a fixture is not
// run, whatever its type — its state and outputs come from the fixture.

import { fixedFixtureTask } from '../../../tasks/fixtures/runner.ts';
import type { RunnableTask } from '../../../tasks/types.ts';
import type { Execution, TaskRun } from '../../model.ts';

const cache = new WeakMap<object, RunnableTask>();

export function testFixtureOf(exec: Execution, run: TaskRun): RunnableTask | undefined {
  if (!exec.fixtures?.length) return undefined;
  // a fixture naming the iteration value wins over one for every iteration
  const f = exec.fixtures.find((x) => x.id === run.taskId && x.value !== undefined && x.value === run.value)
    ?? exec.fixtures.find((x) => x.id === run.taskId && x.value === undefined);
  if (!f) return undefined;
  let task = cache.get(f);
  if (!task) {
    task = fixedFixtureTask({ file: 'the test case', entry: { id: f.id, state: f.state, outputs: f.outputs } });
    cache.set(f, task);
  }
  return task;
}
