// The Pebble catalogue (`GET /pebble/filters|functions`, no tenant in Kestra 2.0) and display
// rendering (`POST /{tenant}/expressions/render`) against an execution, a saved flow, a flow
// source, or globals only.

import { routeModule } from '../http/route-module.ts';
import { readJson } from '../http/body.ts';
import { tenantOf } from '../http/tenant.ts';
import { ApiError, invalidEntity, notFound, type ErrorItem } from '../shared/errors.ts';
import { isPlainObject } from '../shared/guards.ts';
import { filterNames, functionsJson } from './catalogue.ts';
import { createDisplayRenderer } from './display.ts';

/** Where the variables of a render request come from (ExpressionController.RenderExpressionRequest). */
export interface RenderContextSource {
  execution(tenant: string, executionId: string): Record<string, unknown> | undefined;
  savedFlow(tenant: string, namespace: string, flowId: string): Record<string, unknown> | undefined;
  /** throws Kestra's 422 for an invalid source */
  flowSource(source: string): Record<string, unknown>;
  globals: Record<string, unknown>;
}

const MAX_EXPRESSIONS = 500;

function renderRequest(body: unknown) {
  if (!isPlainObject(body)) throw new ApiError('INVALID_JSON', 'Expected a JSON object {"expressions": [...], ...}');
  const violations: ErrorItem[] = [];
  const { expressions, executionId, namespace, flowId, flow } = body;
  if (!Array.isArray(expressions) || expressions.length === 0) violations.push({ path: 'request.expressions', message: 'must not be empty' });
  else if (expressions.length > MAX_EXPRESSIONS) violations.push({ path: 'request.expressions', message: `size must be between 0 and ${MAX_EXPRESSIONS}` });
  else if (!expressions.every((e) => typeof e === 'string' || e === null)) violations.push({ path: 'request.expressions', message: 'must be a list of strings' });
  for (const [key, value] of Object.entries({ executionId, namespace, flowId, flow })) {
    if (value !== undefined && value !== null && typeof value !== 'string') violations.push({ path: `request.${key}`, message: 'must be a string' });
  }
  if (violations.length) throw invalidEntity(violations);
  return body as { expressions: (string | null)[]; executionId?: string | null; namespace?: string | null; flowId?: string | null; flow?: string | null };
}

export function pebbleRoutes(source: RenderContextSource) {
  const display = createDisplayRenderer();
  return routeModule()
    .get('/pebble/filters', () => filterNames())
    .get('/pebble/functions', () => functionsJson())
    .post('/expressions/render', async ({ request }) => {
      const req = renderRequest(await readJson(request));
      const tenant = tenantOf(request);
      let variables: Record<string, unknown> = { globals: source.globals };
      if (req.executionId) {
        const found = source.execution(tenant, req.executionId);
        if (!found) throw notFound(`Unable to find execution '${req.executionId}'`);
        variables = found;
      } else if (req.flow) {
        variables = source.flowSource(req.flow); // an unsaved editor draft wins over the stored flow
      } else if (req.namespace && req.flowId) {
        const found = source.savedFlow(tenant, req.namespace, req.flowId);
        if (!found) throw notFound(`Unable to find flow '${req.namespace}.${req.flowId}'`);
        variables = found;
      }
      const rendered: Record<string, string> = {};
      for (const e of req.expressions) if (typeof e === 'string') rendered[e] = display(e, variables);
      return { rendered };
    });
}
