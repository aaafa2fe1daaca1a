// A flow revision prepared for execution: plugin defaults applied once, every task indexed by
// id with its canonical type and whether the engine walks it (flowable) or a worker runs it;
// both come from the task registry, as do the synthetic children a task expands into.

import { applyPluginDefaults } from '../../flows/parse.ts';
import type { FlowDocument } from '../../flows/model.ts';
import type { PluginCatalog } from '../../plugins/catalog.ts';
import type { TaskDefinition } from '../../tasks/types.ts';
import { walkTasks } from '../../flows/walk.ts';
import { enabledTasks } from '../../tasks/flowable.ts';
import { expandTask, flowableOf } from '../../tasks/registry.ts';
import { expandTemplates } from '../../templates/expand.ts';
import type { TemplateLookup } from '../../templates/model.ts';

export interface PlannedTask {
  task: TaskDefinition;
  type: string;            // canonical type
  flowable: boolean;
}

export interface FlowPlan {
  namespace: string;
  id: string;
  revision: number;
  flow: FlowDocument;
  tasks: Map<string, PlannedTask>;
  rootTasks: TaskDefinition[];
  rootErrors: TaskDefinition[];
  rootFinally: TaskDefinition[];
  afterExecution: TaskDefinition[];
}

/** `findTemplate`: the tenant's templates, inlined into Template tasks before defaults apply (as Kestra). */
export function createPlan(flow: FlowDocument, revision: number, catalog: PluginCatalog, findTemplate?: TemplateLookup): FlowPlan {
  const withDefaults = applyPluginDefaults(findTemplate ? expandTemplates(flow, findTemplate) : flow, catalog);
  const tasks = new Map<string, PlannedTask>();
  for (const { task } of walkTasks(withDefaults)) {
    const type = catalog.canonicalType(String(task.type));
    tasks.set(String(task.id), { task: task as TaskDefinition, type, flowable: flowableOf(type) !== undefined });
    // a task may declare synthetic children the engine plans with it (ForEachItem: split, items, merge)
    for (const child of expandTask(type, task as TaskDefinition)) {
      tasks.set(child.id, { task: child, type: child.type, flowable: flowableOf(child.type) !== undefined });
    }
  }
  return {
    namespace: flow.namespace,
    id: flow.id,
    revision,
    flow: withDefaults,
    tasks,
    rootTasks: enabledTasks(withDefaults.tasks),
    rootErrors: enabledTasks(withDefaults.errors),
    rootFinally: enabledTasks(withDefaults.finally),
    afterExecution: enabledTasks(withDefaults.afterExecution),
  };
}
