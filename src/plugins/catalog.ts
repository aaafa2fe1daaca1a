// Registry of the core plugin types kestra-lite knows. Data only: each entry is a PluginDef
// (see defs/common.ts); validation, defaults and the /plugins routes read these schemas.
import type { PluginDef } from '../tasks/schema.ts';
import { logDebugDefs } from '../tasks/entries/log-debug.ts';
import { flowDefs } from '../tasks/entries/flow.ts';
import { executionDefs } from '../tasks/entries/execution.ts';
import { kvDefs } from '../tasks/entries/kv.ts';
import { httpDefs } from '../tasks/entries/http.ts';
import { storageDefs } from '../tasks/entries/storage.ts';
import { namespaceDefs } from '../tasks/entries/namespace.ts';
import { stateDefs } from '../tasks/entries/state.ts';
import { miscDefs } from '../tasks/entries/misc.ts';
import { triggerDefs } from './defs/triggers.ts';
import { conditionDefs } from './defs/conditions.ts';

export type { PluginDef, PluginKind } from '../tasks/schema.ts';

export const CORE_PLUGIN_DEFS: readonly PluginDef[] = [
  ...logDebugDefs, ...flowDefs, ...executionDefs, ...kvDefs, ...httpDefs, ...storageDefs, ...namespaceDefs,
  ...stateDefs, ...miscDefs, ...triggerDefs, ...conditionDefs,
];

export interface PluginCatalog {
  /** the definition for a canonical type or one of its aliases */
  resolve(type: string): PluginDef | undefined;
  /** the canonical type for an alias; unknown types are returned unchanged */
  canonicalType(type: string): string;
  /** true for types in Kestra's core packages (io.kestra.plugin.core.* / io.kestra.core.*) */
  isCoreType(type: string): boolean;
  all(): PluginDef[];
}

export function isCoreType(type: string): boolean {
  return type.startsWith('io.kestra.plugin.core.') || type.startsWith('io.kestra.core.');
}

export function createPluginCatalog(defs: readonly PluginDef[] = CORE_PLUGIN_DEFS): PluginCatalog {
  const byType = new Map<string, PluginDef>();
  for (const d of defs) byType.set(d.type, d);
  for (const d of defs) for (const alias of d.aliases) if (!byType.has(alias)) byType.set(alias, d);
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
