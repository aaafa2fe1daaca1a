// flow.Template (deprecated): the planner inlined the template's tasks into the task
// (templates/expand.ts) before plugin defaults apply, as Kestra does; here it walks them like a
// Sequential and renders `args` (twice: Kestra renders the already rendered map) into its
// `args` output, which the template's tasks read as `parent.outputs.args.<name>`.

import { TaskError } from '../types.ts';
import type { FlowableHandler } from '../flowable.ts';
import { sequentialFlowable } from './flow-containers.ts';

export const templateFlowable: FlowableHandler = {
  start(task, r) {
    if (!Array.isArray(task.tasks)) throw new TaskError(`Can't find flow template '${String(task.namespace)}.${String(task.templateId)}'`);
    if (!task.args || typeof task.args !== 'object') return { outputs: {} };
    const once = Object.fromEntries(Object.entries(task.args as Record<string, unknown>).map(([k, v]) => [k, r.render(v)]));
    return { outputs: { args: r.renderDeep(once) } };
  },
  spec: sequentialFlowable.spec,
};
