// POST /executions/{namespace}/{flowId} (create, with multipart inputs, labels, scheduleDate,
// breakpoints, kind and wait) and POST /executions/{namespace}/{flowId}/validate, as answers a
// route can give for any namespace and flow id: crud.ts mounts them on their own paths, and the
// 0.21 action routes give them when the path names a flow rather than an execution (shadowed.ts).

import { json } from '../../http/respond.ts';
import { bodyKind, readForm } from '../../http/body.ts';
import { unprocessable } from '../../shared/errors.ts';
import { boolParam, dateParam, intParam, parseLabels, queryOf } from '../../http/query.ts';
import { tenantOf } from '../../http/tenant.ts';
import type { BlobStore } from '../../shared/storage/blobs.ts';
import type { Clock } from '../../shared/time/clock.ts';
import type { ExpressionEngine } from '../../expressions/index.ts';
import type { Engine } from '../engine/engine.ts';
import { parseBreakpoints } from '../engine/breakpoints.ts';
import { providedFromForm, validateInputs } from '../inputs/inputs.ts';
import { inputsFromRequest } from '../inputs/request.ts';
import { isExecutionKind, type ExecutionKind } from '../model.ts';
import { executionJson, inputValidationJson } from '../serialize.ts';
import type { ExecutionService } from '../service.ts';

export interface CreateAnswerDeps {
  executions: ExecutionService;
  engine: Engine;
  clock: Clock;
  publicUrl: string;
}

export interface ValidateAnswerDeps {
  executions: ExecutionService;
  blobs: BlobStore;
  expressions(tenant: string): ExpressionEngine;
}

/** Answers one request for a flow: the create, or the validation of its inputs. */
export type FlowAnswer = (request: Request, namespace: string, flowId: string) => Promise<Response>;

/** `?kind=` (Kestra 1.x+): one of ExecutionKind, else Micronaut's conversion error */
function kindParam(q: URLSearchParams): ExecutionKind | undefined {
  const raw = q.get('kind');
  if (raw === null || raw === '') return undefined;
  if (!isExecutionKind(raw)) throw unprocessable(`Failed to convert argument [kind] for value [${raw}] due to: No enum constant io.kestra.core.models.executions.ExecutionKind.${raw}`);
  return raw;
}

export function createAnswer(deps: CreateAnswerDeps): FlowAnswer {
  return async (request, namespace, flowId) => {
    const q = queryOf(request);
    const provided = await inputsFromRequest(request);
    const tenant = tenantOf(request);
    const exec = await deps.executions.create({
      tenant, namespace, flowId, revision: intParam(q, 'revision'),
      inputs: provided, labels: parseLabels(q.getAll('labels')), scheduleDate: dateParam(q, 'scheduleDate'),
      breakpoints: parseBreakpoints(q.get('breakpoints')), kind: kindParam(q),
    });
    if (boolParam(q, 'wait', false)) {
      const done = deps.engine.waitForTerminal(tenant, exec.id);
      const final = done ? await done : deps.executions.get(tenant, exec.id);
      return json(executionJson(final, deps.clock.now(), deps.publicUrl));
    }
    return json(executionJson(exec, deps.clock.now(), deps.publicUrl));
  };
}

/** Validates inputs without creating anything (the UI's execute form). */
export function validateAnswer(deps: ValidateAnswerDeps): FlowAnswer {
  return async (request, namespace, flowId) => {
    const tenant = tenantOf(request);
    const provided = bodyKind(request) === 'multipart' ? await providedFromForm(await readForm(request)) : new Map();
    const plan = deps.executions.planFor(tenant, namespace, flowId);
    const results = await validateInputs(plan.flow.inputs, provided, {
      tenant, namespace: plan.namespace, flowId: plan.id, executionId: 'validation', blobs: deps.blobs, expressions: deps.expressions(tenant),
      variables: { flow: { id: plan.id, namespace: plan.namespace, revision: plan.revision } },
    });
    return json(inputValidationJson(plan, results));
  };
}
