// Kestra 2.0's open-source API as a generated client sees it: every operation of
// openapi-2.0-oss.yml is called with realistic parameters and a body of its declared content type
// on seeded data, and its answer must carry a status the document declares (2xx) and a body that
// validates against the schema declared for that status. Run in both modes: `--kestra-version
// 2.0` (the exact emulation) and the default (which serves the 2.0 routes with 0.21 shapes where
// they differ; those operations are listed in SHAPES_0_21).
//
// PENDING: operations not served yet (none today). An operation of PENDING that answers is
// reported, so that its entry goes.
// DEVIATIONS: responses that deliberately do not match, each with its reason.

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createValidator, describeErrors, loadDocument, type Operation } from './openapi.ts';
import { plans, QUERY, values, type Plan } from './plans.ts';
import { seededRuntime, type Contract } from './seed.ts';

export const PENDING: ReadonlySet<string> = new Set([]);

/** operationId → why its answer deliberately differs from the document (both modes). */
export const DEVIATIONS: Record<string, string> = {
  getPluginUi: 'no plugin of kestra-lite ships a UI module: 404, as Kestra answers for a group without one',
  triggerExecutionByGetWebhookWithPath: "the core Webhook trigger declares no sub-path: 404, as Kestra's core Webhook answers",
  triggerExecutionByPutWebhookWithPath: "the core Webhook trigger declares no sub-path: 404, as Kestra's core Webhook answers",
  triggerExecutionByPostWebhookWithPath: "the core Webhook trigger declares no sub-path: 404, as Kestra's core Webhook answers",
  validateNewExecutionInputs: 'answers one validation object (Kestra 1.x); the 2.0 description declares an array of them (executions area, to check against a 2.0 server)',
  validateResumeExecutionInputs: 'answers one validation object (Kestra 1.x); the 2.0 description declares an array of them (executions area, to check against a 2.0 server)',
  aggregateMetricsFromFlow: 'aggregation points carry no `name` (required by MetricAggregation; metrics area)',
  aggregateMetricsFromTask: 'aggregation points carry no `name` (required by MetricAggregation; metrics area)',
  getUsages: 'flows.taskTypeCount/triggerTypeCount/taskRunnerTypeCount are totals, not per-type maps (misc area)',
  deleteDashboard: 'answers 204 No Content (api-contract); the 2.0 description declares 200 without a body',
  createBasicAuth: 'answers 204 No Content (api-contract); the 2.0 description declares 200 without a body',
  listTools: "listing an MCP server's tools needs the real Kestra MCP endpoint: a 422 that says so (versions.md)",
};

/** Default mode: operations whose 0.21 shape kestra-lite keeps on purpose (decisions.md), with what differs. */
export const SHAPES_0_21: Record<string, string> = {
  getExecution: 'no tenantId for the main tenant; task runs keep outputs, executionId, namespace, flowId; deleted',
  searchExecutions: 'items carry their task runs, variables, metadata, deleted; no tenantId for main',
  searchExecutionsByFlowId: 'items carry their task runs, variables, metadata, deleted; no tenantId for main',
  getFlowFromExecution: 'no draft flag; BOOLEAN input type alias',
  getFlowFromExecutionById: 'no draft flag; BOOLEAN input type alias',
  listFlowExecutionsByNamespace: 'no draft flag; BOOLEAN input type alias',
  createFlow: 'no draft flag', updateFlow: 'no draft flag', getFlow: 'no draft flag', searchFlows: 'no draft flag',
  listFlowsByNamespace: 'no draft flag', listFlowRevisions: 'no draft flag', searchFlowsBySourceCode: 'no draft flag',
  searchLogs: 'no pagination `type`',
  listPlugins: 'a bare array (0.21), not a page', getPluginBySubgroups: 'class names (0.21), not {cls} objects',
  searchTriggers: '{abstractTrigger, triggerContext} (0.21), not {trigger, state}',
  searchTriggersForFlow: "0.21 trigger context dates (date, nextExecutionDate, updatedDate), not 2.0's",
  restartTrigger: "0.21 trigger context dates, not 2.0's",
  pauseBackfill: "0.21 trigger context dates, not 2.0's", unpauseBackfill: "0.21 trigger context dates, not 2.0's",
  deleteBackfill: "0.21 trigger context dates, not 2.0's",
};

const doc = loadDocument('openapi-2.0-oss.yml');
const validatorFor = createValidator(doc.schemas);
const tick = () => new Promise((r) => setImmediate(r));

