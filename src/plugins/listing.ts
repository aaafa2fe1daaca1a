// The plugin listings: GET /plugins (one core plugin artifact), /plugins/groups/subgroups (the
// artifact, then one entry per sub-group package) and the 2.0 trigger catalogue. Kestra's
// `Plugin` lists class names per kind; 2.0 lists `{cls, deprecated, title, description}` items
// and pages the list — both shapes come from `pluginJson` so a version switch is one argument.

import { kestraRelease, type KestraVersion } from '../shared/kestra-version.ts';
import type { PluginDef, PluginKind } from './catalog.ts';
import { simpleName } from './icons.ts';

export const CORE_GROUP = 'io.kestra.plugin.core';
export type ApiGeneration = KestraVersion;

/** kestra-lite's core plugin has one version: the Kestra release it answers as (per mode). */
export const corePluginVersion = (generation: ApiGeneration): string => kestraRelease(generation);

/** Titles of the core sub-group packages (Kestra falls back to the last package segment). */
const SUBGROUP_TITLES: Record<string, string> = {
  condition: 'Conditions', debug: 'Debug', execution: 'Execution', flow: 'Flow', http: 'HTTP', kv: 'KV Store',
  log: 'Log', namespace: 'Namespace files', output: 'Outputs', runner: 'Task runners', state: 'State store',
  storage: 'Storage', templating: 'Templating', trigger: 'Triggers',
};

const KIND_LIST: Record<PluginKind, 'tasks' | 'triggers' | 'conditions' | 'taskRunners'> = {
  task: 'tasks', trigger: 'triggers', condition: 'conditions', taskRunner: 'taskRunners',
};

const packageOf = (cls: string) => cls.slice(0, cls.lastIndexOf('.'));

/** The sub-group packages of the core plugin, sorted. */
export function subGroups(defs: readonly PluginDef[]): string[] {
  return [...new Set(defs.map((d) => packageOf(d.type)).filter((p) => p.startsWith(`${CORE_GROUP}.`)))].sort();
}

function elementJson(def: PluginDef, generation: ApiGeneration): unknown {
  if (generation === '0.21') return def.type;
  return { cls: def.type, ...(def.deprecated ? { deprecated: true } : {}), title: def.title, ...(def.description ? { description: def.description } : {}) };
}

/** One `Plugin` (the core artifact, or one of its sub-groups when `subGroup` is given). */
export function pluginJson(defs: readonly PluginDef[], generation: ApiGeneration, subGroup?: string): Record<string, unknown> {
  const members = subGroup ? defs.filter((d) => packageOf(d.type) === subGroup) : defs;
  const lists: Record<string, unknown[]> = { tasks: [], triggers: [], conditions: [], taskRunners: [] };
  for (const def of members) lists[KIND_LIST[def.kind]]!.push(elementJson(def, generation));
  const title = subGroup ? (SUBGROUP_TITLES[simpleName(subGroup)] ?? simpleName(subGroup)) : 'core';
  const empty = generation === '0.21'
    ? { storages: [], secrets: [], apps: [], appBlocks: [] }
    : { controllers: [], storages: [], secrets: [], apps: [], appBlocks: [], charts: [], dataFilters: [], dataFiltersKPI: [], logExporters: [], additionalPlugins: [] };
  return {
    name: 'core',
    title,
    description: subGroup ? `Core ${title.toLowerCase()} plugins` : 'The core tasks, triggers and conditions kestra-lite runs locally',
    license: 'Apache-2.0',
    group: CORE_GROUP,
    version: corePluginVersion(generation),
    manifest: { 'X-Kestra-Title': 'core', 'X-Kestra-Group': CORE_GROUP, 'X-Kestra-Version': corePluginVersion(generation) },
    ...lists,
    ...empty,
    guides: [],
    aliases: subGroup ? [] : members.flatMap((d) => d.aliases),
    categories: ['CORE'],
    ...(subGroup ? { subGroup } : {}),
  };
}

/** GET /plugins/groups/subgroups: the artifact, then its sub-groups. */
export function subGroupsJson(defs: readonly PluginDef[], generation: ApiGeneration): Record<string, unknown>[] {
  return [pluginJson(defs, generation), ...subGroups(defs).map((g) => pluginJson(defs, generation, g))];
}

/** 2.0 `ApiTriggerPlugin`: every core trigger is in the `core` category, sorted by name. */
export function triggerPluginsJson(defs: readonly PluginDef[]): { results: Record<string, unknown>[]; total: number } {
  const results = defs
    .filter((d) => d.kind === 'trigger')
    .map((d) => ({
      type: d.type,
      name: simpleName(d.type),
      ...(d.description ?? d.title ? { description: d.description ?? d.title } : {}),
      group: 'core',
      ee: false,
      icon: d.type,
      ...(d.deprecated ? { deprecated: true } : {}),
    }))
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  return { results, total: results.length };
}
