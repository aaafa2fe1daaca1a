// The expression context of a task run (engine-contract §4.2, §3.5): flow, execution, task,
// taskrun, inputs, outputs nested by iteration values, parents, vars, labels, trigger, envs.

import { FIXTURE_FILES_KEY, type Execution, type TaskRun } from '../model.ts';
import type { FlowPlan } from './plan.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** Merged task outputs: `outputs[taskId]`, nested by the values of valued ancestors, then by own value. */
export function mergedOutputs(runs: TaskRun[]): Record<string, unknown> {
  const byId = new Map(runs.map((r) => [r.id, r]));
  const out: Record<string, unknown> = {};
  for (const run of runs) {
    if (run.outputs === null) continue;
    const path: string[] = [];
    for (let p = run.parentTaskRunId ? byId.get(run.parentTaskRunId) : undefined; p; p = p.parentTaskRunId ? byId.get(p.parentTaskRunId) : undefined) {
      if (p.value !== undefined) path.unshift(p.value);
    }
    if (run.value !== undefined) path.push(run.value);
    let node = out;
    let k: string = run.taskId;
    for (const segment of path) {
      const child = node[k];
      node = (node[k] = child && typeof child === 'object' && !Array.isArray(child) ? child : {}) as Record<string, unknown>;
      k = segment;
    }
    const existing = node[k];
    node[k] = existing && typeof existing === 'object' && !Array.isArray(existing) ? { ...existing, ...run.outputs } : run.outputs;
  }
  return out;
}

/** `tasks.<id>.state`, or `tasks.<id>.<value>.state` for runs with an iteration value (Kestra's
 * RunVariables: keyed by the run's own value only; a later run without value replaces the entry). */
export function taskStates(runs: TaskRun[]): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const run of runs) {
    const state = { state: run.state.current };
    if (run.value === undefined) out[run.taskId] = state;
    else out[run.taskId] = { ...out[run.taskId], [run.value]: state };
  }
  return out;
}

/** Labels as a map; `system.*` labels grouped under `system` (first occurrence wins). */
export function labelsMap(labels: { key: string; value: string }[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const system: Record<string, string> = {};
  for (const { key, value } of labels) {
    if (key.startsWith('system.')) { if (!(key.slice(7) in system)) system[key.slice(7)] = value; }
    else if (!(key in out)) out[key] = value;
  }
  if (Object.keys(system).length) out.system = system;
  return out;
}

export interface VariableExtras {
  inputs?: Record<string, unknown>;
  envs: Record<string, string>;
  globals: Record<string, unknown>;
}

/** `plan`: only the flow's identity and `variables` are read (flow triggers pass the listening flow) */
export function executionVariables(exec: Execution, plan: Pick<FlowPlan, 'id' | 'namespace' | 'revision' | 'flow'>, extras: VariableExtras): Record<string, unknown> {
  const vars: Record<string, unknown> = {
    flow: { id: plan.id, namespace: plan.namespace, revision: plan.revision, ...(exec.tenant !== 'main' ? { tenantId: exec.tenant } : {}) },
    execution: { id: exec.id, startDate: iso(exec.state.histories[0]!.date), originalId: exec.originalId },
    outputs: mergedOutputs(exec.taskRunList),
    tasks: taskStates(exec.taskRunList),
    labels: labelsMap(exec.labels),
    envs: extras.envs,
    globals: extras.globals,
  };
  if (extras.inputs !== undefined) vars.inputs = extras.inputs;
  if (plan.flow.variables !== undefined) vars.vars = plan.flow.variables;
  if (exec.trigger?.variables) vars.trigger = exec.trigger.variables;
  if (exec.variables?.schedule) vars.schedule = exec.variables.schedule;
  // a test case's fixture files (name → storage URI)
  if (exec.variables?.[FIXTURE_FILES_KEY]) vars.files = exec.variables[FIXTURE_FILES_KEY];
  return vars;
}

export function taskRunVariables(base: Record<string, unknown>, exec: Execution, run: TaskRun, type: string): Record<string, unknown> {
  const byId = new Map(exec.taskRunList.map((r) => [r.id, r]));
  const parents: unknown[] = [];
  for (let p = run.parentTaskRunId ? byId.get(run.parentTaskRunId) : undefined; p; p = p.parentTaskRunId ? byId.get(p.parentTaskRunId) : undefined) {
    const hasOutputs = p.outputs !== null && Object.keys(p.outputs).length > 0;
    if (p.value === undefined && !hasOutputs) continue;
    // Execution.parents: `taskrun` only with a value, `outputs` only when not empty
    const entry: Record<string, unknown> = {};
    if (p.value !== undefined) entry.taskrun = { value: p.value };
    if (hasOutputs) entry.outputs = p.outputs;
    parents.push(entry);
  }
  const taskrun: Record<string, unknown> = {
    id: run.id, startDate: iso(run.state.histories[0]!.date), attemptsCount: Math.max(0, (run.attempts?.length ?? 1) - 1),
  };
  if (run.parentTaskRunId) taskrun.parentId = run.parentTaskRunId;
  const valued = run.value !== undefined ? run : [...parentsChain(run, byId)].find((p) => p.value !== undefined);
  if (run.value !== undefined) taskrun.value = run.value;
  else if (valued?.value !== undefined) taskrun.value = valued.value;
  if (run.iteration !== undefined) taskrun.iteration = run.iteration;
  const vars: Record<string, unknown> = { ...base, task: { id: run.taskId, type }, taskrun };
  if (parents.length) { vars.parents = parents; vars.parent = parents[0]; }
  return vars;
}

function* parentsChain(run: TaskRun, byId: Map<string, TaskRun>) {
  for (let p = run.parentTaskRunId ? byId.get(run.parentTaskRunId) : undefined; p; p = p.parentTaskRunId ? byId.get(p.parentTaskRunId) : undefined) yield p;
}
