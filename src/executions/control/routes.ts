// Control endpoints of one execution: kill, pause, resume, restart, replay, change-status, task
// run state, labels (api-contract §3.3, Appendix A), in their 0.21 spelling. Each POST one also
// is the create of a flow named like the action (routes/shadowed.ts decides which one a request
// means). Not mounted with `--kestra-version 2.0`, which has only the /actions/ spelling.

import { routeModule } from '../../http/route-module.ts';
import { json, noContent } from '../../http/respond.ts';
import { readJson } from '../../http/body.ts';
import { boolParam, intParam, queryOf } from '../../http/query.ts';
import { tenantOf } from '../../http/tenant.ts';
import { ApiError, badRequest } from '../../shared/errors.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { Label } from '../../flows/model.ts';
import type { ExecutionControl } from './control.ts';
import { inputsFromRequest } from '../inputs/request.ts';
import { executionJson } from '../serialize.ts';
import type { FlowAnswer } from '../routes/create.ts';
import { orFlow, type ShadowLookup } from '../routes/shadowed.ts';


/** `POST /executions/{id}/state` body: `{taskRunId, state}` */
export async function readStateRequest(request: Request): Promise<{ taskRunId: string; state: string }> {
  const body = (await readJson(request)) as { taskRunId?: unknown; state?: unknown } | undefined;
  if (!body || typeof body.taskRunId !== 'string' || typeof body.state !== 'string') {
    throw new ApiError('INVALID_JSON', 'Expected {"taskRunId": string, "state": string}');
  }
  return { taskRunId: body.taskRunId, state: body.state };
}

/** Labels of a non-terminated execution: Kestra answers with a bare string body. */
export function setLabelsOr400(control: ExecutionControl, tenant: string, id: string, labels: Label[], now: number): Response {
  try {
    return json(executionJson(control.setLabels(tenant, id, labels), now));
  } catch (err) {
    if (err instanceof ApiError && err.code === 'BAD_REQUEST') return new Response('The execution is not terminated', { status: 400 });
    throw err;
  }
}

export async function readLabels(request: Request): Promise<Label[]> {
  const body = await readJson(request);
  if (!Array.isArray(body)) throw new ApiError('INVALID_JSON', 'Expected a JSON array of labels [{"key": ..., "value": ...}]');
  return body as Label[];
}

export interface ControlRouteDeps {
  control: ExecutionControl;
  clock: Clock;
  /** for flows named like an action: the lookup that decides, and the create that answers */
  executions: ShadowLookup;
  create: FlowAnswer;
}

export function executionControlRoutes(deps: ControlRouteDeps) {
  const { control } = deps;
  const now = () => deps.clock.now();
  /** the action `name`, or the create of flow `name` (routes/shadowed.ts) */
  const action = <C extends { request: Request; params: { executionId: string } }>(name: string, handler: (ctx: C) => unknown) =>
    orFlow<C>(deps.executions, deps.create, () => name, handler);
  return routeModule()
    .delete('/executions/:executionId/kill', ({ request, params }) => {
      control.kill(tenantOf(request), params.executionId, boolParam(queryOf(request), 'isOnKillCascade', true));
      return new Response(null, { status: 202, headers: { 'content-type': 'text/json' } });
    })
    .post('/executions/:executionId/pause', action('pause', ({ request, params }) => {
      control.pause(tenantOf(request), params.executionId);
      return new Response(null, { status: 200 });
    }))
    .post('/executions/:executionId/resume', action('resume', async ({ request, params }) => {
      const tenant = tenantOf(request);
      control.resumeCheck(tenant, params.executionId);
      await control.resume(tenant, params.executionId, await inputsFromRequest(request));
      return noContent();
    }))
    .post('/executions/:executionId/restart', action('restart', ({ request, params }) => {
      const q = queryOf(request);
      const revision = intParam(q, 'revision');
      const tenant = tenantOf(request);
      const exec = control.restart(tenant, params.executionId, revision);
      return json(executionJson(exec, now()));
    }))
    .post('/executions/:executionId/replay', action('replay', ({ request, params }) => {
      const q = queryOf(request);
      const exec = control.replay(tenantOf(request), params.executionId, { taskRunId: q.get('taskRunId') ?? undefined, revision: intParam(q, 'revision') });
      return json(executionJson(exec, now()));
    }))
    .post('/executions/:executionId/unqueue', action('unqueue', ({ request, params }) => json(executionJson(control.unqueue(tenantOf(request), params.executionId), now()))))
    .post('/executions/:executionId/force-run', action('force-run', ({ request, params }) => json(executionJson(control.forceRun(tenantOf(request), params.executionId), now()))))
    .post('/executions/:executionId/change-status', action('change-status', ({ request, params }) => {
      const status = queryOf(request).get('status');
      if (!status) throw badRequest('Required QueryValue [status] not specified');
      return json(executionJson(control.changeStatus(tenantOf(request), params.executionId, status), now()));
    }))
    .post('/executions/:executionId/state', action('state', async ({ request, params }) => {
      const body = await readStateRequest(request);
      return json(executionJson(control.markTaskRun(tenantOf(request), params.executionId, body.taskRunId, body.state), now()));
    }))
    .post('/executions/:executionId/labels', action('labels', async ({ request, params }) =>
      setLabelsOr400(control, tenantOf(request), params.executionId, await readLabels(request), now())));
}
