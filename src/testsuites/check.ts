// What a suite says about its flow, checked against the flow: the flow exists, and every task
// a fixture mocks or an assertion names is a task of that flow (a typo would otherwise mock
// nothing and the test would pass for the wrong reason).

import { walkTasks } from '../flows/walk.ts';
import type { LineOf } from './parse.ts';
import type { SuiteProblem, TestSuite } from './model.ts';

export const missingFlowMessage = (suite: Pick<TestSuite, 'flowId' | 'namespace'>) =>
  `The flow '${suite.flowId}' does not exist in namespace '${suite.namespace}'.`;

/** Every task id of a flow document, nested ones included. */
export function flowTaskIds(flow: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  for (const { task } of walkTasks(flow)) if (typeof task.id === 'string') ids.add(task.id);
  return ids;
}

export function checkAgainstFlow(suite: TestSuite, flow: Record<string, unknown> | undefined, lineOf: LineOf): SuiteProblem[] {
  if (!flow) return [{ path: 'flowId', message: missingFlowMessage(suite), line: lineOf(['flowId']) }];
  const ids = flowTaskIds(flow);
  const where = `flow '${suite.namespace}.${suite.flowId}'`;
  const problems: SuiteProblem[] = [];
  suite.testCases.forEach((tc, i) => {
    (tc.fixtures?.tasks ?? []).forEach((f, j) => {
      if (!ids.has(f.id)) {
        problems.push({ path: `testCases[${i}].fixtures.tasks[${j}].id`, line: lineOf(['testCases', i, 'fixtures', 'tasks', j, 'id']), message: `fixture for unknown task '${f.id}': no task with this id in ${where}` });
      }
    });
    tc.assertions.forEach((a, j) => {
      if (a.taskId !== undefined && !ids.has(a.taskId)) {
        problems.push({ path: `testCases[${i}].assertions[${j}].taskId`, line: lineOf(['testCases', i, 'assertions', j, 'taskId']), message: `assertion on unknown task '${a.taskId}': no task with this id in ${where}` });
      }
    });
  });
  return problems;
}
