// Dotted input ids become nested maps (`nested.more.int` -> inputs.nested.more.int).

import { isPlainObject } from '../../shared/guards.ts';

type Tree = Record<string, unknown>;


/** Sets `value` at the dotted `id`, creating (or replacing non-map) intermediate levels. */
export function setPath(tree: Tree, id: string, value: unknown): void {
  const parts = id.split('.');
  let node = tree;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (isPlainObject(next)) node = next;
    else node = node[part] = {};
  }
  node[parts[parts.length - 1]!] = value;
}

/** Whether the dotted `id` is present (even with a null value). */
export function hasPath(tree: Tree, id: string): boolean {
  let node: unknown = tree;
  for (const part of id.split('.')) {
    if (!isPlainObject(node) || !Object.prototype.hasOwnProperty.call(node, part)) return false;
    node = node[part];
  }
  return true;
}

/** Flat id -> value pairs as a nested map, in the given order. */
export function nestDotted(entries: Iterable<readonly [string, unknown]>): Tree {
  const tree: Tree = {};
  for (const [id, value] of entries) setPath(tree, id, value);
  return tree;
}

/** Deep copy of the map levels only (values are shared), so defaults can be added safely. */
export function copyTree(tree: Tree): Tree {
  const out: Tree = {};
  for (const [k, v] of Object.entries(tree)) out[k] = isPlainObject(v) ? copyTree(v) : v;
  return out;
}
