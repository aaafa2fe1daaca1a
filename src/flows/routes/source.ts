// GET /flows/source (2.0 searchFlowsBySourceCode; Kestra's FlowController `source`): full-text
// search in flow sources, each hit with a highlighted fragment of the matching lines. Its own
// module so that `/flows/source` is a literal route, not the namespace listing `/flows/{namespace}`.

import { routeModule } from '../../http/route-module.ts';
import { pagingParams, queryOf, sortParams } from '../../http/query.ts';
import { json } from '../../http/respond.ts';
import { tenantOf } from '../../http/tenant.ts';
import { flowMatcher, queryTokens, sortFlows } from '../query.ts';
import { flowView } from '../serialize.ts';
import type { FlowService } from '../service.ts';
import { flowFilterOf } from './bulk.ts';

/**
 * Kestra's fragment: the non-empty lines from the one before the first line containing the query
 * (case-insensitive, whole query) to three after it, the match wrapped in [mark]...[/mark].
 */
export function sourceFragment(source: string, query: string | undefined): string {
  const lines = source.split('\n').filter((l) => l !== '');
  const needle = query?.toLowerCase();
  const first = needle ? Math.max(0, lines.findIndex((l) => l.toLowerCase().includes(needle))) : 0;
  const min = Math.max(0, first - 1);
  return lines.slice(min, Math.min(lines.length, min + 4)).map((line) => {
    const i = needle ? line.toLowerCase().indexOf(needle) : -1;
    return i < 0 ? line : `${line.slice(0, i)}[mark]${line.slice(i, i + needle!.length)}[/mark]${line.slice(i + needle!.length)}`;
  }).join('\n');
}

export function flowSourceRoutes({ flows }: { flows: FlowService }) {
  return routeModule()
    .get('/flows/source', ({ request }) => {
      const q = queryOf(request);
      const paging = pagingParams(q);
      const filter = flowFilterOf(q);
      const tokens = queryTokens(filter.q);
      const match = flowMatcher({ ...filter, q: undefined });
      const hits = flows.list(tenantOf(request))
        .filter((r) => match(r) && tokens.every((t) => r.source.toLowerCase().includes(t)));
      const page = sortFlows(hits, sortParams(q)).slice(paging.offset, paging.offset + paging.size);
      const query = filter.q === '*' ? undefined : filter.q;
      return json({ results: page.map((r) => ({ model: flowView(r, false), fragments: [sourceFragment(r.source, query)] })), total: hits.length });
    });
}
