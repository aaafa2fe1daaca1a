// The contract between the engine and runnable task implementations (one file per task type,
// listed in registry.ts). The engine owns flowable tasks (it walks their children itself);
// runnable tasks get a RunContext and return outputs or throw.

import type { Label } from '../flows/model.ts';
import type { Clock } from '../shared/clock.ts';
import type { Execution, LogLevel, TaskRun } from '../executions/model.ts';
import type { KvType } from '../kv/kv-types.ts';

export type TaskDefinition = { id: string; type: string; [property: string]: unknown };

export interface TaskLogger {
  log(level: LogLevel, message: string): void;
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface TaskStorage {
  /** stores a file under this task run's storage prefix; returns its `kestra:///...` URI */
  putFile(name: string, data: Uint8Array | string): string;
  /** reads a `kestra:///...` URI the task may read (own execution, triggering execution, namespace files); throws TaskError if missing */
  readFile(uri: string): Uint8Array;
  exists(uri: string): boolean;
  delete(uri: string): boolean;
}

export interface KvEntry { value: unknown; expirationDate?: number; type?: KvType }

/** Namespace KV store as tasks see it (the tenant is already bound). */
export interface KvAccess {
  get(namespace: string, key: string): KvEntry | undefined;
  /** `type` (kv.Set kvType) is inferred from the value when absent */
  set(namespace: string, key: string, value: unknown, opts?: { ttlMs?: number; overwrite?: boolean; type?: KvType; description?: string }): void;
  delete(namespace: string, key: string): boolean;
  keys(namespace: string, prefix?: string): string[];
}

export interface RunContext {
  tenant: string;
  flow: { id: string; namespace: string; revision: number };
  execution: Readonly<Execution>;
  taskRun: Readonly<TaskRun>;
  /** the task's properties with plugin defaults applied, NOT rendered: tasks render what Kestra renders */
  task: TaskDefinition;
  /** number of attempts before this one (0 on the first run) */
  attemptsCount: number;
  /** the expression context of this task run (flow, execution, inputs, outputs, taskrun, ...) */
  variables: Record<string, unknown>;
  render(value: unknown): string;
  renderTyped(value: unknown): unknown;
  renderDeep<T>(value: T): T;
  logger: TaskLogger;
  metric(type: 'counter' | 'timer', name: string, value: number, tags?: Record<string, string>): void;
  storage: TaskStorage;
  kv: KvAccess;
  clock: Clock;
  /** waits on the injected clock; rejects with TaskKilledError when the task is killed */
  sleep(ms: number): Promise<void>;
  signal: AbortSignal;
  fetch: typeof fetch;
  /** execution.Labels: replaces the execution's labels (already merged and checked by the task) */
  setExecutionLabels(labels: Label[]): void;
}

export type RunState = 'SUCCESS' | 'WARNING' | 'FAILED';

export interface RunResult {
  outputs?: Record<string, unknown>;
  /** a task may end in WARNING (or FAILED without throwing) */
  state?: RunState;
}

export interface RunnableTask {
  run(ctx: RunContext): Promise<RunResult | void> | RunResult | void;
}

/** Fails the task run; the message is logged at ERROR on the task run, as Kestra logs exceptions. */
export class TaskError extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'TaskError';
  }
}

/** Thrown by ctx.sleep and anything honouring ctx.signal when the execution is killed. */
export class TaskKilledError extends Error {
  constructor() {
    super('Task killed');
    this.name = 'TaskKilledError';
  }
}

/** ISO-8601 duration (PT1S, P1D, PT0.5S) → milliseconds; undefined when not a duration. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text.trim());
  if (!m || text.trim().toUpperCase() === 'P' || text.trim().toUpperCase().endsWith('T')) return undefined;
  const [, neg, d, h, min, s] = m;
  const ms = (Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3_600 + Number(min ?? 0) * 60 + Number(s ?? 0)) * 1000;
  return neg ? -ms : ms;
}
