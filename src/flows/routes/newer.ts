// Flow routes added after 0.21 that read or trim stored flows: deprecated tasks, source-code
// search (a static path, so `/flows/{namespace}` never shadows it), deleting past revisions, the
// CSV export.

import { Elysia } from 'elysia';
import { attachment } from '../../http/attachment.ts';
import { pagingParams, queryOf } from '../../http/query.ts';
import { tenantOf } from '../../http/tenant.ts';
import { ApiError, unprocessable } from '../../shared/errors.ts';
import { deprecatedJson, deprecatedTasks } from '../deprecated.ts';
import { flowMatcher, namespaceMatches, sortFlows } from '../query.ts';
import { flowView, flowsCsv } from '../serialize.ts';
import type { FlowService } from '../service.ts';
import { flowFilterOf } from './bulk.ts';
import { sortParams } from '../../http/query.ts';

/** The lines of a source holding the searched text (what the UI shows under each hit). */
function fragments(source: string, needle: string): string[] {
  return source.split('\n').filter((l) => l.toLowerCase().includes(needle)).map((l) => l.trim());
}

export function flowNewerRoutes({ flows }: { flows: FlowService }) {
  return new Elysia({ prefix: '/api/v1' })
    .get('/flows/deprecated', ({ request }) => {
      const namespace = queryOf(request).get('namespace');
      const catalog = flows.catalog;
      if (!catalog) return [];
      return sortFlows(flows.list(tenantOf(request)).filter((r) => !namespace || namespaceMatches(r.namespace, namespace)), [])
        .map((r) => ({ r, tasks: deprecatedTasks(r, catalog) }))
        .filter((x) => x.tasks.length > 0)
        .map((x) => deprecatedJson(x.r, x.tasks));
    })
    .get('/flows/source', ({ request }) => {
      const q = queryOf(request);
      const paging = pagingParams(q);
      const needle = (q.get('q') ?? '').toLowerCase();
      const namespace = q.get('namespace');
      const hits = sortFlows(flows.list(tenantOf(request))
        .filter((r) => (!namespace || namespaceMatches(r.namespace, namespace)) && r.source.toLowerCase().includes(needle)), sortParams(q));
      const results = hits.slice(paging.offset, paging.offset + paging.size)
        .map((r) => ({ model: flowView(r, false), fragments: needle ? fragments(r.source, needle) : [] }));
      return { results, total: hits.length };
    })
    .delete('/flows/:namespace/:id/revisions', ({ request, params }) => {
      const raw = queryOf(request).getAll('revisions').flatMap((v) => v.split(',')).filter((v) => v.trim() !== '');
      if (raw.length === 0) throw new ApiError('BAD_REQUEST', 'Required QueryValue [revisions] not specified');
      const revisions = raw.map(Number);
      const bad = raw.find((_, i) => !Number.isInteger(revisions[i]) || revisions[i]! < 1);
      if (bad !== undefined) throw unprocessable(`Invalid revision '${bad}': revisions are integers from 1`);
      flows.deleteRevisions(tenantOf(request), params.namespace, params.id, revisions);
      return new Response(null, { status: 200 });
    })
    .get('/flows/export/by-query/csv', ({ request }) => {
      const records = sortFlows(flows.list(tenantOf(request)).filter(flowMatcher(flowFilterOf(queryOf(request)))), []);
      return new Response(flowsCsv(records), { headers: { 'content-type': 'text/csv', 'content-disposition': attachment('flows.csv') } });
    });
}
