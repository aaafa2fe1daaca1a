// Flows named like a 0.21 execution action. `POST /executions/{namespace}/restart` is both the
// create of flow `restart` in `{namespace}` and Kestra 0.21's restart of execution `{namespace}`
// (likewise pause, resume, replay, unqueue, force-run, change-status, state, labels, and
// `POST /executions/{namespace}/eval/validate` for a flow `eval`):
// - Kestra 0.21's router (Micronaut) prefers the route with fewer path variables, so the action
//   always won there: a flow named `restart` could not be executed through the API.
// - Kestra 2.0 moved the actions under `/executions/{executionId}/actions/...`: the path always
//   creates. `--kestra-version 2.0` does not mount the 0.21 action routes at all (control/feature.ts,
//   graph.ts), so its router reaches the create as Kestra 2.0's does.
// - The default mode serves both generations, so it decides per request what the client means:
//   the 0.21 action when `{namespace}` is an execution of the tenant (a 0.21 client acting on it);
//   otherwise the create when the flow exists (a 2.0 client); otherwise the action, whose answer
//   (404 for the unknown execution) is the one Kestra 0.21 gave.

import { tenantOf } from '../../http/tenant.ts';
import type { ExecutionService } from '../service.ts';
import type { FlowAnswer } from './create.ts';

export type ShadowChoice = 'action' | 'flow';

export type ShadowLookup = Pick<ExecutionService, 'find' | 'hasFlow'>;

/** Default mode: which of the two routes `POST /executions/{first}/{name}` means. */
export function flowOrAction(lookup: ShadowLookup, tenant: string, first: string, name: string): ShadowChoice {
  const exec = lookup.find(tenant, first);
  if (exec && !exec.deleted) return 'action';
  return lookup.hasFlow(tenant, first, name) ? 'flow' : 'action';
}

interface ActionContext { request: Request; params: { executionId: string } }

/**
 * Wraps a 0.21 action handler: when the path names a flow (flowOrAction), `answer` (the create or
 * the inputs validation) answers for flow `flowIdOf(params)` of namespace `{executionId}` instead.
 * The wrapper destructures what it uses on purpose: Elysia reads a handler's source to decide what
 * to prepare, and a handler that takes the whole context gets its body parsed before it runs,
 * which leaves nothing for the multipart inputs of the create.
 */
export function orFlow<C extends ActionContext>(
  lookup: ShadowLookup, answer: FlowAnswer, flowIdOf: (params: C['params']) => string | undefined, handler: (ctx: C) => unknown,
): (ctx: C) => unknown {
  return ({ request, params }) => {
    const flowId = flowIdOf(params);
    if (flowId !== undefined && flowOrAction(lookup, tenantOf(request), params.executionId, flowId) === 'flow') return answer(request, params.executionId, flowId);
    return handler({ request, params } as C);
  };
}
