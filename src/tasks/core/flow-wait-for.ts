// WaitFor: runs its children, then checks its condition; repeats after `checkFrequency.interval`
// until the condition holds, an iteration fails, or maxIterations / maxDuration is reached.

import { isKestraTruthy } from '../../expressions/index.ts';
import { branches, enabledTasks, intProp, sequential, type FlowableHandler } from '../flowable.ts';
import { parseDuration } from '../../shared/time/durations.ts';

export const waitForFlowable: FlowableHandler = {
  start: () => ({ outputs: { iterationCount: 0 }, iteration: 0 }),
  spec: (task) => ({ items: sequential(enabledTasks(task.tasks)), groupLimit: 1, ...branches(task) }),
  loop(task, run, r, iterationState) {
    const count = Number(run.outputs?.iterationCount ?? 0) + 1;
    const outputs = { ...(run.outputs ?? {}), iterationCount: count };
    if (iterationState !== 'SUCCESS' && iterationState !== 'WARNING') return { outputs, state: iterationState as 'FAILED' };
    if (isKestraTruthy(r.render(task.condition))) return { outputs, state: 'SUCCESS' };
    const freq = (task.checkFrequency ?? {}) as Record<string, unknown>;
    const maxIterations = intProp(freq.maxIterations, 100);
    const maxDuration = parseDuration(typeof freq.maxDuration === 'string' ? r.render(freq.maxDuration) : 'PT1H') ?? 3_600_000;
    const interval = parseDuration(typeof freq.interval === 'string' ? r.render(freq.interval) : 'PT1S') ?? 1000;
    const elapsed = run.state.histories.at(-1)!.date - run.state.histories[0]!.date;
    if (count >= maxIterations || elapsed + interval > maxDuration) return { outputs, state: task.failOnMaxReached === true ? 'FAILED' : 'SUCCESS' };
    return { outputs, delayMs: interval };
  },
};
