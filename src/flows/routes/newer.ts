// Flow routes added after 0.21 that read or trim stored flows: deprecated tasks, deleting past
// revisions, the CSV export. (Source-code search is routes/source.ts.)

import { routeModule } from '../../http/route-module.ts';
import { tokenAttachment } from '../../http/attachment.ts';
import { queryOf } from '../../http/query.ts';
import { tenantOf } from '../../http/tenant.ts';
import { ApiError, unprocessable } from '../../shared/errors.ts';
import { deprecatedJson, deprecatedTasks } from '../deprecated.ts';
import { flowMatcher, namespaceMatches, sortFlows } from '../query.ts';
import { flowView, flowsCsv } from '../serialize.ts';
import type { FlowService } from '../service.ts';
import { flowFilterOf } from './bulk.ts';

export function flowNewerRoutes({ flows }: { flows: FlowService }) {
  return routeModule()
    .get('/flows/deprecated', ({ request }) => {
      const namespace = queryOf(request).get('namespace');
      const catalog = flows.catalog;
      if (!catalog) return [];
      return sortFlows(flows.list(tenantOf(request)).filter((r) => !namespace || namespaceMatches(r.namespace, namespace)), [])
        .map((r) => ({ r, tasks: deprecatedTasks(r, catalog) }))
        .filter((x) => x.tasks.length > 0)
        .map((x) => deprecatedJson(x.r, x.tasks));
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
      return new Response(flowsCsv(records), { headers: { 'content-type': 'text/csv', 'content-disposition': tokenAttachment('flows.csv') } });
    });
}
