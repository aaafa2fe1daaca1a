// Flow filters shared by search, export, and the by-query bulk operations (api-contract §1.6).

import type { LabelFilter, SortKey } from '../http/query.ts';
import type { FlowDocument, Label } from './model.ts';
import type { FlowRecord } from './store.ts';

export const SYSTEM_NAMESPACE = 'system';

export interface FlowFilter {
  q?: string;
  namespace?: string;
  /** `filters[namespace][EQUALS]`: exact instead of the namespace tree */
  namespaceExact?: boolean;
  labels?: LabelFilter[];
  scope?: ('USER' | 'SYSTEM')[];
}

/** `q` tokens: split on whitespace, punctuation and symbols; each must occur in id + namespace. */
export function queryTokens(q: string | undefined): string[] {
  if (!q || q === '*') return [];
  return q.toLowerCase().split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
}

export function namespaceMatches(namespace: string, prefix: string): boolean {
  const ns = namespace.toLowerCase();
  const p = prefix.toLowerCase();
  return ns === p || ns.startsWith(p + '.');
}

export function labelsOf(flow: FlowDocument): Label[] {
  return Array.isArray(flow.labels) ? flow.labels : [];
}

export function flowMatcher(filter: FlowFilter): (r: FlowRecord) => boolean {
  const tokens = queryTokens(filter.q);
  const scope = new Set(filter.scope ?? []);
  const scopeFilter = scope.size === 1 ? [...scope][0] : undefined;
  return (r) => {
    if (r.deleted) return false;
    if (tokens.length) {
      const text = `${r.id} ${r.namespace}`.toLowerCase();
      if (!tokens.every((t) => text.includes(t))) return false;
    }
    if (filter.namespace && !(filter.namespaceExact ? r.namespace === filter.namespace : namespaceMatches(r.namespace, filter.namespace))) return false;
    if (scopeFilter === 'USER' && r.namespace === SYSTEM_NAMESPACE) return false;
    if (scopeFilter === 'SYSTEM' && r.namespace !== SYSTEM_NAMESPACE) return false;
    if (filter.labels?.length) {
      const labels = labelsOf(r.flow);
      if (!filter.labels.every((f) => labels.some((l) => l.key === f.key && l.value === f.value))) return false;
    }
    return true;
  };
}

function fieldOf(r: FlowRecord, field: string): unknown {
  if (field === 'id') return r.id;
  if (field === 'namespace') return r.namespace;
  if (field === 'revision') return r.revision;
  if (field === 'disabled') return r.disabled;
  const document: Record<string, unknown> = r.flow; // sort fields are free text from the query string
  return document[field];
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // code-point order: deterministic and far cheaper than localeCompare on every search
  const x = String(a), y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Default order: namespace then id (stable, what a user expects to see). */
export function sortFlows(records: FlowRecord[], sort: SortKey[]): FlowRecord[] {
  const keys = sort.length ? sort : [{ field: 'namespace', asc: true }, { field: 'id', asc: true }];
  return records.sort((x, y) => {
    for (const k of keys) {
      const c = compareValues(fieldOf(x, k.field), fieldOf(y, k.field));
      if (c !== 0) return k.asc ? c : -c;
    }
    return 0;
  });
}
