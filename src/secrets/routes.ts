// Secrets API (api-contract §3.11, versions.md): names only, never values. Open-source secrets are
// global, so every namespace (and its parents) sees the same names.

import { routeModule } from '../http/route-module.ts';
import { parseFilters, type ParsedFilter } from '../http/filters.ts';
import { pagingParams, queryOf, sortParams, type Query } from '../http/query.ts';
import { json } from '../http/respond.ts';
import { unprocessable } from '../shared/errors.ts';
import type { SecretService } from './service.ts';

const SECRET_FILTERS = {
  q: ['EQUALS', 'CONTAINS'],
  key: ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'STARTS_WITH', 'ENDS_WITH', 'IN', 'NOT_IN'],
  // accepted for clients that always send it; secrets are global, so it selects nothing out
  namespace: ['EQUALS', 'PREFIX', 'STARTS_WITH', 'IN'],
} as const;

/** `ApiSecretListResponse`: `{readOnly: true, results: [{key}], total}`. */
export function secretListJson(keys: string[], total: number) {
  return { readOnly: true, results: keys.map((key) => ({ key })), total };
}

function keyMatches(key: string, f: ParsedFilter): boolean {
  const k = key.toUpperCase();
  const v = f.value.toUpperCase();
  switch (f.op) {
    case 'EQUALS': return f.field === 'q' ? k.includes(v) : k === v;
    case 'NOT_EQUALS': return k !== v;
    case 'CONTAINS': return k.includes(v);
    case 'STARTS_WITH': return k.startsWith(v);
    case 'ENDS_WITH': return k.endsWith(v);
    case 'IN': return v.split(',').map((s) => s.trim()).includes(k);
    case 'NOT_IN': return !v.split(',').map((s) => s.trim()).includes(k);
    default: return true;
  }
}

/** paged, filtered (`q` or `filters[q|key]`), sorted by key (`sort=key:desc` reverses) */
function searchSecrets(secrets: SecretService, q: Query) {
  const paging = pagingParams(q);
  const filters = parseFilters(q, SECRET_FILTERS).filter((f) => f.field !== 'namespace');
  const legacy = q.get('q');
  if (legacy) filters.push({ field: 'q', op: 'CONTAINS', value: legacy });
  const sort = sortParams(q);
  if (sort.some((s) => s.field !== 'key')) throw unprocessable(`Invalid sort parameter, unknown field '${sort.find((s) => s.field !== 'key')!.field}'`);
  let keys = secrets.keys().filter((k) => filters.every((f) => keyMatches(k, f)));
  if (sort[0] && !sort[0].asc) keys = [...keys].reverse();
  return secretListJson(keys.slice(paging.offset, paging.offset + paging.size), keys.length);
}

export function secretRoutes({ secrets }: { secrets: SecretService }) {
  return routeModule()
    .get('/secrets', ({ request }) => json(searchSecrets(secrets, queryOf(request))))
    .get('/namespaces/:namespace/secrets', ({ request }) => json(searchSecrets(secrets, queryOf(request))))
    .get('/namespaces/:namespace/inherited-secrets', ({ params }) => {
      let namespace = params.namespace;
      try { namespace = decodeURIComponent(namespace); } catch { /* keep raw */ }
      // global secrets are all visible from the namespace itself (Kestra OSS answers the same)
      return json({ [namespace]: secrets.keys() });
    });
}
