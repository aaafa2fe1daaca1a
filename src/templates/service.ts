// Template lifecycle (api-contract §3.2): create, update, soft delete, search, namespace sync and
// import. Every payload is parsed and checked before anything is written, so a bad request
// stores nothing (except YAML import, which like Kestra stops at the first bad document).

import type { SortKey } from '../http/query.ts';
import type { PluginCatalog } from '../plugins/catalog.ts';
import type { Clock } from '../shared/time/clock.ts';
import { ApiError, invalidEntity, notFound, type ErrorItem } from '../shared/errors.ts';
import { readYamlUpload } from '../shared/zip/yaml-upload.ts';
import { namespaceMatches, queryTokens } from '../flows/query.ts';
import type { Template, TemplateLookup, TemplateRecord } from './model.ts';
import { parseTemplateObject, parseTemplateYaml, splitTemplateDocuments, type TemplateParseResult } from './parse.ts';
import type { TemplateStore } from './store.ts';

export interface TemplateFilter { q?: string; namespace?: string }

export interface TemplateServiceDeps { store: TemplateStore; clock: Clock; catalog: PluginCatalog }

export type TemplateService = ReturnType<typeof createTemplateService>;

function orThrow(result: TemplateParseResult): Template {
  if (!result.ok) throw new ApiError('INVALID_ENTITY', result.message, result.violations as ErrorItem[]);
  return result.template;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  const x = String(a), y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function createTemplateService(deps: TemplateServiceDeps) {
  const { store, clock, catalog } = deps;

  const find = (tenant: string, namespace: string, id: string) => store.get(tenant, namespace, id);

  function get(tenant: string, namespace: string, id: string, detail?: string): TemplateRecord {
    const r = find(tenant, namespace, id);
    if (!r) throw notFound(detail);
    return r;
  }

  /** Create or overwrite; Kestra refuses an update that changes the id or the namespace. */
  function save(tenant: string, t: Template, previous?: TemplateRecord): TemplateRecord {
    if (previous) {
      const violations: ErrorItem[] = [];
      if (t.id !== previous.id) violations.push({ path: 'template.id', message: 'Illegal template id update' });
      if (t.namespace !== previous.namespace) violations.push({ path: 'template.namespace', message: 'Illegal namespace update' });
      if (violations.length) throw invalidEntity(violations);
    }
    return store.put(tenant, t, clock.now());
  }

  function remove(tenant: string, namespace: string, id: string, detail?: string): TemplateRecord {
    const r = get(tenant, namespace, id, detail);
    store.markDeleted(tenant, namespace, id, clock.now());
    return r;
  }

  function search(tenant: string, filter: TemplateFilter, sort: SortKey[] = []): TemplateRecord[] {
    const tokens = queryTokens(filter.q);
    const matches = store.list(tenant).filter((r) => {
      if (tokens.length && !tokens.every((t) => `${r.id} ${r.namespace}`.toLowerCase().includes(t))) return false;
      return !filter.namespace || namespaceMatches(r.namespace, filter.namespace);
    });
    if (!sort.length) return matches; // the store orders by namespace, id
    const field = (r: TemplateRecord, f: string) => (f === 'id' ? r.id : f === 'namespace' ? r.namespace : (r.template as Record<string, unknown>)[f]);
    return matches.sort((x, y) => {
      for (const k of sort) {
        const c = compare(field(x, k.field), field(y, k.field));
        if (c !== 0) return k.asc ? c : -c;
      }
      return 0;
    });
  }

  function upsert(tenant: string, t: Template): TemplateRecord {
    return save(tenant, t, find(tenant, t.namespace, t.id));
  }

  return {
    catalog,
    find,
    get,
    remove,
    search,
    parseJson: (value: unknown) => orThrow(parseTemplateObject(value, catalog)),
    parseYaml: (text: string) => orThrow(parseTemplateYaml(text, catalog)),

    create(tenant: string, t: Template): TemplateRecord {
      if (find(tenant, t.namespace, t.id)) throw invalidEntity([{ path: 'template.id', message: 'Template id already exists' }]);
      return store.put(tenant, t, clock.now());
    },

    update(tenant: string, namespace: string, id: string, t: Template): TemplateRecord {
      return save(tenant, t, get(tenant, namespace, id));
    },

    namespaces: (tenant: string) => [...new Set(store.list(tenant).map((r) => r.namespace))].sort(),

    /** POST /templates/{namespace}: all checks first, then deletions (exact namespace), then saves. */
    syncNamespace(tenant: string, namespace: string, templates: Template[], deleteOthers: boolean) {
      if (templates.some((t) => t.namespace !== namespace)) {
        throw invalidEntity([{ path: 'template.namespace', message: 'Template namespace is invalid' }]);
      }
      if (new Set(templates.map((t) => t.id)).size < templates.length) {
        throw invalidEntity([{ path: 'template.id', message: 'Duplicate template id' }]);
      }
      const ids = new Set(templates.map((t) => t.id));
      return store.transaction(() => {
        const deleted = deleteOthers
          ? store.list(tenant).filter((r) => r.namespace === namespace && !ids.has(r.id)).map((r) => remove(tenant, r.namespace, r.id))
          : [];
        return { deleted, saved: templates.map((t) => upsert(tenant, t)) };
      });
    },

    /** POST /templates/import: `.yml`/`.yaml` (multi-document) or a `.zip` of them; created or updated. */
    importFile(tenant: string, fileName: string, data: Uint8Array): void {
      const upload = readYamlUpload(fileName, data);
      const docs = upload.kind === 'yaml' ? splitTemplateDocuments(upload.text) : upload.files.map((f) => f.text);
      for (const doc of docs) upsert(tenant, orThrow(parseTemplateYaml(doc, catalog)));
    },

    /** The engine's view of a tenant's templates: their task lists by namespace and id. */
    lookup(tenant: string): TemplateLookup {
      return (namespace, id) => {
        const r = find(tenant, namespace, id);
        return r ? { tasks: r.template.tasks, errors: r.template.errors, finally: r.template.finally } : undefined;
      };
    },

    version: () => store.version(),
  };
}
