// What each flowable task contributes to the engine loop (engine-contract §3.4): an optional
// start step (If renders its condition once, Switch its value, ForEach its values) and the
// container spec the loop walks: which children, in which groups, how many groups at a time.

import { isKestraTruthy } from '../../expressions/index.ts';
import { TaskError, parseDuration, type TaskDefinition } from '../../tasks/types.ts';
import type { TaskRun } from '../model.ts';
import { enabledTasks } from './plan.ts';
import { forEachItemChildren } from '../subflows/for-each-item.ts';

export interface ChildItem { task: TaskDefinition; value?: string; group: number }

export interface ContainerSpec {
  items: ChildItem[];
  /** how many groups may run at once (0 = no limit); items within a group run one after another */
  groupLimit: number;
  errors: TaskDefinition[];
  finally: TaskDefinition[];
  /** Dag: task id → ids it waits for */
  dependsOn?: Map<string, string[]>;
}

export interface Renderer {
  render(value: unknown): string;
  renderTyped(value: unknown): unknown;
  renderDeep<T>(value: T): T;
}

export interface FlowableHandler {
  /** runs once when the flowable task run starts; its outputs are stored on the task run */
  start?(task: TaskDefinition, r: Renderer): { outputs?: Record<string, unknown>; values?: string[]; iteration?: number };
  spec(task: TaskDefinition, run: TaskRun & { eachValues?: string[] }): ContainerSpec;
  /** AllowFailure: failed children make the task WARNING, whatever its own allowFailure says */
  allowsFailure?: boolean;
  /** Pause: the task run (and the execution) go PAUSED as soon as it starts */
  pauses?: boolean;
  /**
   * WaitFor: called when an iteration's children are done; either the task ends (with `state`),
   * or it waits `delayMs` and runs its children again.
   */
  loop?(task: TaskDefinition, run: TaskRun, r: Renderer, iterationState: string): { outputs: Record<string, unknown> } & ({ state: 'SUCCESS' | 'FAILED' | 'WARNING' | 'KILLED' } | { delayMs: number });
}

const int = (v: unknown, fallback: number) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : fallback);
const branches = (task: TaskDefinition) => ({ errors: enabledTasks(task.errors), finally: enabledTasks(task.finally) });
const sequential = (tasks: TaskDefinition[], value?: string): ChildItem[] => tasks.map((task) => ({ task, value, group: 0 }));

/** ForEach/Each values (engine-contract §3.4.1): JSON-array string or list, de-duplicated, stringified. */
export function resolveEachValues(raw: unknown, r: Renderer): string[] {
  let list: unknown[];
  if (typeof raw === 'string') {
    const rendered = r.render(raw);
    try { list = JSON.parse(rendered); } catch { throw new TaskError(`Unable to parse values as a JSON array: ${rendered}`); }
    if (!Array.isArray(list)) throw new TaskError(`Values must be a JSON array, got: ${rendered}`);
  } else if (Array.isArray(raw)) {
    list = raw.map((v) => {
      if (typeof v === 'string') return r.render(v);
      if (typeof v === 'number' && Number.isInteger(v)) return String(v);
      if (v && typeof v === 'object' && !Array.isArray(v)) return r.renderDeep(v);
      throw new TaskError(`Unknown value element type: ${v === null ? 'null' : Array.isArray(v) ? 'class java.util.ArrayList' : `class java.lang.${typeof v === 'boolean' ? 'Boolean' : 'Double'}`}`);
    });
  } else {
    throw new TaskError('Missing values to iterate over');
  }
  const nulls = list.filter((v) => v === null || v === undefined).length;
  if (nulls) throw new TaskError(`Found '${nulls}' null values on Each, with values=${JSON.stringify(list)}`);
  const values = list.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return [...new Set(values)];
}

function eachItems(tasks: TaskDefinition[], values: string[], perValueGroups: boolean, perTaskGroups = false): ChildItem[] {
  const items: ChildItem[] = [];
  values.forEach((value, vi) => tasks.forEach((task, ti) => items.push({ task, value, group: perTaskGroups ? vi * tasks.length + ti : perValueGroups ? vi : 0 })));
  return items;
}

const sequentialHandler: FlowableHandler = {
  spec: (task) => ({ items: sequential(enabledTasks(task.tasks)), groupLimit: 1, ...branches(task) }),
};

