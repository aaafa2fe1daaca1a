// The newer `filters[field][OPERATION]=value` query form. Each resource declares which fields and
// operations it supports; anything else is a 422, never silently ignored — a by-query delete
// must not widen to "everything" because a filter was not understood.

import { unprocessable } from '../shared/errors.ts';
import type { Query } from './query.ts';

export type FilterSpec = Record<string, readonly string[]>;

export interface ParsedFilter { field: string; op: string; value: string; key?: string }

const FORM = /^filters\[([^\]]+)\]\[([^\]]+)\](?:\[([^\]]*)\])?$/;

export function parseFilters(q: Query, spec: FilterSpec): ParsedFilter[] {
  const out: ParsedFilter[] = [];
  for (const [name, value] of q) {
    if (!name.startsWith('filters[')) continue;
    const m = FORM.exec(name);
    if (!m) throw unprocessable(`Invalid filter parameter '${name}'`);
    const field = m[1]!;
    const op = m[2]!.toUpperCase();
    const allowed = spec[field];
    if (!allowed) throw unprocessable(`Unsupported filter field '${field}'`);
    if (!allowed.includes(op)) throw unprocessable(`Unsupported operation '${op}' for filter field '${field}'; supported: ${allowed.join(', ')}`);
    out.push({ field, op, value, key: m[3] });
  }
  return out;
}

/** values of one field for the given operations (IN / NOT_IN values are comma-separated) */
export function filterValues(filters: ParsedFilter[], field: string, ops: readonly string[]): string[] {
  return filters
    .filter((f) => f.field === field && ops.includes(f.op))
    .flatMap((f) => (f.op.endsWith('IN') ? f.value.split(',').map((v) => v.trim()).filter(Boolean) : [f.value]));
}

export const EQ = ['EQUALS', 'EQ'] as const;
export const POSITIVE = ['EQUALS', 'EQ', 'IN'] as const;
export const NEGATIVE = ['NOT_EQUALS', 'NOT_IN'] as const;
export const TEXT = ['EQUALS', 'EQ', 'CONTAINS'] as const;
export const NAMESPACE = ['EQUALS', 'EQ', 'PREFIX', 'STARTS_WITH'] as const;
