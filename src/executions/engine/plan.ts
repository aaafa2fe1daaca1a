// A flow revision prepared for execution: plugin defaults applied once, every task indexed by
// id with its canonical type and whether the engine walks it (flowable) or a worker runs it.

import { applyPluginDefaults } from '../../flows/parse.ts';
import type { PluginCatalog } from '../../plugins/catalog.ts';
import type { TaskDefinition } from '../../tasks/types.ts';
import { walkTasks } from '../../flows/walk.ts';
import { FOR_EACH_ITEM, forEachItemChildren } from '../subflows/for-each-item.ts';
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
  flow: Record<string, unknown>;
  tasks: Map<string, PlannedTask>;
  rootTasks: TaskDefinition[];
  rootErrors: TaskDefinition[];
  rootFinally: TaskDefinition[];
  afterExecution: TaskDefinition[];
}

/** Types the engine walks itself; everything else runs on a worker (core handler or fixture). */
export const ENGINE_FLOWABLES = new Set([
  'Sequential', 'Parallel', 'If', 'Switch', 'ForEach', 'AllowFailure', 'WorkingDirectory', 'Dag', 'EachSequential', 'EachParallel', 'Pause', 'WaitFor', 'ForEachItem', 'Template',
].map((n) => `io.kestra.plugin.core.flow.${n}`));

export const enabledTasks = (list: unknown): TaskDefinition[] =>
  Array.isArray(list) ? (list as TaskDefinition[]).filter((t) => t && t.disabled !== true) : [];

/** `findTemplate`: the tenant's templates, inlined into Template tasks before defaults apply (as Kestra). */
export function createPlan(flow: Record<string, unknown>, revision: number, catalog: PluginCatalog, findTemplate?: TemplateLookup): FlowPlan {
  const expanded = findTemplate ? expandTemplates(flow, findTemplate) : flow;
  const withDefaults = applyPluginDefaults(expanded as never, catalog) as unknown as Record<string, unknown>;
  const tasks = new Map<string, PlannedTask>();
  for (const { task } of walkTasks(withDefaults)) {
    const type = catalog.canonicalType(String(task.type));
    tasks.set(String(task.id), { task: task as TaskDefinition, type, flowable: ENGINE_FLOWABLES.has(type) });
    // ForEachItem runs as three synthetic runnable children (split, items, merge)
    if (type === FOR_EACH_ITEM) {
      for (const child of forEachItemChildren(task as TaskDefinition)) tasks.set(child.id, { task: child, type: child.type, flowable: false });
    }
  }
  return {
    namespace: String(flow.namespace),
    id: String(flow.id),
    revision,
    flow: withDefaults,
    tasks,
    rootTasks: enabledTasks(withDefaults.tasks),
    rootErrors: enabledTasks(withDefaults.errors),
    rootFinally: enabledTasks(withDefaults.finally),
    afterExecution: enabledTasks(withDefaults.afterExecution),
  };
}
