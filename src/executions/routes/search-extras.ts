// Execution searches added in Kestra 1.x/2.0: the latest ended execution of given flows, the
// distinct values of a filter field, the CSV export of a search, and the flow of an execution
// looked up by namespace and id (the UI's run form).

import { routeModule } from '../../http/route-module.ts';
import { tokenAttachment } from '../../http/attachment.ts';
import { readJson } from '../../http/body.ts';
import { intParam, queryOf } from '../../http/query.ts';
import { json } from '../../http/respond.ts';
import { tenantOf } from '../../http/tenant.ts';
import type { FlowService } from '../../flows/service.ts';
import { ApiError, badRequest, illegalArgument, invalidEntity } from '../../shared/errors.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { toCsv } from '../csv.ts';
import { executionFilterOf } from '../filters.ts';
import type { Execution } from '../model.ts';
import { executionJson } from '../serialize.ts';
import { startDate } from '../state.ts';
import type { DistinctField, ExecutionStore } from '../store.ts';

const DISTINCT_FIELDS: readonly DistinctField[] = ['namespace', 'flowId', 'state', 'labels', 'triggerExecutionId'];

/** ExecutionController.LastExecutionResponse */
export function lastExecutionJson(e: Execution): Record<string, unknown> {
  return { id: e.id, flowId: e.flowId, namespace: e.namespace, startDate: new Date(startDate(e.state)).toISOString(), status: e.state.current };
}

/** A CSV row: the execution as search results carry it in 2.0 (no task runs). */
function csvRecord(e: Execution, now: number): Record<string, unknown> {
  const { taskRunList: _runs, ...rest } = executionJson(e, now);
  return rest;
}

async function flowFilters(request: Request): Promise<{ namespace: string; id: string }[]> {
  const body = await readJson(request);
  if (body === undefined) throw badRequest('Required Body [flowFilters] not specified');
  if (!Array.isArray(body)) throw new ApiError('INVALID_JSON', 'Expected a JSON array of {"namespace": ..., "id": ...}');
  const violations = body.flatMap((f, i) => (['namespace', 'id'] as const)
    .filter((k) => typeof (f as Record<string, unknown> | null)?.[k] !== 'string' || !(f as Record<string, string>)[k])
    .map((k) => ({ path: `flowFilters[${i}].${k}`, message: 'must not be null' })));
  if (violations.length) throw invalidEntity(violations);
  return body as { namespace: string; id: string }[];
}

export function executionSearchExtraRoutes(deps: { store: ExecutionStore; flows: FlowService; clock: Clock }) {
  const now = () => deps.clock.now();
  return routeModule('/api/v1/executions')
    .post('/latest', async ({ request }) => {
      const tenant = tenantOf(request);
      const latest = (await flowFilters(request)).flatMap((f) => deps.store.search(tenant,
        { namespace: f.namespace, namespaceExact: true, flowId: f.id, ended: true }, [{ field: 'state.endDate', asc: false }], 1).results);
      return json(latest.map(lastExecutionJson));
    })
    .get('/distinct-field-values', ({ request }) => {
      const q = queryOf(request);
      const field = q.get('field');
      if (!field) throw badRequest('Required QueryValue [field] not specified');
      if (!(DISTINCT_FIELDS as readonly string[]).includes(field)) {
        throw illegalArgument(`Field '${field}' is not supported for executions; supported fields: ${DISTINCT_FIELDS.join(', ')}`);
      }
      const size = intParam(q, 'size') ?? 100;
      if (size < 1) throw invalidEntity([{ path: 'size', message: 'must be greater than or equal to 1' }]);
      return json(deps.store.distinct(tenantOf(request), executionFilterOf(q, now()), field as DistinctField, size));
    })
    .get('/export/by-query/csv', ({ request }) => {
      const t = now();
      const results = deps.store.search(tenantOf(request), executionFilterOf(queryOf(request), t), []).results;
      return new Response(toCsv(results.map((e) => csvRecord(e, t))), {
        headers: { 'content-type': 'text/csv', 'content-disposition': tokenAttachment('executions.csv') },
      });
    });
}