export const FLOWABLE_HANDLERS: Record<string, FlowableHandler> = {
  'io.kestra.plugin.core.flow.Sequential': sequentialHandler,
  'io.kestra.plugin.core.flow.AllowFailure': { ...sequentialHandler, allowsFailure: true },
  'io.kestra.plugin.core.flow.WorkingDirectory': sequentialHandler,
  // Pause: its deprecated `tasks` run after the resume; without tasks it ends SUCCESS then
  'io.kestra.plugin.core.flow.Pause': { ...sequentialHandler, pauses: true },
  'io.kestra.plugin.core.flow.WaitFor': {
    start: () => ({ outputs: { iterationCount: 0 }, iteration: 0 }),
    spec: (task) => ({ items: sequential(enabledTasks(task.tasks)), groupLimit: 1, ...branches(task) }),
    loop(task, run, r, iterationState) {
      const count = Number(run.outputs?.iterationCount ?? 0) + 1;
      const outputs = { ...(run.outputs ?? {}), iterationCount: count };
      if (iterationState !== 'SUCCESS' && iterationState !== 'WARNING') return { outputs, state: iterationState as 'FAILED' };
      if (isKestraTruthy(r.render(task.condition))) return { outputs, state: 'SUCCESS' };
      const freq = (task.checkFrequency ?? {}) as Record<string, unknown>;
      const maxIterations = int(freq.maxIterations, 100);
      const maxDuration = parseDuration(typeof freq.maxDuration === 'string' ? r.render(freq.maxDuration) : 'PT1H') ?? 3_600_000;
      const interval = parseDuration(typeof freq.interval === 'string' ? r.render(freq.interval) : 'PT1S') ?? 1000;
      const elapsed = run.state.histories.at(-1)!.date - run.state.histories[0]!.date;
      if (count >= maxIterations || elapsed + interval > maxDuration) return { outputs, state: task.failOnMaxReached === true ? 'FAILED' : 'SUCCESS' };
      return { outputs, delayMs: interval };
    },
  },
  // Template (deprecated): the template's tasks were inlined at plan time (templates/expand.ts);
  // `args` are rendered (twice, as Kestra renders the rendered map) into the `args` output
  'io.kestra.plugin.core.flow.Template': {
    start(task, r) {
      if (!Array.isArray(task.tasks)) throw new TaskError(`Can't find flow template '${String(task.namespace)}.${String(task.templateId)}'`);
      if (!task.args || typeof task.args !== 'object') return { outputs: {} };
      const once = Object.fromEntries(Object.entries(task.args as Record<string, unknown>).map(([k, v]) => [k, r.render(v)]));
      return { outputs: { args: r.renderDeep(once) } };
    },
    spec: sequentialHandler.spec,
  },
  'io.kestra.plugin.core.flow.ForEachItem': {
    spec: (task) => ({ items: sequential(forEachItemChildren(task)), groupLimit: 1, ...branches(task) }),
  },
  'io.kestra.plugin.core.flow.Parallel': {
    spec: (task) => ({ items: enabledTasks(task.tasks).map((t, i) => ({ task: t, group: i })), groupLimit: int(task.concurrent, 0), ...branches(task) }),
  },
  'io.kestra.plugin.core.flow.If': {
    start: (task, r) => ({ outputs: { evaluationResult: isKestraTruthy(r.render(task.condition)) } }),
    spec: (task, run) => ({
      items: sequential(enabledTasks(run.outputs?.evaluationResult === true ? task.then : task.else)),
      groupLimit: 1, ...branches(task),
    }),
  },
  'io.kestra.plugin.core.flow.Switch': {
    start(task, r) {
      const value = r.render(task.value);
      const cases = (task.cases ?? {}) as Record<string, unknown>;
      const matched = Object.prototype.hasOwnProperty.call(cases, value);
      if (!matched && enabledTasks(task.defaults).length === 0 && !Array.isArray(task.defaults)) {
        throw new TaskError(`No task defined for value '${value}': no case matches it and there are no defaults`);
      }
      return { outputs: { value, defaults: !matched } };
    },
    spec(task, run) {
      const value = String(run.outputs?.value ?? '');
      const cases = (task.cases ?? {}) as Record<string, unknown>;
      const list = run.outputs?.defaults === true ? task.defaults : cases[value];
      return { items: sequential(enabledTasks(list)), groupLimit: 1, ...branches(task) };
    },
  },
  'io.kestra.plugin.core.flow.ForEach': {
    start: (task, r) => ({ outputs: {}, values: resolveEachValues(task.values, r) }),
    spec(task, run) {
      const limit = int(task.concurrencyLimit, 1);
      return { items: eachItems(enabledTasks(task.tasks), run.eachValues ?? [], limit !== 1), groupLimit: limit, ...branches(task) };
    },
  },
  'io.kestra.plugin.core.flow.EachSequential': {
    start: (task, r) => ({ outputs: {}, values: resolveEachValues(task.value, r) }),
    spec: (task, run) => ({ items: eachItems(enabledTasks(task.tasks), run.eachValues ?? [], false), groupLimit: 1, ...branches(task) }),
  },
  'io.kestra.plugin.core.flow.EachParallel': {
    start: (task, r) => ({ outputs: {}, values: resolveEachValues(task.value, r) }),
    spec: (task, run) => ({ items: eachItems(enabledTasks(task.tasks), run.eachValues ?? [], false, true), groupLimit: int(task.concurrent, 0), ...branches(task) }),
  },
  'io.kestra.plugin.core.flow.Dag': {
    spec(task) {
      const entries = (Array.isArray(task.tasks) ? task.tasks : []) as { task: TaskDefinition; dependsOn?: string[] }[];
      const live = entries.filter((e) => e.task && e.task.disabled !== true);
      return {
        items: live.map((e, i) => ({ task: e.task, group: i })),
        groupLimit: int(task.concurrent, 0),
        dependsOn: new Map(live.map((e) => [String(e.task.id), e.dependsOn ?? []])),
        ...branches(task),
      };
    },
  },
};
