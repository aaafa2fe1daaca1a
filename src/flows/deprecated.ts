// `GET /flows/deprecated`: the tasks of a flow that use a deprecated type, either a plugin the
// catalogue marks deprecated or an old alias (whose replacement is the canonical type).

import type { PluginCatalog } from '../plugins/catalog.ts';
import type { FlowRecord } from './store.ts';
import { typedNodes } from './typed-walk.ts';

export interface TaskDeprecation { taskId: string; taskType: string; replacement: string | null }

export function deprecatedTasks(r: FlowRecord, catalog: PluginCatalog): TaskDeprecation[] {
  const out: TaskDeprecation[] = [];
  for (const n of typedNodes(r.flow, catalog)) {
    if (n.kind !== 'task' || !n.node || !n.def || typeof n.node.type !== 'string') continue;
    const written = n.node.type;
    const alias = written !== n.def.type;
    if (alias || n.def.deprecated) out.push({ taskId: String(n.node.id), taskType: written, replacement: alias ? n.def.type : null });
  }
  return out;
}

/** Kestra's `FlowWithDeprecatedTasks`. */
export function deprecatedJson(r: FlowRecord, tasks: TaskDeprecation[]) {
  return { namespace: r.namespace, flowId: r.id, revision: r.revision, deprecatedTasks: tasks };
}
