// Task run outputs (Kestra 2.0): the execution JSON no longer carries them, so clients read
// `GET /outputs/{executionId}` (the task runs that have outputs) and
// `GET /outputs/{executionId}/{taskRunId}` (one task run's outputs as a map).

import { routeModule } from '../../http/route-module.ts';
import { json } from '../../http/respond.ts';
import { tenantOf } from '../../http/tenant.ts';
import { notFound } from '../../shared/errors.ts';
import type { TaskRun } from '../model.ts';
import type { ExecutionService } from '../service.ts';

const hasOutputs = (r: TaskRun) => r.outputs !== null && Object.keys(r.outputs).length > 0;

/** OutputController.TaskOutputInformation; outputs are always kept inline here (never offloaded to storage) */
export function taskOutputInformationJson(r: TaskRun): Record<string, unknown> {
  const out: Record<string, unknown> = { taskId: r.taskId, taskRunId: r.id };
  if (r.value !== undefined) out.value = r.value;
  if (r.iteration !== undefined) out.iteration = r.iteration;
  out.inline = true;
  return out;
}

export function outputRoutes(deps: { executions: ExecutionService }) {
  return routeModule('/api/v1/outputs')
    .get('/:executionId', ({ request, params }) =>
      json(deps.executions.get(tenantOf(request), params.executionId).taskRunList.filter(hasOutputs).map(taskOutputInformationJson)))
    .get('/:executionId/:taskRunId', ({ request, params }) => {
      const run = deps.executions.get(tenantOf(request), params.executionId).taskRunList.find((r) => r.id === params.taskRunId);
      if (!run) throw notFound(`Unable to find task run '${params.taskRunId}'`);
      return json(run.outputs ?? {});
    });
}
