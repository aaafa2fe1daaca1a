// Flow concurrency limits (Kestra 1.x/2.0 `concurrency-limit`): one `ConcurrencyLimit`
// {tenantId, namespace, flowId, running} per flow that declares `concurrency`. Kestra keeps a
// counter slot per flow that an operator may overwrite (PUT) when it drifts; kestra-lite counts
// the running executions in the execution store instead, so the count cannot drift: PUT checks
// the request as Kestra does and answers the limit with its true count.

import { routeModule } from '../http/route-module.ts';
import { readJson } from '../http/body.ts';
import { pagingParams, queryOf } from '../http/query.ts';
import { JsonMappingError } from '../stats/body.ts';
import { tenantOf } from '../http/tenant.ts';
import { ApiError, invalidEntity, notFound } from '../shared/errors.ts';
import { isPlainObject } from '../shared/guards.ts';
import type { FlowService } from '../flows/service.ts';
import type { FlowRecord } from '../flows/store.ts';

export interface ConcurrencyLimitJson { tenantId: string; namespace: string; flowId: string; running: number }

export interface ConcurrencyDeps {
  flows: FlowService;
  countRunning(tenant: string, namespace: string, flowId: string): number;
}

/**
 * `running` as Jackson reads an Integer: a number (a float is truncated) or a numeric text;
 * anything else is a mapping error (422 "Invalid json mapping"), before any range check.
 */
function integerField(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^[+-]?\d{1,10}$/.test(value.trim())) return Number(value.trim());
  const what = typeof value === 'string' ? `String ${JSON.stringify(value)}: not a valid \`java.lang.Integer\` value`
    : Array.isArray(value) ? 'Array value (token `JsonToken.START_ARRAY`)'
    : typeof value === 'object' ? 'Object value (token `JsonToken.START_OBJECT`)' : `${typeof value === 'boolean' ? 'Boolean' : 'this'} value`;
  throw new JsonMappingError('concurrencyLimit.running', `Cannot deserialize value of type \`java.lang.Integer\` from ${what}`);
}

export function concurrencyRoutes(deps: ConcurrencyDeps) {
  const limited = (r: FlowRecord) => typeof r.flow.concurrency?.limit === 'number';
  const limitJson = (tenant: string, r: { namespace: string; id: string }): ConcurrencyLimitJson =>
    ({ tenantId: tenant, namespace: r.namespace, flowId: r.id, running: deps.countRunning(tenant, r.namespace, r.id) });

  return routeModule()
    .get('/concurrency-limit/search', ({ request }) => {
      const tenant = tenantOf(request);
      // Kestra's search declares no page/size and answers every limit; given, they follow §1.4
      const q = queryOf(request);
      const paging = q.has('page') || q.has('size') ? pagingParams(q) : undefined;
      const all = deps.flows.list(tenant).filter(limited)
        .sort((a, b) => (a.namespace === b.namespace ? (a.id < b.id ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
      const page = paging ? all.slice(paging.offset, paging.offset + paging.size) : all;
      return { results: page.map((r) => limitJson(tenant, r)), total: all.length };
    })
    .put('/concurrency-limit/:namespace/:flowId', async ({ request, params }) => {
      const tenant = tenantOf(request);
      const body = await readJson(request);
      if (!isPlainObject(body)) throw new ApiError('INVALID_JSON', 'Expected a ConcurrencyLimit object {"namespace", "flowId", "running"}');
      const violations = [];
      for (const key of ['namespace', 'flowId'] as const) {
        const value = body[key] ?? params[key];
        if (value !== params[key]) violations.push({ path: `concurrencyLimit.${key}`, message: `must be '${params[key]}', the ${key} of the path` });
      }
      const running = integerField(body.running);
      if (running !== undefined && running < 0) violations.push({ path: 'concurrencyLimit.running', message: 'must be greater than or equal to 0' });
      if (violations.length) throw invalidEntity(violations);
      const record = deps.flows.getCurrent(tenant, params.namespace, params.flowId);
      if (!record || !limited(record)) throw notFound(`No concurrency limit for flow ${params.namespace}.${params.flowId}`);
      return limitJson(tenant, record);
    });
}
