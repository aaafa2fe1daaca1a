// Execution views the UI uses (api-contract Appendix A): the flow graph of the execution's
// revision with its task runs attached, the flow of an execution, and expression evaluation.

import { routeModule } from '../../http/route-module.ts';
import { queryOf } from '../../http/query.ts';
import { tenantOf } from '../../http/tenant.ts';
import { buildFlowGraph } from '../../flows/graph/flow-graph.ts';
import { flowView } from '../../flows/serialize.ts';
import type { FlowService } from '../../flows/service.ts';
import { notFound } from '../../shared/errors.ts';
import { hideServerPaths, publicStack } from '../../shared/server-paths.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { IdGenerator } from '../../shared/ids.ts';
import { taskRunJson } from '../serialize.ts';
import type { ExecutionService } from '../service.ts';
import { executionVariables, taskRunVariables } from '../engine/variables.ts';
import type { ExpressionEngine } from '../../expressions/index.ts';
import type { FlowPlan } from '../engine/plan.ts';
import type { Execution } from '../model.ts';
import type { FlowAnswer } from './create.ts';
import { orFlow } from './shadowed.ts';

export function executionGraphRoutes(deps: { executions: ExecutionService; flows: FlowService; clock: Clock; newId: IdGenerator }) {
  const flowOf = (tenant: string, id: string) => {
    const exec = deps.executions.get(tenant, id);
    let record;
    try { record = deps.flows.get(tenant, exec.namespace, exec.flowId, { revision: exec.flowRevision }); } catch { throw notFound(`Unable to find the flow for the execution ${id}`); }
    return { exec, record };
  };
  return routeModule()
    .get('/executions/:executionId/graph', ({ request, params }) => {
      const tenant = tenantOf(request);
      const { exec, record } = flowOf(tenant, params.executionId);
      const graph = buildFlowGraph(flowView(record, false), {
        newId: deps.newId,
        expandSubflows: queryOf(request).getAll('subflows'),
        resolveSubflow: (ns: string, id: string, rev?: number) => {
          try { return flowView(deps.flows.get(tenant, ns, id, { revision: rev }), false); } catch { return undefined; }
        },
      });
      // the latest task run of each task goes on its node (loops show their last iteration)
      const latest = new Map(exec.taskRunList.map((t) => [t.taskId, t]));
      const now = deps.clock.now();
      for (const node of graph.nodes) {
        const taskId = (node as { task?: { id?: unknown } }).task?.id;
        const run = typeof taskId === 'string' ? latest.get(taskId) : undefined;
        if (run) (node as { taskRun?: unknown }).taskRun = taskRunJson(run, now);
      }
      return graph;
    })
    .get('/executions/:executionId/flow', ({ request, params }) => flowView(flowOf(tenantOf(request), params.executionId).record, true));
}

/**
 * POST /executions/{id}/eval/{taskRunId} (and its 2.0 spelling under /actions): renders an
 * expression in a task run's context (the UI's debug box); 2.0's /actions/eval renders it in the
 * execution's context. Render errors are answered as {error, stackTrace}, not as HTTP errors.
 */
export function executionEvalRoute(deps: {
  executions: ExecutionService;
  expressions(tenant: string): ExpressionEngine;
  inputsVariable(plan: FlowPlan, exec: Execution): Record<string, unknown> | undefined;
  envs: Record<string, string>;
  globals: Record<string, unknown>;
  /** hides secret values in what is sent back (Kestra masks secret() in eval results) */
  maskSecrets?: (text: string) => string;
  /** false with `--kestra-version 2.0`: only the /actions/ spelling is mounted (routes/shadowed.ts) */
  legacyPath: boolean;
  /** POST /executions/{ns}/eval/validate for a flow named `eval` (routes/shadowed.ts) */
  validate: FlowAnswer;
}) {
  const mask = deps.maskSecrets ?? ((text: string) => text);
  const evaluate = async (request: Request, executionId: string, taskRunId?: string) => {
    const tenant = tenantOf(request);
    const exec = deps.executions.get(tenant, executionId);
    const run = taskRunId === undefined ? undefined : exec.taskRunList.find((t) => t.id === taskRunId);
    if (taskRunId !== undefined && !run) throw notFound(`Unable to find task run '${taskRunId}'`);
    const plan = deps.executions.planFor(tenant, exec.namespace, exec.flowId, exec.flowRevision);
    const base = executionVariables(exec, plan, { inputs: deps.inputsVariable(plan, exec), envs: deps.envs, globals: deps.globals });
    const variables = run ? taskRunVariables(base, exec, run, plan.tasks.get(run.taskId)?.type ?? '') : base;
    const expression = await request.text();
    try {
      return { result: mask(deps.expressions(tenant).render(expression, variables)) };
    } catch (err) {
      // Kestra sends the exception's stack trace; ours without file paths or source locations
      return { error: mask(hideServerPaths((err as Error).message)), stackTrace: mask(publicStack(err)) };
    }
  };
  const actions = routeModule()
    .post('/executions/:executionId/actions/eval/:taskRunId', ({ request, params }) => evaluate(request, params.executionId, params.taskRunId))
    .post('/executions/:executionId/actions/eval', ({ request, params }) => evaluate(request, params.executionId));
  if (!deps.legacyPath) return actions;
  // `/executions/{ns}/eval/validate` also is the inputs validation of a flow `eval`
  type Legacy = { request: Request; params: { executionId: string; taskRunId: string } };
  const flowIdOf = (params: Legacy['params']) => (params.taskRunId === 'validate' ? 'eval' : undefined);
  return actions.post('/executions/:executionId/eval/:taskRunId',
    orFlow<Legacy>(deps.executions, deps.validate, flowIdOf, ({ request, params }) => evaluate(request, params.executionId, params.taskRunId)));
}
