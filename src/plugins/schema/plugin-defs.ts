// One definition per core plugin class (and per alias), keyed by class name as Kestra's
// generator does, plus the abstract bases (Task, AbstractTrigger, Condition, TaskRunner) as an
// anyOf over them. A definition lists the common properties of its kind and its own, pins
// `type` to its class name (what editors complete from) and rejects unknown properties.
//
// Non-core types (scripts, databases, cloud...) are played by fixtures and Kestra's schema could
// not know them either: each base also admits a "plugin" object whose `type` looks like a
// plugin class outside Kestra's core packages (the flow parser's rule), with the common
// properties checked and any other property allowed. User flows with real plugins validate;
// a mistyped core type does not.

import type { PluginDef, PluginKind } from '../catalog.ts';
import { TaskCommon, TriggerCommon } from '../../flows/model.ts';
import { convertProperties, DEF, ref, type ConvertOptions, type Json } from './convert.ts';

/** Package-qualified class name with a capitalised simple name, outside io.kestra.* except io.kestra.plugin.* (not core). */
export const PLUGIN_TYPE_PATTERN =
  '^(?!io\\.kestra\\.(?!plugin\\.)|io\\.kestra\\.plugin\\.core\\.)[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*\\.[A-Z][A-Za-z0-9_$]*$';

export const BASE_DEF: Record<PluginKind, string> = {
  task: DEF.task, trigger: DEF.trigger, condition: DEF.condition, taskRunner: DEF.taskRunner,
};

/** Definition names of the non-core catch-alls (kestra-lite's own, so they never collide with a class). */
export const NON_CORE_DEF: Record<PluginKind, string> = {
  task: 'kestra-lite.PluginTask', trigger: 'kestra-lite.PluginTrigger',
  condition: 'kestra-lite.PluginCondition', taskRunner: 'kestra-lite.PluginTaskRunner',
};

/** Common properties per kind (Task.java / AbstractTrigger.java; conditions and runners only carry their type). */
export function commonProperties(kind: PluginKind, o?: ConvertOptions): { properties: Json; required: string[] } {
  if (kind === 'task') {
    const common = convertProperties(TaskCommon as unknown as Json, ['id', 'type'], o);
    common.properties.retry = ref(DEF.retry);
    return common;
  }
  if (kind === 'trigger') return convertProperties(TriggerCommon as unknown as Json, ['id', 'type'], o);
  if (kind === 'condition') return { properties: { type: { type: 'string' } }, required: ['type'] };
  return { properties: { type: { type: 'string' }, version: { type: 'string' } }, required: ['type'] };
}

/** The editor definition of one class (or alias) name. */
export function pluginDefinition(def: PluginDef, name: string): Json {
  const common = commonProperties(def.kind);
  const own = convertProperties(def.properties.properties as Json, def.properties.required);
  const alias = name !== def.type;
  const description = alias ? `Deprecated alias of \`${def.type}\`.${def.description ? `\n\n${def.description}` : ''}` : def.description;
  const { type: _type, ...commonRest } = common.properties;
  return {
    type: 'object',
    title: def.title,
    ...(description ? { markdownDescription: description } : {}),
    ...(def.deprecated || alias ? { $deprecated: 'true' } : {}),
    properties: { ...(commonRest.id ? { id: commonRest.id } : {}), type: { const: name }, ...own.properties, ...commonRest },
    required: [...new Set([...common.required, ...own.required])],
    additionalProperties: false,
  };
}

function nonCoreDefinition(kind: PluginKind): Json {
  const common = commonProperties(kind);
  return {
    type: 'object',
    title: `A ${kind} of a plugin outside Kestra's core (played by fixtures in kestra-lite)`,
    properties: { ...common.properties, type: { type: 'string', pattern: PLUGIN_TYPE_PATTERN } },
    required: common.required,
    additionalProperties: true,
  };
}

/** Names a kind's anyOf offers: canonical classes first, then aliases, then the non-core catch-all. */
export function pluginDefinitions(defs: readonly PluginDef[]): Json {
  const out: Json = {};
  const members: Record<PluginKind, string[]> = { task: [], trigger: [], condition: [], taskRunner: [] };
  const aliases: Record<PluginKind, string[]> = { task: [], trigger: [], condition: [], taskRunner: [] };
  for (const def of defs) {
    out[def.type] = pluginDefinition(def, def.type);
    members[def.kind].push(def.type);
    for (const alias of def.aliases) {
      if (out[alias] !== undefined) continue;
      out[alias] = pluginDefinition(def, alias);
      aliases[def.kind].push(alias);
    }
  }
  for (const kind of Object.keys(members) as PluginKind[]) {
    out[NON_CORE_DEF[kind]] = nonCoreDefinition(kind);
    out[BASE_DEF[kind]] = { anyOf: [...members[kind], ...aliases[kind], NON_CORE_DEF[kind]].map(ref) };
  }
  return out;
}

/** Documentation-style schema of a class's own properties (and, with `all`, the common ones). */
export function pluginProperties(def: PluginDef, all: boolean): { properties: Json; required: string[] } {
  const o = { markdown: false };
  const own = convertProperties(def.properties.properties as Json, def.properties.required, o);
  if (!all) return own;
  const common = commonProperties(def.kind, o);
  delete common.properties.type;
  return { properties: { ...common.properties, ...own.properties }, required: [...new Set([...common.required.filter((r) => r !== 'type'), ...own.required])] };
}

