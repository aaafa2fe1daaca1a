// Flows API, single-flow routes (api-contract §3.1). Bulk, validation and export routes live
// in routes-bulk.ts. Handlers only translate HTTP to service calls.

import { routeModule } from '../../http/route-module.ts';
import { bodyKind, readJson, readText } from '../../http/body.ts';
import { boolParam, intParam, queryOf } from '../../http/query.ts';
import { tenantOf } from '../../http/tenant.ts';
import { illegalState, notFound } from '../../shared/errors.ts';
import { flowDependencies } from '../dependencies.ts';
import { buildFlowGraph, DagDependencyError, SubflowNotFoundError } from '../graph/flow-graph.ts';
import type { FlowLike } from '../graph/model.ts';
import type { ResolveSubflow } from '../graph/subflows.ts';
import { flowJson, flowView, jsonArray } from '../serialize.ts';
import { jsonText, noContent } from '../../http/respond.ts';
import type { FlowService } from '../service.ts';
import { walkTasks } from '../walk.ts';

export interface FlowRouteDeps { flows: FlowService; newId: () => string }

/**
 * YAML bodies keep their text verbatim; any other content type is the deprecated JSON variant.
 * `?draft=true` (Kestra 2.0) saves a draft revision: not validated for constraints, and skipped by
 * runs that name no revision (schedules, webhooks, subflows, manual executions).
 */
export async function readFlowBody(flows: FlowService, request: Request) {
  const draft = boolParam(queryOf(request), 'draft', false);
  if (bodyKind(request) === 'yaml') return { parsed: flows.parseYaml(await readText(request), { draft }), yaml: true };
  return { parsed: flows.parseJson(await readJson(request)), yaml: false };
}

export function flowRoutes({ flows, newId }: FlowRouteDeps) {
  /** Graph errors map to Kestra's statuses: a missing subflow is a 404, an unbuildable flow a 409. */
  const graphOf = (flow: FlowLike, expand: string[], resolve: ResolveSubflow) => {
    try {
      return buildFlowGraph(flow, { newId, expandSubflows: expand, resolveSubflow: resolve });
    } catch (err) {
      if (err instanceof SubflowNotFoundError) throw notFound(err.message);
      if (err instanceof DagDependencyError) throw illegalState(err.message);
      throw err;
    }
  };

  return routeModule()
    .post('/flows', async ({ request }) => {
      const { parsed, yaml } = await readFlowBody(flows, request);
      return jsonText(flowJson(flows.create(tenantOf(request), parsed), yaml));
    })
    .get('/flows/:namespace', ({ request, params }) => {
      const items = flows.list(tenantOf(request)).filter((r) => r.namespace === params.namespace)
        .sort((a, b) => a.id.localeCompare(b.id));
      return jsonText(jsonArray(items.map((r) => flowJson(r, false))));
    })
    .get('/flows/:namespace/:id', ({ request, params }) => {
      const q = queryOf(request);
      const r = flows.get(tenantOf(request), params.namespace, params.id, {
        revision: intParam(q, 'revision'),
        allowDeleted: boolParam(q, 'allowDeleted', false),
      });
      return jsonText(flowJson(r, boolParam(q, 'source', false)));
    })
    .put('/flows/:namespace/:id', async ({ request, params }) => {
      const tenant = tenantOf(request);
      if (!flows.getCurrent(tenant, params.namespace, params.id)) throw notFound(); // checked before parsing
      const { parsed, yaml } = await readFlowBody(flows, request);
      return jsonText(flowJson(flows.update(tenant, params.namespace, params.id, parsed), yaml));
    })
    .delete('/flows/:namespace/:id', ({ request, params }) => {
      flows.remove(tenantOf(request), params.namespace, params.id, 'api');
      return noContent();
    })
    .get('/flows/:namespace/:id/revisions', ({ request, params }) =>
      jsonText(jsonArray(flows.revisions(tenantOf(request), params.namespace, params.id).map((r) => flowJson(r, true)))))
    .get('/flows/:namespace/:id/graph', ({ request, params }) => {
      const q = queryOf(request);
      const tenant = tenantOf(request);
      const revision = intParam(q, 'revision');
      let record;
      try {
        record = flows.get(tenant, params.namespace, params.id, { revision });
      } catch {
        throw notFound(`Unable to find flow ${params.namespace}_${params.id}${revision !== undefined ? `_${revision}` : ''}`);
      }
      return graphOf(flowView(record, false), q.getAll('subflows'), (ns, id, rev) => {
        try { return flowView(flows.get(tenant, ns, id, { revision: rev }), false); } catch { return undefined; }
      });
    })
    .post('/flows/graph', async ({ request }) => {
      const tenant = tenantOf(request);
      const parsed = flows.parseYaml(await readText(request));
      return graphOf(parsed.flow, queryOf(request).getAll('subflows'), (ns, id, rev) => {
        try { return flowView(flows.get(tenant, ns, id, { revision: rev }), false); } catch { return undefined; }
      });
    })
    .get('/flows/:namespace/:id/dependencies', ({ request, params }) => {
      const q = queryOf(request);
      const all = flows.list(tenantOf(request)).map((r) => flowView(r, false));
      return flowDependencies(all, { namespace: params.namespace, id: params.id }, boolParam(q, 'destinationOnly', false));
    })
    .get('/flows/:namespace/:id/tasks/:taskId', ({ request, params }) => {
      const r = flows.get(tenantOf(request), params.namespace, params.id, { revision: intParam(queryOf(request), 'revision') });
      for (const { task } of walkTasks(r.flow)) if (task.id === params.taskId) return task;
      throw notFound(`Unable to find task ${params.taskId} in flow ${params.namespace}_${params.id}`);
    });
}