/** `filters[a][EQUALS]=b` strings pass as they are; other values are URL-encoded. */
function queryString(op: Operation, plan: Plan): string {
  const parts: string[] = [];
  const given = plan.query ?? {};
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    const v = given[p.name] ?? (p.required ? QUERY[p.name] ?? 'x' : undefined);
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) parts.push(one.startsWith(`${p.name}[`) ? one : `${p.name}=${encodeURIComponent(one)}`);
  }
  for (const [k, v] of Object.entries(given)) if (!op.parameters.some((p) => p.name === k)) parts.push(`${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function urlOf(op: Operation, plan: Plan, vals: Record<string, string>): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(plan.path?.[name] ?? vals[name] ?? 'x'));
  return path + queryString(op, plan);
}

/** The checks of one answer: undefined when it is what the document declares. */
async function verdict(op: Operation, res: Response, expectedStatus?: number): Promise<string | undefined> {
  const declared = op.responses[String(res.status)];
  const type = res.headers.get('content-type') ?? '';
  if (!declared || (expectedStatus === undefined ? res.status >= 300 : res.status !== expectedStatus)) {
    const text = type.startsWith('text/event-stream') ? '' : await res.text();
    return `status ${res.status} (declared: ${Object.keys(op.responses).join(', ')}) ${text.slice(0, 200)}`;
  }
  const jsonType = Object.keys(declared).find((t) => t === 'application/json' || t === 'text/json');
  if (declared['text/event-stream']) {
    if (!type.startsWith('text/event-stream')) return `content-type ${type}, declared text/event-stream`;
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    await reader.cancel();
    const frame = new TextDecoder().decode(value);
    const data = /^data: ?(.*)$/m.exec(frame)?.[1];
    if (data === undefined) return `no data line in ${frame.slice(0, 100)}`;
    // `Event_Execution_` → the schema of its `data`
    const event = declared['text/event-stream']!;
    const v = validatorFor(event.properties?.data ?? doc.schemas[String(event.$ref).split('/').pop()!]!.properties.data);
    return v(JSON.parse(data)) ? undefined : `event data: ${describeErrors(v)}`;
  }
  const text = await res.text();
  if (!jsonType || !declared[jsonType]) return undefined; // a file, CSV, YAML, SVG or no body: the status is the contract
  if (!type.includes('json')) return `content-type ${type}, declared ${jsonType}`;
  const v = validatorFor(declared[jsonType]!);
  let body: unknown;
  try { body = JSON.parse(text); } catch { return `not JSON: ${text.slice(0, 100)}`; }
  return v(body) ? undefined : describeErrors(v);
}

/** Some calls wait on the clock (follow waits for the execution to appear): move the fake clock on. */
async function answered(c: Contract, pending: Promise<Response>): Promise<Response> {
  let done = false;
  void pending.finally(() => { done = true; });
  const clock = c.rt.clock as { advance?(ms: number): void };
  for (let i = 0; i < 20 && !done; i++) {
    await tick();
    if (!done) clock.advance?.(1000);
  }
  return pending;
}

// calls that delete or lock what others read run last, createBasicAuth (it turns auth on) the very last
const ordered = (ps: Record<string, Plan>) => [...doc.operations].sort((a, b) => rank(ps, a) - rank(ps, b));
const rank = (ps: Record<string, Plan>, op: Operation) => (op.operationId === 'createBasicAuth' ? 2 : ps[op.operationId]?.late ? 1 : 0);

for (const mode of ['2.0', '0.21'] as const) {
  describe(`openapi-2.0-oss.yml, --kestra-version ${mode}`, () => {
    let c: Contract;
    let ps: Record<string, Plan> = {};
    const placeholder = plans({ breakpoint: '', done: '', taskRun: '', spare: [], running: [], paused: [], failed: [], queued: [], withFile: '', fileUri: '', dashboard: '' });
    beforeAll(async () => {
      c = await seededRuntime({ kestraVersion: mode });
      ps = plans(c.seed);
    });
    afterAll(async () => { await c.rt.dispose(); });

    for (const op of ordered(placeholder)) {
      const name = `${op.method} ${op.path} (${op.operationId})`;
      const pending = PENDING.has(op.operationId);
      const expected = DEVIATIONS[op.operationId] ?? (mode === '0.21' ? SHAPES_0_21[op.operationId] : undefined);
      test(name, async () => {
        const plan = ps[op.operationId] ?? {};
        const url = urlOf(op, plan, values(c.seed));
        const res = await answered(c, c.call(op.method, url, plan.body));
        const problem = await verdict(op, res, plan.status);
        if (pending) {
          // still pending: it must at least not be served wrongly in silence
          expect(problem === undefined ? `${op.operationId} answers now: remove it from PENDING` : 'pending').toBe('pending');
        } else if (expected) {
          expect(problem === undefined ? `${op.operationId} matches now: remove it from the deviations` : 'deviates').toBe('deviates');
        } else {
          expect(problem === undefined ? 'ok' : `${op.method} ${url} → ${problem}`.replace(/\s+/g, ' ')).toBe('ok');
        }
      });
    }
  });
}
