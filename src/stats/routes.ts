// Stats API routes (api-contract §3.6): every endpoint is a POST with an optional JSON body.
// Handlers read and type the body, then call the service.

import { routeModule } from '../http/route-module.ts';
import { json } from '../http/respond.ts';
import { tenantOf } from '../http/tenant.ts';
import { bool, date, flows, logLevel, readBody, scope, states, str, type Body } from './body.ts';
import type { DateRange, StatsService } from './service.ts';

export interface StatsRouteDeps { stats: StatsService }

const range = (b: Body): DateRange => ({ startDate: date(b, 'startDate'), endDate: date(b, 'endDate') });

export function statsRoutes({ stats }: StatsRouteDeps) {
  return routeModule()
    .post('/stats/summary', async ({ request }) => {
      const b = await readBody(request);
      range(b); // validated like Kestra's body mapping, then ignored
      return json(stats.summary(tenantOf(request), str(b, 'namespace')));
    })
    .post('/stats/executions/daily', async ({ request }) => {
      const b = await readBody(request);
      return json(stats.executionsDaily(tenantOf(request), {
        q: str(b, 'q'), scope: scope(b), namespace: str(b, 'namespace'), flowId: str(b, 'flowId'), states: states(b), ...range(b),
      }));
    })
    .post('/stats/taskruns/daily', async ({ request }) => {
      const b = await readBody(request);
      return json(stats.taskRunsDaily(tenantOf(request), {
        q: str(b, 'q'), scope: scope(b), namespace: str(b, 'namespace'), flowId: str(b, 'flowId'), states: states(b), ...range(b),
      }));
    })
    .post('/stats/executions/daily/group-by-flow', async ({ request }) => {
      const b = await readBody(request);
      return json(stats.executionsDailyByFlow(tenantOf(request), {
        q: str(b, 'q'), namespace: str(b, 'namespace'), flowId: str(b, 'flowId'), flows: flows(b), namespaceOnly: bool(b, 'namespaceOnly'), ...range(b),
      }));
    })
    .post('/stats/executions/daily/group-by-namespace', async ({ request }) => {
      const b = await readBody(request);
      return json(stats.executionsByNamespace(tenantOf(request), str(b, 'namespace'), range(b)));
    })
    .post('/stats/executions/latest/group-by-flow', async ({ request }) => {
      const b = await readBody(request);
      // Kestra fails with a 500 on a missing or malformed list; an empty answer serves clients better
      return json(stats.latestByFlow(tenantOf(request), Array.isArray(b.flows) ? flows(b) : undefined));
    })
    .post('/stats/logs/daily', async ({ request }) => {
      const b = await readBody(request);
      return json(stats.logsDaily(tenantOf(request), {
        q: str(b, 'q'), namespace: str(b, 'namespace'), flowId: str(b, 'flowId'), minLevel: logLevel(b), ...range(b),
      }));
    });
}
