// The task registry: one entry per core task type (entries/*.ts), indexed by canonical type and
// alias. Everything else derives from it: the plugin catalogue (plugins/catalog.ts), the
// engine's flowables and expansions (what the planner and the step loop ask here), and the
// runnable lookup. Core types without a runnable here (flowables, tasks not implemented) give
// undefined: the engine decides. Every non-core type (scripts, JDBC, cloud...) is played by
// the fixtures.

import { isWalked, type PluginEntry, type TaskEntry } from './entry.ts';
import { executionTasks } from './entries/execution.ts';
import { flowTasks } from './entries/flow.ts';
import { httpTasks } from './entries/http.ts';
import { kvTasks } from './entries/kv.ts';
import { logDebugTasks } from './entries/log-debug.ts';
import { miscTasks } from './entries/misc.ts';
import { namespaceTasks } from './entries/namespace.ts';
import { stateTasks } from './entries/state.ts';
import { storageTasks } from './entries/storage.ts';
import type { Fixtures } from './fixtures/fixtures.ts';
import type { FlowableHandler } from './flowable.ts';
import type { RunnableTask, TaskDefinition, TaskLookup } from './types.ts';

export const TASK_ENTRIES: readonly TaskEntry[] = [
  ...logDebugTasks, ...flowTasks, ...executionTasks, ...kvTasks, ...httpTasks, ...storageTasks, ...namespaceTasks,
  ...stateTasks, ...miscTasks,
];

/** true for types in Kestra's core packages (io.kestra.plugin.core.* / io.kestra.core.*) */
export function isCoreType(type: string): boolean {
  return type.startsWith('io.kestra.plugin.core.') || type.startsWith('io.kestra.core.');
}

/** canonical type and aliases → entry; a canonical type wins over another entry's alias */
export function indexEntries<E extends Pick<PluginEntry, 'type' | 'aliases'>>(entries: readonly E[]): Map<string, E> {
  const byType = new Map<string, E>();
  for (const e of entries) byType.set(e.type, e);
  for (const e of entries) for (const alias of e.aliases) if (!byType.has(alias)) byType.set(alias, e);
  return byType;
}

const byType = indexEntries(TASK_ENTRIES);

/** The entry of a task type (canonical, alias or internal), if it is a core task kestra-lite knows. */
export function taskEntryOf(type: string): TaskEntry | undefined {
  return typeof type === 'string' ? byType.get(type) : undefined;
}

/** The engine's handler for a flowable type it walks (undefined for any other type). */
export function flowableOf(type: string): FlowableHandler | undefined {
  const entry = taskEntryOf(type);
  return isWalked(entry) ? entry.flowable : undefined;
}

/** The synthetic children the engine plans along with a task (ForEachItem); none for most. */
export function expandTask(type: string, task: TaskDefinition): TaskDefinition[] {
  return taskEntryOf(type)?.expand?.(task) ?? [];
}

const runnableOf = (entry: TaskEntry | undefined, lookup: TaskLookup): RunnableTask | undefined =>
  entry?.run ?? entry?.runWith?.(lookup);

/** Runnables of the core handlers alone (no fixtures), for the catalogue's runnable types. */
const coreLookup: TaskLookup = (type) => CORE_RUNNABLE_TASKS[taskEntryOf(type)?.type ?? type];

/** The runnable core task types of the plugin catalogue and their handlers. */
export const CORE_RUNNABLE_TASKS: Readonly<Record<string, RunnableTask>> = Object.freeze(Object.fromEntries(
  TASK_ENTRIES.filter((e) => !e.internal && (e.run || e.runWith)).map((e) => [e.type, runnableOf(e, coreLookup)!]),
));

export interface TaskRegistry {
  /** the handler of a task type (canonical or alias); undefined for core types not runnable here */
  runnable(type: string): RunnableTask | undefined;
}

export function createTaskRegistry(opts: { fixtures: Fixtures }): TaskRegistry {
  // tasks running other types (TemplatedTask) get this registry's lookup, so non-core specs get fixtures
  const built = new Map<TaskEntry, RunnableTask>();
  const registry: TaskRegistry = {
    runnable(type) {
      const entry = taskEntryOf(type);
      if (entry?.run) return entry.run;
      if (entry?.runWith) {
        if (!built.has(entry)) built.set(entry, entry.runWith(registry.runnable));
        return built.get(entry);
      }
      return isCoreType(entry?.type ?? type) ? undefined : opts.fixtures.runner;
    },
  };
  return registry;
}
