// Webhook trigger endpoint (engine-contract §5.3, api-contract §3.3): GET, POST and PUT behave the
// same, stay open when basic auth is on, and create an execution whose trigger variables hold the
// body, headers and query parameters. Newer Kestra options `wait` and `returnOutputs` make the
// call synchronous.

import { routeModule } from '../http/route-module.ts';
import { json } from '../http/respond.ts';
import { tenantOf } from '../http/tenant.ts';
import { illegalState, notFound } from '../shared/errors.ts';
import type { Clock } from '../shared/time/clock.ts';
import type { ExpressionEngine } from '../expressions/index.ts';
import type { Engine } from '../executions/engine/engine.ts';
import { executionJson } from '../executions/serialize.ts';
import type { ExecutionService } from '../executions/service.ts';
import type { FlowService } from '../flows/service.ts';
import type { PluginCatalog } from '../plugins/catalog.ts';
import { evaluateConditions } from './conditions/index.ts';
import { WEBHOOK } from './model.ts';
import { labelsOf } from './scheduler.ts';

export interface WebhookDeps {
  flows: FlowService; catalog: PluginCatalog; executions: ExecutionService; engine: Engine; clock: Clock;
  expressions(tenant: string): ExpressionEngine; envs: Record<string, string>; globals: Record<string, unknown>;
}

/** body parsed as a JSON object, else a JSON array, else the raw string; null when empty */
export function parseWebhookBody(text: string): unknown {
  if (text === '') return null;
  try {
    const parsed = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object') return parsed;
  } catch { /* not JSON: keep the text */ }
  return text;
}

function multiMap(entries: Iterable<[string, string]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of entries) (out[k] ??= []).push(v);
  return out;
}


export function webhookRoutes(deps: WebhookDeps) {
  const handler = async ({ request, params }: { request: Request; params: Record<string, string> }) => {
    const tenant = tenantOf(request);
    const { namespace, id: flowId, key } = params as { namespace: string; id: string; key: string };
    const record = deps.flows.getDeployed(tenant, namespace, flowId);
    if (!record) throw notFound('Flow not found');
    if (record.disabled) throw illegalState('Cannot execute a disabled flow');
    const ex = deps.expressions(tenant);
    const flowVars = { flow: { id: record.id, namespace: record.namespace, revision: record.revision }, envs: deps.envs, globals: deps.globals };
    const defs = (record.flow.triggers ?? [])
      .filter((d) => deps.catalog.canonicalType(String(d.type)) === WEBHOOK);
    const def = defs.find((d) => {
      try { return ex.render(String(d.key ?? ''), { ...flowVars, trigger: { id: d.id, type: d.type } }).trim() === key; } catch { return false; }
    });
    if (!def) throw notFound('Webhook not found');
    // Kestra's core Webhook trigger takes no extra path: a trailing `/{path}` (or a trailing slash)
    // answers 404 with an empty body. The path routes exist for plugin webhook triggers.
    if (params['*'] !== undefined || new URL(request.url).pathname.endsWith('/')) return new Response(null, { status: 404 });

    const url = new URL(request.url);
    const variables = {
      body: parseWebhookBody(await request.text()),
      headers: multiMap(request.headers.entries()),
      parameters: multiMap(url.searchParams.entries()),
    };
    const context = { ...flowVars, trigger: variables };
    const conditions = evaluateConditions(def.conditions as never, {
      variables: context, render: (t) => ex.render(t, context), now: deps.clock.now(),
    });
    if (!conditions.ok) return new Response(null, { status: 204 });

    const exec = await deps.executions.create({
      tenant, namespace: record.namespace, flowId: record.id, skipInputs: true, correlationId: false,
      labels: labelsOf(def.labels ? ex.renderDeep(def.labels, context) : undefined),
      trigger: { id: String(def.id), type: WEBHOOK, variables },
    });
    if (def.wait !== true && def.returnOutputs !== true) return json(executionJson(exec, deps.clock.now()));
    const final = (await deps.engine.waitForTerminal(tenant, exec.id)) ?? deps.executions.get(tenant, exec.id);
    if (def.returnOutputs === true) return json(final.outputs ?? {});
    return json(executionJson(final, deps.clock.now()));
  };
  // the flow's namespace sits where other /executions routes have their execution id
  return routeModule('/api/v1/executions/webhook')
    .get('/:namespace/:id/:key', handler)
    .post('/:namespace/:id/:key', handler)
    .put('/:namespace/:id/:key', handler)
    // Kestra 1.x+: `/{key}/{path}` with any further segments
    .get('/:namespace/:id/:key/*', handler)
    .post('/:namespace/:id/:key/*', handler)
    .put('/:namespace/:id/:key/*', handler);
}
