// The tenant-wide KV search of Kestra 1.x/2.0 (`GET /{tenant}/kv`): `filters[field][OP]=value`
// over namespace, key (and `q`), description and dates, then sort and paging. Pure functions
// over the service's records; anything not understood is a 422, never silently ignored.

import type { ParsedFilter } from '../http/filters.ts';
import type { SortKey } from '../http/query.ts';
import { unprocessable } from '../shared/errors.ts';
import type { KvRecord } from './service.ts';

const TEXT_OPS = ['EQUALS', 'NOT_EQUALS', 'IN', 'NOT_IN', 'STARTS_WITH', 'ENDS_WITH', 'CONTAINS', 'REGEX'] as const;
const DATE_OPS = ['EQUALS', 'NOT_EQUALS', 'GREATER_THAN', 'LESS_THAN', 'GREATER_THAN_OR_EQUAL_TO', 'LESS_THAN_OR_EQUAL_TO'] as const;

export const KV_FILTERS = {
  namespace: [...TEXT_OPS, 'PREFIX'],
  q: ['EQUALS', 'CONTAINS'],
  key: TEXT_OPS,
  description: TEXT_OPS,
  updated: DATE_OPS,
  created: DATE_OPS,
  expirationDate: DATE_OPS,
} as const;

/** sort names clients send → the record field they mean (Kestra maps `key` to its `name` column) */
const SORT_FIELDS: Record<string, (r: KvRecord) => string | number | undefined> = {
  key: (r) => r.key,
  namespace: (r) => r.namespace,
  description: (r) => r.description,
  revision: (r) => r.version,
  version: (r) => r.version,
  creationDate: (r) => r.creationDate,
  created: (r) => r.creationDate,
  updateDate: (r) => r.updateDate,
  updated: (r) => r.updateDate,
  expirationDate: (r) => r.expirationDate,
};
export const KV_SORT_FIELDS: ReadonlySet<string> = new Set(Object.keys(SORT_FIELDS));

function regexOf(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    throw unprocessable(`Invalid regular expression '${pattern}'`);
  }
}

function matchText(value: string | undefined, op: string, target: string): boolean {
  const v = value ?? '';
  switch (op) {
    case 'EQUALS': return v === target;
    case 'NOT_EQUALS': return v !== target;
    case 'IN': return target.split(',').map((t) => t.trim()).includes(v);
    case 'NOT_IN': return !target.split(',').map((t) => t.trim()).includes(v);
    case 'STARTS_WITH': return v.startsWith(target);
    case 'ENDS_WITH': return v.endsWith(target);
    case 'CONTAINS': return v.toLowerCase().includes(target.toLowerCase());
    // the namespace tree: the namespace itself and its children
    case 'PREFIX': return v === target || v.startsWith(`${target}.`);
    default: return false;
  }
}

function dateOf(field: string, text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw unprocessable(`Invalid date '${text}' for filter '${field}': expected an ISO-8601 date-time such as 2025-01-01T00:00:00Z`);
  return ms;
}

function matchDate(value: number | undefined, op: string, target: number): boolean {
  if (value === undefined) return op === 'NOT_EQUALS';
  switch (op) {
    case 'EQUALS': return value === target;
    case 'NOT_EQUALS': return value !== target;
    case 'GREATER_THAN': return value > target;
    case 'LESS_THAN': return value < target;
    case 'GREATER_THAN_OR_EQUAL_TO': return value >= target;
    case 'LESS_THAN_OR_EQUAL_TO': return value <= target;
    default: return false;
  }
}

/** One predicate per filter, built once (dates parsed, regexes compiled) before scanning. */
function predicate(f: ParsedFilter): (r: KvRecord) => boolean {
  if (f.op === 'REGEX') {
    const re = regexOf(f.value);
    const read = f.field === 'namespace' ? (r: KvRecord) => r.namespace : f.field === 'key' ? (r: KvRecord) => r.key : (r: KvRecord) => r.description ?? '';
    return (r) => re.test(read(r));
  }
  switch (f.field) {
    case 'namespace': return (r) => matchText(r.namespace, f.op, f.value);
    case 'key': return (r) => matchText(r.key, f.op, f.value);
    case 'description': return (r) => matchText(r.description, f.op, f.value);
    case 'q': {
      const needle = f.value.toLowerCase();
      return (r) => r.key.toLowerCase().includes(needle) || (r.description ?? '').toLowerCase().includes(needle);
    }
    default: {
      const target = dateOf(f.field, f.value);
      const read = f.field === 'updated' ? (r: KvRecord) => r.updateDate : f.field === 'created' ? (r: KvRecord) => r.creationDate : (r: KvRecord) => r.expirationDate;
      return (r) => matchDate(read(r), f.op, target);
    }
  }
}

function compare(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

/** Filters (all must match), then the requested order (default: namespace, key). */
export function searchKv(records: KvRecord[], filters: ParsedFilter[], sort: SortKey[]): KvRecord[] {
  const tests = filters.map(predicate);
  const matched = records.filter((r) => tests.every((t) => t(r)));
  const keys = sort.length ? sort : [{ field: 'namespace', asc: true }, { field: 'key', asc: true }];
  return matched.sort((a, b) => {
    for (const k of keys) {
      const read = SORT_FIELDS[k.field]!;
      const c = compare(read(a), read(b));
      if (c !== 0) return k.asc ? c : -c;
    }
    return 0;
  });
}

/**
 * `GET /namespaces/{ns}/kv/inheritance`: the entries of the parent namespaces of `ns` (not of
 * `ns` itself), the nearest parent first; a key hidden by a nearer parent is left out.
 */
export function inheritedKv(namespace: string, entriesOf: (ns: string) => KvRecord[]): KvRecord[] {
  const parts = namespace.split('.');
  const parents = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.')).reverse();
  const seen = new Set<string>();
  const out: KvRecord[] = [];
  for (const ns of parents) {
    for (const r of entriesOf(ns)) {
      if (seen.has(r.key)) continue;
      seen.add(r.key);
      out.push(r);
    }
  }
  return out;
}
