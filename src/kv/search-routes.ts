// KV routes added by Kestra 1.x/2.0 (versions.md): the tenant-wide, paged search
// `GET /{tenant}/kv?filters[...]` and `GET /{tenant}/namespaces/{ns}/kv/inheritance`.

import { routeModule } from '../http/route-module.ts';
import { parseFilters } from '../http/filters.ts';
import { pagingParams, queryOf, sortParams } from '../http/query.ts';
import { json } from '../http/respond.ts';
import { tenantOf } from '../http/tenant.ts';
import { decoded } from './routes.ts';
import { inheritedKv, KV_FILTERS, KV_SORT_FIELDS, searchKv } from './search.ts';
import { kvEntryJson2 } from './serialize.ts';
import type { KvService } from './service.ts';

export function kvSearchRoutes({ kv }: { kv: KvService }) {
  return routeModule()
    .get('/kv', ({ request }) => {
      const q = queryOf(request);
      const paging = pagingParams(q);
      const matched = searchKv(kv.all(tenantOf(request)), parseFilters(q, KV_FILTERS), sortParams(q, KV_SORT_FIELDS));
      return json({ results: matched.slice(paging.offset, paging.offset + paging.size).map(kvEntryJson2), total: matched.length });
    })
    .get('/namespaces/:namespace/kv/inheritance', ({ request, params }) => {
      const tenant = tenantOf(request);
      return json(inheritedKv(decoded(params.namespace), (ns) => kv.list(tenant, ns)).map(kvEntryJson2));
    });
}
