// pluginDefaults (engine-contract §1.2): every typed map of the flow's task/trigger trees gets
// the values of the defaults whose `type` equals its type or is a prefix of it. Non-forced
// defaults sit under the map's own values, forced ones over them; among defaults the first
// declared wins; flow defaults come before global ones. A default declared with an alias type
// also applies to maps written with the canonical type (not the reverse).
import type { PluginCatalog } from '../plugins/catalog.ts';
import { defaultPluginCatalog } from '../plugins/catalog.ts';
import { isPlainObject } from '../shared/guards.ts';
import type { FlowDocument, PluginDefault } from './model.ts';

type Obj = Record<string, unknown>;

/** Deep merge where `high` wins; maps merge recursively, lists concatenate (low first). */
export function mergeDeep(low: unknown, high: unknown): unknown {
  if (high === undefined) return structuredClone(low);
  if (isPlainObject(low) && isPlainObject(high)) {
    const out: Obj = structuredClone(low);
    for (const [k, v] of Object.entries(high)) out[k] = k in out ? mergeDeep(out[k], v) : structuredClone(v);
    return out;
  }
  if (Array.isArray(low) && Array.isArray(high)) return [...structuredClone(low), ...structuredClone(high)];
  return structuredClone(high);
}

function matches(d: PluginDefault, type: string, catalog: PluginCatalog): boolean {
  if (typeof d.type !== 'string' || d.type === '') return false;
  if (type.startsWith(d.type)) return true;
  const canonical = catalog.canonicalType(d.type);
  return canonical !== d.type && canonical === type;
}

function applyTo(node: Obj, defaults: PluginDefault[], catalog: PluginCatalog): Obj {
  const type = node.type;
  if (typeof type !== 'string') return node;
  const found = defaults.filter((d) => isPlainObject(d) && isPlainObject(d.values) && matches(d, type, catalog));
  if (found.length === 0) return node;
  let under: unknown = {};
  let over: unknown = {};
  for (const d of found) {
    const values = { ...(d.values as Obj) };
    delete values.type;
    if (d.forced === true) over = mergeDeep(values, over);
    else under = mergeDeep(values, under);
  }
  return mergeDeep(mergeDeep(under, node), over) as Obj;
}

function walk(value: unknown, defaults: PluginDefault[], catalog: PluginCatalog, depth: number): unknown {
  if (depth > 200) return value;
  if (Array.isArray(value)) return value.map((v) => walk(v, defaults, catalog, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) out[k] = walk(v, defaults, catalog, depth + 1);
  return applyTo(out, defaults, catalog);
}

const PLUGIN_SECTIONS = ['tasks', 'errors', 'finally', 'afterExecution', 'listeners', 'triggers'];

/** A copy of `flow` with plugin defaults merged into every typed map. */
export function applyPluginDefaults<F extends FlowDocument>(flow: F, catalog: PluginCatalog = defaultPluginCatalog(), globalDefaults: PluginDefault[] = []): F {
  const own = flow.pluginDefaults ?? flow.taskDefaults;
  const defaults = [...(Array.isArray(own) ? own : []), ...globalDefaults].filter(isPlainObject) as PluginDefault[];
  const copy = structuredClone(flow);
  if (defaults.length === 0) return copy;
  // the walk keeps every section's shape: defaults only add properties to the typed maps in it
  const sections: Obj = copy;
  for (const key of PLUGIN_SECTIONS) if (sections[key] !== undefined) sections[key] = walk(sections[key], defaults, catalog, 0);
  return copy;
}
