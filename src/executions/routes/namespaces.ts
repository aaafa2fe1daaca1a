// Helpers of the "execute a flow" UI (api-contract Appendix A; 2.0 listExecutableDistinctNamespaces,
// listFlowExecutionsByNamespace, getFlowFromExecution): which namespaces have flows, their flows,
// and one flow (optionally a revision), as FlowForExecution.

import { routeModule } from '../../http/route-module.ts';
import { intParam, queryOf } from '../../http/query.ts';
import { json } from '../../http/respond.ts';
import { tenantOf } from '../../http/tenant.ts';
import type { FlowService } from '../../flows/service.ts';
import type { PluginCatalog } from '../../plugins/catalog.ts';
import { ApiError, notFound } from '../../shared/errors.ts';
import { flowForExecution } from '../flow-for-execution.ts';

export function executionNamespaceRoutes({ flows, catalog }: { flows: FlowService; catalog: PluginCatalog }) {
  return routeModule()
    .get('/executions/namespaces', ({ request }) =>
      json([...new Set(flows.list(tenantOf(request)).map((r) => r.namespace))].sort()))
    .get('/executions/namespaces/:namespace/flows', ({ request, params }) => {
      const records = flows.list(tenantOf(request)).filter((r) => r.namespace === params.namespace).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return json(records.map((r) => flowForExecution(r, catalog)));
    })
    .get('/executions/flows/:namespace/:flowId', ({ request, params }) => {
      const revision = intParam(queryOf(request), 'revision');
      try {
        return json(flowForExecution(flows.get(tenantOf(request), params.namespace, params.flowId, { revision }), catalog));
      } catch (err) {
        // Kestra answers an unknown flow or revision with its Optional's message
        if (err instanceof ApiError && err.code === 'NOT_FOUND') throw notFound('No value present');
        throw err;
      }
    });
}
