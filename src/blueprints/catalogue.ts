// The bundled blueprint catalogue and its queries: search by free text and tags, sorted and
// paged by the route; tags that have blueprints; one blueprint with its source.

import { yaml } from '../shared/yaml.ts';
import { queryTokens } from '../flows/query.ts';
import type { SortKey } from '../http/query.ts';
import { DASHBOARD_BLUEPRINTS } from './catalogue/dashboards.ts';
import { FLOW_BLUEPRINTS } from './catalogue/flows.ts';
import { BLUEPRINT_TAGS } from './catalogue/tags.ts';
import type { BlueprintDef, BlueprintItem, BlueprintKind, BlueprintTag } from './model.ts';

export interface BlueprintEntry { item: BlueprintItem; source: string }

export interface BlueprintQuery { q?: string; tags: string[]; sort?: SortKey }

/** Plugin types used by a document: every `type: a.b.C` value, in document order, once each. */
export function includedTypes(source: string): string[] {
  const out = new Set<string>();
  const visit = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'type' && typeof x === 'string' && /^[a-zA-Z_$][\w$]*(\.[a-zA-Z_$][\w$]*)+$/.test(x)) out.add(x);
      else visit(x);
    }
  };
  visit(yaml().parse(source));
  return [...out];
}

function entryOf(def: BlueprintDef): BlueprintEntry {
  const { source, ...rest } = def;
  return { item: { id: rest.id, title: rest.title, description: rest.description, includedTasks: includedTypes(source), tags: rest.tags, publishedAt: rest.publishedAt }, source };
}

const SORTABLE = new Set(['id', 'title', 'publishedAt']);
export const isSortableField = (field: string) => SORTABLE.has(field);

export type BlueprintCatalogue = ReturnType<typeof createBlueprintCatalogue>;

export function createBlueprintCatalogue(
  defs: Record<BlueprintKind, BlueprintDef[]> = { FLOW: FLOW_BLUEPRINTS, DASHBOARD: DASHBOARD_BLUEPRINTS, APP: [] },
  tags: BlueprintTag[] = BLUEPRINT_TAGS,
) {
  // built on first use: parsing every source at start-up would slow every runtime down for nothing
  let entries: Record<BlueprintKind, BlueprintEntry[]> | undefined;
  const all = (kind: BlueprintKind) => (entries ??= {
    FLOW: defs.FLOW.map(entryOf), DASHBOARD: defs.DASHBOARD.map(entryOf), APP: defs.APP.map(entryOf),
  })[kind];

  const matches = (e: BlueprintEntry, tokens: string[]) => {
    const text = `${e.item.id} ${e.item.title} ${e.item.description} ${e.item.includedTasks.join(' ')}`.toLowerCase();
    return tokens.every((t) => text.includes(t));
  };

  return {
    search(kind: BlueprintKind, query: BlueprintQuery): BlueprintItem[] {
      const tokens = queryTokens(query.q);
      const found = all(kind)
        .filter((e) => matches(e, tokens) && (query.tags.length === 0 || query.tags.some((t) => e.item.tags.includes(t))))
        .map((e) => e.item);
      const sort = query.sort;
      if (!sort) return found;
      const key = sort.field as 'id' | 'title' | 'publishedAt';
      return found.sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0) * (sort.asc ? 1 : -1));
    },

    /** Tags used by blueprints of this kind (matching `q`, when given). */
    tags(kind: BlueprintKind, q?: string): BlueprintTag[] {
      const tokens = queryTokens(q);
      const used = new Set(all(kind).filter((e) => matches(e, tokens)).flatMap((e) => e.item.tags));
      return tags.filter((t) => used.has(t.id));
    },

    get: (kind: BlueprintKind, id: string): BlueprintEntry | undefined => all(kind).find((e) => e.item.id === id),
  };
}
