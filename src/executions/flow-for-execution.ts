// FlowForExecution (2.0 schema of the same name; Kestra's `FlowForExecution.of`): the minimal view
// of a flow that the "execute a flow" UI needs — inputs, and tasks/triggers reduced to id and
// type, with flowable children, Pause resume inputs and the subflow a task starts.

import { flowView } from '../flows/serialize.ts';
import type { FlowRecord } from '../flows/store.ts';
import { childLists, type TaskLike } from '../flows/walk.ts';
import type { PluginCatalog } from '../plugins/catalog.ts';

type Obj = Record<string, unknown>;

const PAUSE = 'io.kestra.plugin.core.flow.Pause';
const EXECUTABLE = new Set(['io.kestra.plugin.core.flow.Subflow', 'io.kestra.plugin.core.flow.ForEachItem']);

function taskForExecution(task: TaskLike, catalog: PluginCatalog): Obj {
  const type = String(task.type);
  const canonical = catalog.canonicalType(type);
  const out: Obj = { id: task.id, type };
  const def = catalog.resolve(type);
  // flowables list every child (tasks, branches, errors, finally), as Kestra's allChildTasks
  if (def?.flowable || childLists(task).length) {
    out.tasks = childLists(task).flatMap((l) => l.tasks.map((t) => taskForExecution(t, catalog)));
  }
  if (canonical === PAUSE && Array.isArray(task.onResume)) out.inputs = task.onResume;
  if (EXECUTABLE.has(canonical)) {
    const subflowId: Obj = { namespace: task.namespace, flowId: task.flowId };
    if (task.revision !== undefined && task.revision !== null) subflowId.revision = task.revision;
    out.subflowId = subflowId;
  }
  return out;
}

export function flowForExecution(r: FlowRecord, catalog: PluginCatalog): Obj {
  const view = flowView(r, false);
  const out: Obj = { id: r.id, namespace: r.namespace, revision: r.revision };
  if (view.inputs !== undefined) out.inputs = view.inputs;
  out.disabled = r.disabled;
  out.deleted = r.deleted;
  out.tasks = (Array.isArray(view.tasks) ? (view.tasks as TaskLike[]) : []).map((t) => taskForExecution(t, catalog));
  out.triggers = (Array.isArray(view.triggers) ? (view.triggers as TaskLike[]) : []).map((t) => ({ id: t.id, type: t.type }));
  return out;
}
