// The contract of flowable tasks (engine-contract §3.4): the engine walks their children itself,
// so a flowable's registry entry gives the engine an optional start step (If renders its
// condition once, Switch its value, ForEach its values) and the container spec the loop walks:
// which children, in which groups, how many groups at a time. Handlers live in core/flow-*.ts.

import type { TaskRun } from '../executions/model.ts';
import type { RunContext, TaskDefinition } from './types.ts';

export interface ChildItem { task: TaskDefinition; value?: string; group: number }

export interface ContainerSpec {
  items: ChildItem[];
  /** how many groups may run at once (0 = no limit); items within a group run one after another */
  groupLimit: number;
  errors: TaskDefinition[];
  finally: TaskDefinition[];
  /** Dag: task id → ids it waits for */
  dependsOn?: Map<string, string[]>;
  /**
   * No branch at all (a Switch without a matching case nor `defaults`): Kestra's
   * FlowableUtils.resolveState warns "No task found on flow ..." and the task FAILS.
   */
  missing?: boolean;
}

/** The directory a WorkingDirectory's children share (its own task context opens and closes it). */
export interface WorkspaceHandle { dir: string; /** wall-clock ms the cache was restored at (files changed later are re-cached) */ restoredAt?: number }

export interface Workspace {
  /** preExecuteTasks: creates the directory (cache, namespace files, inputFiles); throws to fail the task */
  open(ctx: RunContext): WorkspaceHandle;
  /** postExecuteTasks: the task's outputs (outputFiles) and the cache; throws to fail the task */
  close(ctx: RunContext, handle: WorkspaceHandle): Record<string, unknown> | undefined;
  /** removes the directory (always called once, after close or when the execution ends) */
  discard(handle: WorkspaceHandle): void;
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
  /** WorkingDirectory: a real directory its runnable children share (RunContext.workingDir) */
  workspace?: Workspace;
  /** Pause: the task run (and the execution) go PAUSED as soon as it starts */
  pauses?: boolean;
  /**
   * WaitFor: called when an iteration's children are done; either the task ends (with `state`),
   * or it waits `delayMs` and runs its children again.
   */
  loop?(task: TaskDefinition, run: TaskRun, r: Renderer, iterationState: string): { outputs: Record<string, unknown> } & ({ state: 'SUCCESS' | 'FAILED' | 'WARNING' | 'KILLED' } | { delayMs: number });
}

/** The tasks of a branch that run: a list without the `disabled: true` ones. */
export const enabledTasks = (list: unknown): TaskDefinition[] =>
  Array.isArray(list) ? (list as TaskDefinition[]).filter((t) => t && t.disabled !== true) : [];

/** A static integer property (`concurrent`, `concurrencyLimit`), or the fallback. */
export const intProp = (v: unknown, fallback: number) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : fallback);
export const branches = (task: TaskDefinition) => ({ errors: enabledTasks(task.errors), finally: enabledTasks(task.finally) });
export const sequential = (tasks: TaskDefinition[], value?: string): ChildItem[] => tasks.map((task) => ({ task, value, group: 0 }));
