// The catalogue of the core plugin types kestra-lite knows, derived from the registry entries:
// the task entries (tasks/registry.ts, minus the engine's internal types) and the trigger,
// condition and task runner entries (defs/). Data only: validation, plugin defaults and the
// /plugins routes read these schemas.
import type { PluginEntry, PluginKind, TaskEntry } from '../tasks/entry.ts';
import { indexEntries, isCoreType, TASK_ENTRIES } from '../tasks/registry.ts';
import { conditionEntries } from './defs/conditions.ts';
import { taskRunnerEntries } from './defs/task-runners.ts';
import { triggerEntries } from './defs/triggers.ts';

export type { PluginEntry, PluginKind } from '../tasks/entry.ts';
export { isCoreType } from '../tasks/registry.ts';

/** A plugin type as the catalogue shows it to validation and the /plugins routes. */
export interface PluginDef {
  /** canonical type, e.g. io.kestra.plugin.core.log.Log */
  type: string;
  aliases: string[];
  kind: PluginKind;
  /** a container of child tasks (validated as one), whether or not the engine walks it */
  flowable: boolean;
  /** the plugin's own properties (common task/trigger properties are not repeated here) */
  properties: PluginEntry['schema'];
  deprecated?: boolean;
  title: string;
  description?: string;
}

/** Every entry the catalogue lists: public task types, then triggers, conditions, task runners. */
export const CORE_PLUGIN_ENTRIES: readonly PluginEntry[] = [
  ...TASK_ENTRIES.filter((e) => !e.internal), ...triggerEntries, ...conditionEntries, ...taskRunnerEntries,
];

export function toPluginDef(e: PluginEntry): PluginDef {
  return {
    type: e.type,
    aliases: e.aliases,
    kind: e.kind,
    flowable: e.kind === 'task' && (e as TaskEntry).flowable !== undefined,
    properties: e.schema,
    ...(e.deprecated ? { deprecated: true } : {}),
    title: e.title,
    ...(e.description ? { description: e.description } : {}),
  };
}

export const CORE_PLUGIN_DEFS: readonly PluginDef[] = CORE_PLUGIN_ENTRIES.map(toPluginDef);

export interface PluginCatalog {
  /** the definition for a canonical type or one of its aliases */
  resolve(type: string): PluginDef | undefined;
  /** the canonical type for an alias; unknown types are returned unchanged */
  canonicalType(type: string): string;
  /** true for types in Kestra's core packages (io.kestra.plugin.core.* / io.kestra.core.*) */
  isCoreType(type: string): boolean;
  all(): PluginDef[];
}

export function createPluginCatalog(defs: readonly PluginDef[] = CORE_PLUGIN_DEFS): PluginCatalog {
  const byType = indexEntries(defs);
  return {
    resolve: (type) => (typeof type === 'string' ? byType.get(type) : undefined),
    canonicalType: (type) => byType.get(type)?.type ?? type,
    isCoreType: (type) => typeof type === 'string' && isCoreType(type),
    all: () => [...defs],
  };
}

let shared: PluginCatalog | undefined;
/** A process-wide catalog of the core plugins (immutable, so sharing is safe). */
export function defaultPluginCatalog(): PluginCatalog {
  return (shared ??= createPluginCatalog());
}
