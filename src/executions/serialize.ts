// Kestra's JSON for executions and task runs (api-contract §2.4): ISO dates, NON_NULL except the
// maps Kestra always writes (TaskRun.outputs), empty inputs/outputs omitted. Logs and metrics are
// written by logs/serialize.ts and metrics/serialize.ts.

import type { Execution, TaskRun } from './model.ts';
import { stateJson } from './state.ts';
import type { ValidatedInput } from './inputs/inputs.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function taskRunJson(t: TaskRun, now: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: t.id, executionId: t.executionId, namespace: t.namespace, flowId: t.flowId, taskId: t.taskId,
  };
  if (t.parentTaskRunId !== undefined) out.parentTaskRunId = t.parentTaskRunId;
  if (t.value !== undefined) out.value = t.value;
  if (t.attempts) out.attempts = t.attempts.map((a) => (a.logFile ? { state: stateJson(a.state, now), logFile: a.logFile } : { state: stateJson(a.state, now) }));
  out.outputs = t.outputs;
  out.state = stateJson(t.state, now);
  if (t.iteration !== undefined) out.iteration = t.iteration;
  if (t.dynamic !== undefined) out.dynamic = t.dynamic;
  return out;
}

export function executionJson(e: Execution, now: number, publicUrl?: string): Record<string, unknown> {
  const out: Record<string, unknown> = { id: e.id, namespace: e.namespace, flowId: e.flowId, flowRevision: e.flowRevision };
  if (e.tenant !== 'main') out.tenantId = e.tenant;
  if (e.taskRunList.length) out.taskRunList = e.taskRunList.map((t) => taskRunJson(t, now));
  if (e.inputs && Object.keys(e.inputs).length) out.inputs = e.inputs;
  if (e.outputs && Object.keys(e.outputs).length) out.outputs = e.outputs;
  out.labels = e.labels;
  if (e.variables && Object.keys(e.variables).length) out.variables = e.variables;
  out.state = stateJson(e.state, now);
  if (e.parentId !== undefined) out.parentId = e.parentId;
  out.originalId = e.originalId;
  if (e.trigger) out.trigger = e.trigger;
  out.deleted = e.deleted;
  out.metadata = { attemptNumber: e.metadata.attemptNumber, originalCreatedDate: iso(e.metadata.originalCreatedDate) };
  if (e.scheduleDate !== undefined) out.scheduleDate = iso(e.scheduleDate);
  if (e.breakpoints?.length) out.breakpoints = e.breakpoints;
  if (e.kind !== undefined) out.kind = e.kind;
  if (e.fixtures?.length) out.fixtures = e.fixtures;
  if (publicUrl !== undefined) out.url = `${publicUrl}/ui/executions/${e.namespace}/${e.flowId}/${e.id}`;
  return out;
}

/** The input validation answer (execution create and resume validate): every input, its value and errors. */
export function inputValidationJson(flow: { id: string; namespace: string }, results: ValidatedInput[]): Record<string, unknown> {
  return {
    id: flow.id,
    namespace: flow.namespace,
    inputs: results.map((r) => ({ input: r.input, value: r.value, enabled: r.enabled, isDefault: r.isDefault, errors: r.errors })),
    // flow `checks` (Kestra 1.x+) are not evaluated here: none fail
    checks: [],
  };
}
