// ForEach and the deprecated EachSequential / EachParallel: the values are rendered once at
// start (engine-contract §3.4.1), then the children run once per value, grouped per value
// (ForEach with a concurrency limit), per value and task (EachParallel) or all in one group.

import { branches, enabledTasks, intProp, type ChildItem, type FlowableHandler, type Renderer } from '../flowable.ts';
import { toJavaString } from '../../expressions/index.ts';
import { TaskError, type TaskDefinition } from '../types.ts';

/** ForEach/Each values: JSON-array string or list, de-duplicated, stringified. */
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
      throw new TaskError(`Unknown value element type: ${v === null ? 'null' : javaClass(v)}`);
    });
  } else {
    throw new TaskError(`Unknown value type: ${javaClass(raw)}`);
  }
  // FlowableUtils.resolveEachTasks counts the nulls among the distinct values, prints them all (Java toString)
  const nulls = list.some((v) => v === null || v === undefined) ? 1 : 0;
  if (nulls) throw new TaskError(`Found '${nulls}' null values on Each, with values=${toJavaString(list.map((v) => v ?? null))}`);
  const values = list.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return [...new Set(values)];
}

/** the Java class Jackson would have read a YAML value as */
const javaClass = (v: unknown) => `class java.${Array.isArray(v) ? 'util.ArrayList' : v && typeof v === 'object' ? 'util.LinkedHashMap'
  : typeof v === 'boolean' ? 'lang.Boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'lang.Integer' : 'lang.Double') : 'lang.String'}`;

function eachItems(tasks: TaskDefinition[], values: string[], perValueGroups: boolean, perTaskGroups = false): ChildItem[] {
  const items: ChildItem[] = [];
  values.forEach((value, vi) => tasks.forEach((task, ti) => items.push({ task, value, group: perTaskGroups ? vi * tasks.length + ti : perValueGroups ? vi : 0 })));
  return items;
}

export const forEachFlowable: FlowableHandler = {
  start: (task, r) => ({ outputs: {}, values: resolveEachValues(task.values, r) }),
  spec(task, run) {
    const limit = intProp(task.concurrencyLimit, 1);
    return { items: eachItems(enabledTasks(task.tasks), run.eachValues ?? [], limit !== 1), groupLimit: limit, ...branches(task) };
  },
};

export const eachSequentialFlowable: FlowableHandler = {
  start: (task, r) => ({ outputs: {}, values: resolveEachValues(task.value, r) }),
  spec: (task, run) => ({ items: eachItems(enabledTasks(task.tasks), run.eachValues ?? [], false), groupLimit: 1, ...branches(task) }),
};

export const eachParallelFlowable: FlowableHandler = {
  start: (task, r) => ({ outputs: {}, values: resolveEachValues(task.value, r) }),
  spec: (task, run) => ({ items: eachItems(enabledTasks(task.tasks), run.eachValues ?? [], false, true), groupLimit: intProp(task.concurrent, 0), ...branches(task) }),
};
