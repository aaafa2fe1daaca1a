// Flowables that pick one branch when they start: If renders its condition once, Switch its
// value; the chosen branch is kept in the task run's outputs so later passes walk the same one.

import { isKestraTruthy } from '../../expressions/index.ts';
import { branches, enabledTasks, sequential, type FlowableHandler } from '../flowable.ts';

export const ifFlowable: FlowableHandler = {
  start: (task, r) => ({ outputs: { evaluationResult: isKestraTruthy(r.render(task.condition)) } }),
  spec: (task, run) => ({
    items: sequential(enabledTasks(run.outputs?.evaluationResult === true ? task.then : task.else)),
    groupLimit: 1, ...branches(task),
  }),
};

export const switchFlowable: FlowableHandler = {
  start(task, r) {
    const value = r.render(task.value);
    const cases = (task.cases ?? {}) as Record<string, unknown>;
    const matched = Object.prototype.hasOwnProperty.call(cases, value);
    return { outputs: { value, defaults: !matched } };
  },
  spec(task, run) {
    const value = String(run.outputs?.value ?? '');
    const cases = (task.cases ?? {}) as Record<string, unknown>;
    const list = run.outputs?.defaults === true ? task.defaults : cases[value];
    return { items: sequential(enabledTasks(list)), groupLimit: 1, ...branches(task), ...(Array.isArray(list) ? {} : { missing: true }) };
  },
};
