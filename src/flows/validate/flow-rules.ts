// FlowValidator (engine-contract §1.3): cross-cutting checks joined into ONE violation with an
// empty path, `Invalid Flow: <m1>, <m2>`.
import type { PluginCatalog } from '../../plugins/catalog.ts';
import { javaToString } from './jackson.ts';
import { isPlainObject } from '../../shared/guards.ts';
import { walkTasks } from '../walk.ts';
import type { RuleViolation } from './rule-types.ts';

const CORE = 'io.kestra.plugin.core.';
const SUBFLOW_TYPES = new Set([`${CORE}flow.Subflow`, `${CORE}flow.ForEachItem`]);
export const READ_ONLY_LABEL = 'system.readOnly';

function duplicates(values: unknown[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    if (seen.has(v)) dup.add(v);
    seen.add(v);
  }
  return [...dup];
}

type Obj = Record<string, unknown>;

/** Every task of the flow (tasks, errors, finally, afterExecution, listeners) with all their children. */
export function allTasks(flow: Obj): Obj[] {
  const out: Obj[] = [];
  const listeners = Array.isArray(flow.listeners) ? flow.listeners.filter(isPlainObject) : [];
  for (const v of walkTasks({ tasks: flow.tasks, errors: flow.errors })) out.push(v.task);
  for (const l of listeners) for (const v of walkTasks({ tasks: l.tasks })) out.push(v.task);
  for (const v of walkTasks({ finally: flow.finally, afterExecution: flow.afterExecution })) out.push(v.task);
  return out;
}

/** Kestra's CycleDependency.findCycle: the path from `start` back to itself, if any. */
function findCycle(start: string, graph: Map<string, string[]>): string[] | undefined {
  const path: string[] = [];
  const visiting = new Set<string>();
  const done = new Set<string>();
  const dfs = (node: string): string[] | undefined => {
    path.push(node);
    visiting.add(node);
    for (const next of graph.get(node) ?? []) {
      if (next === start) return [...path];
      if (!graph.has(next) || visiting.has(next) || done.has(next)) continue;
      const found = dfs(next);
      if (found) return found;
    }
    path.pop();
    visiting.delete(node);
    done.add(node);
    return undefined;
  };
  return dfs(start);
}

function inputDependencyViolations(inputs: Obj[]): string[] {
  const out: string[] = [];
  const graph = new Map<string, string[]>();
  for (const input of inputs) {
    const id = input.id;
    if (typeof id !== 'string') continue;
    if (!graph.has(id)) graph.set(id, []);
    const dependsOn = input.dependsOn;
    if (isPlainObject(dependsOn) && Array.isArray(dependsOn.inputs)) graph.get(id)!.push(...dependsOn.inputs.map(String));
  }
  for (const [id, deps] of graph) {
    for (const d of deps) if (!graph.has(d)) out.push(`Input with id '${id}' depends on a non-existent input '${d}'.`);
    const cycle = findCycle(id, graph);
    if (cycle) out.push(`Cycle dependency detected for input with id '${id}': [${cycle.join(', ')}]`);
  }
  return out;
}

export function systemLabelMessages(labels: unknown): string[] {
  if (!Array.isArray(labels)) return [];
  return labels
    .filter((l): l is Obj => isPlainObject(l) && typeof l.key === 'string' && l.key.startsWith('system.') && l.key !== READ_ONLY_LABEL)
    .map((l) => `System labels can only be set by Kestra itself, offending label: ${String(l.key)}=${javaToString(l.value)}`);
}

export function flowLevelViolations(flow: Obj, catalog: PluginCatalog): RuleViolation[] {
  const messages: string[] = [];
  const tasks = allTasks(flow);
  const taskDup = duplicates(tasks.map((t) => t.id));
  if (taskDup.length) messages.push(`Duplicate task id with name [${taskDup.join(', ')}]`);
  const triggers = Array.isArray(flow.triggers) ? flow.triggers.filter(isPlainObject) : [];
  const triggerDup = duplicates(triggers.map((t) => t.id));
  if (triggerDup.length) messages.push(`Duplicate trigger id with name [${triggerDup.join(', ')}]`);
  for (const t of tasks) {
    if (typeof t.type !== 'string' || !SUBFLOW_TYPES.has(catalog.canonicalType(t.type))) continue;
    if (t.namespace === flow.namespace && t.flowId === flow.id) messages.push(`Recursive call to flow [${String(flow.namespace)}.${String(flow.id)}]`);
  }
  const inputs = Array.isArray(flow.inputs) ? flow.inputs.filter(isPlainObject) : [];
  const inputDup = duplicates(inputs.map((i) => i.id));
  if (inputDup.length) messages.push(`Duplicate input with name [${inputDup.join(', ')}]`);
  messages.push(...inputDependencyViolations(inputs));
  const outputs = Array.isArray(flow.outputs) ? flow.outputs.filter(isPlainObject) : [];
  const outputDup = duplicates(outputs.map((o) => o.id));
  if (outputDup.length) messages.push(`Duplicate output with name [${outputDup.join(', ')}]`);
  messages.push(...systemLabelMessages(flow.labels));
  return messages.length ? [{ path: '', message: `Invalid Flow: ${messages.join(', ')}` }] : [];
}
