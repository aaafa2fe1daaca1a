// The documents of GET /plugins/schemas/{type} and /plugins/properties/{type}: a root $ref and
// the definitions it reaches. Built once per runtime (the catalogue is immutable), cached as
// JSON text per (type, arrayOf) so a warm request only writes bytes.

import type { PluginDef } from '../catalog.ts';
import { DEF, refsOf, type Json } from './convert.ts';
import { modelDefinitions } from './model-defs.ts';
import { pluginDefinitions } from './plugin-defs.ts';

export const DRAFT_7 = 'http://json-schema.org/draft-07/schema#';

/** The schema types kestra-lite generates, with their root definition. */
export const SCHEMA_ROOTS = {
  flow: DEF.flow,
  template: DEF.template,
  task: DEF.task,
  trigger: DEF.trigger,
  plugindefault: DEF.pluginDefault,
  dashboard: DEF.dashboard,
} as const;
export type SchemaTypeName = keyof typeof SCHEMA_ROOTS;

/** Every definition: plugin classes and aliases, the abstract bases, the models. */
export function allDefinitions(defs: readonly PluginDef[]): Json {
  const plugins = pluginDefinitions(defs);
  // Flow-level lists carry the base's anyOf inline (what Kestra emits for Flow.tasks.items)
  const tasks = plugins[DEF.task] as Json;
  const triggers = plugins[DEF.trigger] as Json;
  return { ...plugins, ...modelDefinitions(tasks, triggers) };
}

/** The definitions reachable from the `roots` names, in the order of the full map. */
export function reachable(definitions: Json, roots: Iterable<string>, exclude: ReadonlySet<string> = new Set()): Json {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name) || exclude.has(name) || definitions[name] === undefined) continue;
    seen.add(name);
    for (const r of refsOf(definitions[name])) queue.push(r);
  }
  return Object.fromEntries(Object.entries(definitions).filter(([k]) => seen.has(k)));
}

export function schemaDocument(definitions: Json, type: SchemaTypeName, arrayOf: boolean): Json {
  const root = SCHEMA_ROOTS[type];
  return {
    $schema: DRAFT_7,
    $ref: `#/definitions/${root}`,
    // Kestra marks the array variant this way (the root keeps its $ref)
    ...(arrayOf ? { type: 'array' } : {}),
    definitions: reachable(definitions, [root]),
  };
}

/**
 * The root class's own schema (Kestra's `properties` generation: draft 2019-09, `$defs`):
 * its properties and required list, with the definitions they reach.
 */
export function propertiesDocument(definitions: Json, type: SchemaTypeName): Json {
  const root = SCHEMA_ROOTS[type];
  const reached = reachable(definitions, [root]);
  const main = reached[root] as Json;
  delete reached[root];
  const text = JSON.stringify({ ...main, $defs: reached }).replaceAll('"#/definitions/', '"#/$defs/');
  return JSON.parse(text) as Json;
}

export interface SchemaCache {
  /** JSON text of a schema document */
  schema(type: SchemaTypeName, arrayOf: boolean): string;
  properties(type: SchemaTypeName): string;
  definitions(): Json;
}

export function createSchemaCache(defs: () => readonly PluginDef[]): SchemaCache {
  let definitions: Json | undefined;
  const texts = new Map<string, string>();
  const all = () => (definitions ??= allDefinitions(defs()));
  const cached = (key: string, build: () => Json) => {
    let text = texts.get(key);
    if (text === undefined) texts.set(key, (text = JSON.stringify(build())));
    return text;
  };
  return {
    schema: (type, arrayOf) => cached(`schema:${type}:${arrayOf}`, () => schemaDocument(all(), type, arrayOf)),
    properties: (type) => cached(`properties:${type}`, () => propertiesDocument(all(), type)),
    definitions: all,
  };
}
