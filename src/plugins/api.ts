// What the /plugins routes read: the catalogue plus per-runtime caches of everything derived
// from it (schemas, icon maps). The catalogue never changes while a runtime lives, so each
// document is built on first request and then served from memory.

import type { PluginCatalog, PluginDef } from './catalog.ts';
import { groupIconMap, iconMap, type PluginIconJson } from './icons.ts';
import { CORE_GROUP, corePluginVersion, subGroups, type ApiGeneration } from './listing.ts';
import { createSchemaCache, type SchemaCache } from './schema/documents.ts';
import { notFound } from '../shared/errors.ts';

export interface PluginApi {
  catalog: PluginCatalog;
  /** the Kestra API generation answered as (`--kestra-version`) */
  generation: ApiGeneration;
  defs(): readonly PluginDef[];
  schemas: SchemaCache;
  /** the definition of a class or alias, or Kestra's 404 */
  require(cls: string): PluginDef;
  /** versions of a class: the core plugin's one, or none for an unknown class */
  versions(cls: string): string[];
  icons(): Record<string, PluginIconJson>;
  groupIcons(): Record<string, PluginIconJson>;
}

/** Kestra's message (sic: "exists" and the trailing space). */
export const classNotFound = (cls: string) => notFound(`Class '${cls}' doesn't exists `);

export function createPluginApi(catalog: PluginCatalog, generation: ApiGeneration = '0.21'): PluginApi {
  let defs: readonly PluginDef[] | undefined;
  let icons: Record<string, PluginIconJson> | undefined;
  let groupIcons: Record<string, PluginIconJson> | undefined;
  const all = () => (defs ??= catalog.all());
  return {
    catalog,
    generation,
    defs: all,
    schemas: createSchemaCache(all),
    require(cls) {
      const def = catalog.resolve(cls);
      if (!def) throw classNotFound(cls);
      return def;
    },
    versions: (cls) => (catalog.resolve(cls) ? [corePluginVersion(generation)] : []),
    icons: () => (icons ??= iconMap(all())),
    groupIcons: () => (groupIcons ??= groupIconMap([CORE_GROUP, ...subGroups(all())])),
  };
}
