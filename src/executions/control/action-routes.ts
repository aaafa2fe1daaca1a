// Kestra 2.0 control paths `/executions/{executionId}/actions/...` (versions.md): the same
// control service as the 0.21 spellings in routes.ts, with 2.0's answers — every action returns
// the execution, unqueue takes the target `state`, and breakpoints can be set on replay and
// released by resume-from-breakpoint. The eval actions live with the eval route (routes/graph.ts).

import { routeModule } from '../../http/route-module.ts';
import { json } from '../../http/respond.ts';
import { boolParam, intParam, queryOf } from '../../http/query.ts';
import { tenantOf } from '../../http/tenant.ts';
import { badRequest } from '../../shared/errors.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { parseBreakpoints } from '../engine/breakpoints.ts';
import { inputsFromRequest } from '../inputs/request.ts';
import type { Execution } from '../model.ts';
import { executionJson, inputValidationJson } from '../serialize.ts';
import type { ExecutionService } from '../service.ts';
import type { ExecutionControl } from './control.ts';
import { readLabels, readStateRequest, setLabelsOr400 } from './routes.ts';

const required = (q: URLSearchParams, name: string): string => {
  const v = q.get(name);
  if (!v) throw badRequest(`Required QueryValue [${name}] not specified`);
  return v;
};

export function executionActionRoutes(deps: { control: ExecutionControl; executions: ExecutionService; clock: Clock }) {
  const { control, executions } = deps;
  const answer = (e: Execution) => json(executionJson(e, deps.clock.now()));
  const current = (request: Request, id: string) => answer(executions.get(tenantOf(request), id));

  return routeModule('/api/v1/executions/:executionId/actions')
    // 2.0 answers the kill with the execution (KILLING until the engine has stopped it), as text/json
    .delete('/kill', ({ request, params }) => {
      const tenant = tenantOf(request);
      control.kill(tenant, params.executionId, boolParam(queryOf(request), 'isOnKillCascade', true));
      const body = JSON.stringify(executionJson(executions.get(tenant, params.executionId), deps.clock.now()));
      return new Response(body, { status: 200, headers: { 'content-type': 'text/json' } });
    })
    .post('/pause', ({ request, params }) => {
      control.pause(tenantOf(request), params.executionId);
      return current(request, params.executionId);
    })
    .post('/resume', async ({ request, params }) => {
      const tenant = tenantOf(request);
      control.resumeCheck(tenant, params.executionId);
      await control.resume(tenant, params.executionId, await inputsFromRequest(request));
      return current(request, params.executionId);
    })
    .post('/resume/validate', async ({ request, params }) => {
      const tenant = tenantOf(request);
      control.resumeCheck(tenant, params.executionId);
      const { exec, inputs } = await control.validateResume(tenant, params.executionId, await inputsFromRequest(request));
      return json(inputValidationJson({ id: exec.flowId, namespace: exec.namespace }, inputs));
    })
    .post('/resume-from-breakpoint', ({ request, params }) =>
      answer(control.resumeFromBreakpoint(tenantOf(request), params.executionId, parseBreakpoints(queryOf(request).get('breakpoints')))))
    .post('/restart', ({ request, params }) =>
      answer(control.restart(tenantOf(request), params.executionId, intParam(queryOf(request), 'revision'))))
    .post('/replay', ({ request, params }) => {
      const q = queryOf(request);
      return answer(control.replay(tenantOf(request), params.executionId, {
        taskRunId: q.get('taskRunId') ?? undefined, revision: intParam(q, 'revision'), breakpoints: parseBreakpoints(q.get('breakpoints')),
      }));
    })
    .post('/replay-with-inputs', async ({ request, params }) => {
      const q = queryOf(request);
      const opts = { taskRunId: q.get('taskRunId') ?? undefined, revision: intParam(q, 'revision'), breakpoints: parseBreakpoints(q.get('breakpoints')) };
      return answer(await control.replayWithInputs(tenantOf(request), params.executionId, await inputsFromRequest(request), opts));
    })
    .post('/unqueue', ({ request, params }) =>
      answer(control.unqueue(tenantOf(request), params.executionId, required(queryOf(request), 'state'))))
    .post('/force-run', ({ request, params }) => answer(control.forceRun(tenantOf(request), params.executionId)))
    .post('/change-status', ({ request, params }) =>
      answer(control.changeStatus(tenantOf(request), params.executionId, required(queryOf(request), 'status'))))
    .post('/state', async ({ request, params }) => {
      const body = await readStateRequest(request);
      return answer(control.markTaskRun(tenantOf(request), params.executionId, body.taskRunId, body.state));
    })
    .post('/labels', async ({ request, params }) =>
      setLabelsOr400(control, tenantOf(request), params.executionId, await readLabels(request), deps.clock.now()));
}
