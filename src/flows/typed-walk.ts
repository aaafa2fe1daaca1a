// Every typed map of a flow (tasks at any depth, triggers, conditions, task runners, Pause
// onResume inputs) with its bean-validation path (`tasks[0].then[1]`, `triggers[0].conditions[0]`).
// Core plugins are walked through their schema ($tasks, $conditions, ...); unknown plugins
// through the shared walker's naming convention.

import type { PluginCatalog, PluginDef } from '../plugins/catalog.ts';
import { childLists } from './walk.ts';
import { isPlainObject } from '../shared/guards.ts';

export type NodeKind = 'task' | 'trigger' | 'condition' | 'taskRunner' | 'input';

export interface TypedNode {
  /** null for a null element of a list */
  node: Record<string, unknown> | null;
  path: string;
  kind: NodeKind;
  def?: PluginDef;
}

type S = Record<string, any>;

function* list(value: unknown, path: string, kind: NodeKind, catalog: PluginCatalog): Generator<TypedNode> {
  if (!Array.isArray(value)) return;
  for (let i = 0; i < value.length; i++) yield* visit(value[i], `${path}[${i}]`, kind, catalog);
}

function* visit(value: unknown, path: string, kind: NodeKind, catalog: PluginCatalog): Generator<TypedNode> {
  if (value === null || value === undefined) {
    yield { node: null, path, kind };
    return;
  }
  if (!isPlainObject(value)) return;
  if (kind === 'input') {
    yield { node: value, path, kind };
    return;
  }
  const def = typeof value.type === 'string' ? catalog.resolve(value.type) : undefined;
  const usable = def && def.kind === kind ? def : undefined;
  yield { node: value, path, kind, def: usable };
  if (kind === 'trigger') yield* list(value.conditions, `${path}.conditions`, 'condition', catalog);
  if (usable) {
    const props = (usable.properties.properties ?? {}) as Record<string, S>;
    for (const [key, schema] of Object.entries(props)) {
      const v = value[key];
      if (v === null || v === undefined) continue;
      const at = `${path}.${key}`;
      if (schema.$tasks) yield* list(v, at, 'task', catalog);
      else if (schema.$dagTasks && Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const entry = v[i];
          if (isPlainObject(entry)) yield* visit(entry.task, `${at}[${i}].task`, 'task', catalog);
        }
      } else if (schema.$casesTasks && isPlainObject(v)) {
        for (const [k, l] of Object.entries(v)) yield* list(l, `${at}.${k}`, 'task', catalog);
      } else if (schema.$conditions) {
        if (Array.isArray(v)) yield* list(v, at, 'condition', catalog);
        else if (isPlainObject(v)) for (const [k, c] of Object.entries(v)) yield* visit(c, `${at}.${k}`, 'condition', catalog);
      } else if (schema.$inputs) yield* list(v, at, 'input', catalog);
      else if (schema.$plugin) yield* visit(v, at, 'taskRunner', catalog);
    }
  } else if (kind === 'task') {
    for (const child of childLists(value)) {
      for (let i = 0; i < child.tasks.length; i++) {
        const p = child.dependsOn ? `${path}.${child.path}[${i}].task` : `${path}.${child.path}[${i}]`;
        yield* visit(child.tasks[i], p, 'task', catalog);
      }
    }
  }
}

/** All typed nodes of a flow document, in document order (depth first). */
export function* typedNodes(flow: Record<string, unknown>, catalog: PluginCatalog): Generator<TypedNode> {
  for (const key of ['tasks', 'errors', 'finally', 'afterExecution']) yield* list(flow[key], key, 'task', catalog);
  const listeners = flow.listeners;
  if (Array.isArray(listeners)) {
    for (let i = 0; i < listeners.length; i++) {
      const l = listeners[i];
      if (!isPlainObject(l)) continue;
      yield* list(l.conditions, `listeners[${i}].conditions`, 'condition', catalog);
      yield* list(l.tasks, `listeners[${i}].tasks`, 'task', catalog);
    }
  }
  yield* list(flow.triggers, 'triggers', 'trigger', catalog);
}

/** Typed nodes below a single task or trigger (validate/task, validate/trigger), paths relative to it. */
export function* typedNodesOf(root: unknown, kind: 'task' | 'trigger', catalog: PluginCatalog): Generator<TypedNode> {
  for (const n of visit(root, '', kind, catalog)) yield { ...n, path: n.path.replace(/^\./, '') };
}
