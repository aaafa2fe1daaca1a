// Query-string parsing shared by every route: paging, sort, labels, dates, booleans.
// Bad values become Kestra's 422s instead of NaN or silent defaults (api-contract §1.4–1.6).

import { ApiError, invalidEntity, illegalState, unprocessable } from '../shared/errors.ts';

export type Query = URLSearchParams;

/**
 * The query of a URL without one. Most requests have no query string, and building a
 * URLSearchParams was ~10% of a `GET /flows/{ns}/{id}` (profiled), so they share this one; its
 * mutators throw, so no route can leak a value into later requests (copy it first to add one).
 */
const NO_QUERY: Query = new URLSearchParams();
for (const method of ['append', 'delete', 'set', 'sort'] as const) {
  Object.defineProperty(NO_QUERY, method, { value: () => { throw new TypeError('the shared empty query is read-only: copy it with new URLSearchParams(q)'); } });
}

export function queryOf(request: Request): Query {
  const url = request.url;
  const q = url.indexOf('?');
  return q < 0 || q === url.length - 1 ? NO_QUERY : new URLSearchParams(url.slice(q + 1));
}

function conversionError(name: string, value: string, why: string): ApiError {
  return unprocessable(`Failed to convert argument [${name}] for value [${value}] due to: ${why}`);
}

export function intParam(q: Query, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^[+-]?\d{1,10}$/.test(raw.trim())) throw conversionError(name, raw, `For input string: "${raw}"`);
  const n = Number(raw.trim());
  if (n > 2147483647 || n < -2147483648) throw conversionError(name, raw, `For input string: "${raw}"`);
  return n;
}

export function boolParam(q: Query, name: string, fallback: boolean): boolean {
  const raw = q.get(name);
  if (raw === null || raw === '') return fallback;
  const v = raw.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw conversionError(name, raw, `Unsupported boolean value: ${raw}`);
}

export interface Paging { page: number; size: number; offset: number }

export function pagingParams(q: Query): Paging {
  const page = intParam(q, 'page') ?? 1;
  const size = intParam(q, 'size') ?? 10;
  const violations = [];
  if (page < 1) violations.push({ path: 'page', message: 'must be greater than or equal to 1' });
  if (size < 1) violations.push({ path: 'size', message: 'must be greater than or equal to 1' });
  if (violations.length) throw invalidEntity(violations);
  return { page, size, offset: (page - 1) * size };
}

export interface SortKey { field: string; asc: boolean }

/** `sort=field:asc` (repeatable). `allowed` restricts the fields when the resource has a closed set. */
export function sortParams(q: Query, allowed?: ReadonlySet<string>): SortKey[] {
  const out: SortKey[] = [];
  for (const raw of q.getAll('sort')) {
    const parts = raw.split(':');
    if (parts.length !== 2 || !parts[0]) throw unprocessable('Invalid sort parameter');
    if (allowed && !allowed.has(parts[0])) throw unprocessable(`Invalid sort parameter, unknown field '${parts[0]}'`);
    out.push({ field: parts[0], asc: parts[1] === 'asc' });
  }
  return out;
}

export interface LabelFilter { key: string; value: string }

/** `key:value` strings: the value is everything after the first ':' (trimmed). */
export function parseLabels(values: string[]): LabelFilter[] {
  const seen = new Map<string, string>();
  return values.map((raw) => {
    const i = raw.indexOf(':');
    const key = i < 0 ? raw.trim() : raw.slice(0, i).trim();
    const value = i < 0 ? '' : raw.slice(i + 1).trim();
    if (!key || !value) throw unprocessable('Invalid queryString parameter');
    const first = seen.get(key);
    // Kestra collects labels into a Java map: the same key twice is a merge conflict (409)
    if (first !== undefined) throw illegalState(`Duplicate key ${key} (attempted merging values ${first} and ${value})`);
    seen.set(key, value);
    return { key, value };
  });
}

/** Labels from `labels=k:v` and from the newer `filters[labels][EQUALS][k]=v` form. */
export function labelParams(q: Query): LabelFilter[] {
  const legacy = parseLabels(q.getAll('labels'));
  for (const [name, value] of q) {
    const m = /^filters\[labels\]\[(EQUALS|EQ)\]\[(.+)\]$/i.exec(name);
    if (m) legacy.push({ key: m[2]!, value });
  }
  return legacy;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** ISO date-time query value → epoch ms (an offset-less value is read as UTC). */
export function dateParam(q: Query, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  const text = raw.trim().replace(' ', '+');
  if (!DATE_RE.test(text)) throw conversionError(name, raw, `Text '${raw}' could not be parsed`);
  const ms = Date.parse(/[Z+-]\d*:?\d*$/.test(text.slice(16)) ? text : `${text}Z`);
  if (Number.isNaN(ms)) throw conversionError(name, raw, `Text '${raw}' could not be parsed`);
  return ms;
}

/**
 * The newer `filters[field][OPERATION]=value` form, flattened to legacy names so that one
 * filter implementation serves both generations of clients.
 */
export function filterParam(q: Query, field: string, legacy: string): string[] {
  const values = q.getAll(legacy);
  const prefix = `filters[${field}]`;
  for (const [name, value] of q) {
    if (!name.startsWith(prefix)) continue;
    const op = name.slice(prefix.length).replace(/^\[|\]$/g, '').toUpperCase();
    if (op === 'EQUALS' || op === 'EQ' || op === 'STARTS_WITH' || op === 'PREFIX' || op === 'CONTAINS' || op === 'IN' || op === 'REGEX') {
      values.push(...(op === 'IN' ? value.split(',') : [value]));
    }
  }
  return values;
}

export function firstFilter(q: Query, field: string, legacy: string): string | undefined {
  return filterParam(q, field, legacy).find((v) => v !== '');
}
