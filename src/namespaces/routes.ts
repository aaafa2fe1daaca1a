// Namespaces API (api-contract §3.11; 1.x/2.0 autocomplete and dependencies). Namespaces are not
// stored: they are derived from what lives in them (registry.ts).

import { routeModule } from '../http/route-module.ts';
import { readJson, requireKind } from '../http/body.ts';
import { parseFilters } from '../http/filters.ts';
import { boolParam, pagingParams, queryOf, sortParams, type Query } from '../http/query.ts';
import { json } from '../http/respond.ts';
import { tenantOf } from '../http/tenant.ts';
import { flowView } from '../flows/serialize.ts';
import type { FlowLike } from '../flows/graph/model.ts';
import type { FlowService } from '../flows/service.ts';
import { ApiError, badRequest, notFound } from '../shared/errors.ts';
import { namespaceDependencies } from './dependencies.ts';
import type { NamespaceRegistry } from './registry.ts';
import { namespaceJson, namespaceSearchItemJson } from './serialize.ts';

export interface NamespaceRouteDeps {
  registry: NamespaceRegistry; flows: FlowService;
  /** the 1.x `GET /namespaces/autocomplete`; Kestra 2.0 has only the POST, its GET reads a namespace named `autocomplete` */
  getAutocomplete?: boolean;
}

const SEARCH_FILTERS = { q: ['EQUALS', 'CONTAINS'] } as const;
// Kestra answers autocomplete with at most one page of 50
const AUTOCOMPLETE_LIMIT = 50;

const decoded = (s: string) => { try { return decodeURIComponent(s); } catch { return s; } };
const containsCi = (q: string | undefined) => (id: string) => !q || id.toLowerCase().includes(q.toLowerCase());

/** `q` (legacy) or `filters[q][EQUALS|CONTAINS]`: a case-insensitive substring of the id. */
function queryText(q: Query): string | undefined {
  const filters = parseFilters(q, SEARCH_FILTERS);
  return q.get('q') || filters.find((f) => f.field === 'q')?.value || undefined;
}

interface Autocomplete { q?: string; ids: string[] }

async function readAutocomplete(request: Request): Promise<Autocomplete> {
  requireKind(request, 'json');
  const body = await readJson(request);
  if (body === undefined) throw badRequest('Required Body [autocomplete] not specified');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ApiError('UNPROCESSABLE', 'Invalid json mapping: the body must be an object such as {"q": "comp", "ids": []}');
  const { q, ids } = body as { q?: unknown; ids?: unknown };
  if (q !== undefined && q !== null && typeof q !== 'string') throw new ApiError('UNPROCESSABLE', 'Invalid json mapping: q must be a string');
  if (ids !== undefined && ids !== null && (!Array.isArray(ids) || ids.some((i) => typeof i !== 'string'))) {
    throw new ApiError('UNPROCESSABLE', 'Invalid json mapping: ids must be an array of strings');
  }
  return { q: (q as string | null) ?? undefined, ids: (ids as string[] | null) ?? [] };
}

/** Matching namespaces (at most 50), plus the requested `ids` that exist, sorted. */
function autocomplete(existing: string[], { q, ids }: Autocomplete): string[] {
  const matches = existing.filter((id) => !ids.includes(id)).filter(containsCi(q)).slice(0, AUTOCOMPLETE_LIMIT);
  return [...new Set([...matches, ...existing.filter((id) => ids.includes(id))])].sort();
}

export function namespaceRoutes({ registry, flows, getAutocomplete = true }: NamespaceRouteDeps) {
  const routes = routeModule();
  if (getAutocomplete) {
    routes.get('/namespaces/autocomplete', ({ request }) => {
      const q = queryOf(request);
      return json(autocomplete(registry.list(tenantOf(request)), { q: q.get('q') || undefined, ids: q.getAll('ids') }));
    });
  }
  return routes
    .get('/namespaces/search', ({ request }) => {
      const q = queryOf(request);
      const paging = pagingParams(q);
      const sort = sortParams(q); // only the direction of the first one matters, as in Kestra
      boolParam(q, 'existing', false); // validated; every listed namespace exists
      let ids = registry.list(tenantOf(request)).filter(containsCi(queryText(q)));
      if (sort[0] && !sort[0].asc) ids = ids.reverse();
      // Kestra pages only a list longer than one page, and reports 0 for a page past the end
      const page = ids.length > paging.size ? ids.slice(paging.offset, paging.offset + paging.size) : ids;
      return json({ results: page.map(namespaceSearchItemJson), total: page.length ? ids.length : 0 });
    })
    .post('/namespaces/autocomplete', async ({ request }) =>
      json(autocomplete(registry.list(tenantOf(request)), await readAutocomplete(request))))
    .get('/namespaces/:id', ({ params }) => {
      // Kestra answers any id, existing or not, without validation (api-contract §3.11)
      return json(namespaceJson(decoded(params.id)));
    })
    .get('/namespaces/:namespace/dependencies', ({ request, params }) => {
      const destinationOnly = boolParam(queryOf(request), 'destinationOnly', false);
      const all = flows.list(tenantOf(request)).map((r) => flowView(r, false) as unknown as FlowLike);
      return json(namespaceDependencies(all, decoded(params.namespace), destinationOnly));
    });
}
