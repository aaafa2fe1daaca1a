// The contract between the engine and runnable task implementations (one registry entry per
// task type, see entry.ts and registry.ts). The engine walks flowable tasks' children itself
// (flowable.ts); runnable tasks get a RunContext and return outputs or throw.

import type { Label, TaskDefinition } from '../flows/model.ts';
import type { Clock } from '../shared/time/clock.ts';
import type { Execution, TaskRun } from '../executions/model.ts';
import type { LogEntry, LogLevel } from '../logs/model.ts';
import type { KvAccess } from '../kv/model.ts';
import type { LogFilter } from '../logs/store.ts';
import type { StateType } from '../executions/state.ts';
import type { NamespaceFilesAccess } from '../namespaces/files/store.ts';
import type { Ports } from '../shared/ports.ts';

// The port types (and their PortMap declaration) travel with the contract.
export type { ChildExecutions, ResumeControl, TriggersAccess } from './ports.ts';

export type { TaskDefinition }; // its shape is defined once, with the flow document

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
  /** storage.PurgeCurrentExecutionFiles: deletes every file under the execution's prefix, returns their URIs */
  deleteExecutionFiles?(): string[];
  /** the flow's cache archive `cacheId` (WorkingDirectory `cache`); an entry older than `ttlMs` is deleted and not returned */
  getCacheFile?(cacheId: string, objectId: string | undefined, ttlMs: number | undefined): Uint8Array | undefined;
  putCacheFile?(cacheId: string, objectId: string | undefined, data: Uint8Array): string;
}

/** The deprecated state store (state.* tasks): internal paths `/<ns>/[<flow>/]states/...`, tenant bound. */
export interface StateStoreAccess {
  get(path: string): Uint8Array | undefined;
  /** returns the `kestra:///` URI of the stored state */
  put(path: string, data: Uint8Array | string): string;
  delete(path: string): boolean;
}

/** Execution logs of the tenant (log.Fetch, log.PurgeLogs). */
export interface LogsAccess {
  /** matching logs, oldest first (timestamp, then insertion order) */
  find(filter: LogFilter): LogEntry[];
  /** deletes matching logs; `levels` are exact levels (any when absent); returns how many were deleted */
  purge(filter: LogPurgeFilter): number;
}

export interface LogPurgeFilter {
  namespace?: string;
  flowId?: string;
  executionId?: string;
  levels?: LogLevel[];
  startDate?: number;
  endDate: number;
}

export interface ExecutionCountQuery {
  /** exact flows; when set, only these flows are counted */
  flows?: { namespace: string; flowId: string }[];
  /** namespaces (and their children) */
  namespaces?: string[];
  states?: StateType[];
  /** epoch ms bounds of the execution start date */
  startDate?: number;
  endDate?: number;
}

export interface ExecutionPurgeRequest {
  namespace?: string;
  flowId?: string;
  startDate?: number;
  endDate: number;
  states?: StateType[];
  purgeExecution: boolean;
  purgeLog: boolean;
  purgeMetric: boolean;
  purgeStorage: boolean;
  batchSize?: number;
}

export interface ExecutionPurgeResult { executionsCount: number; logsCount: number; storagesCount: number; metricsCount: number }

/** Server-side execution administration of the tenant (execution.Count, execution.PurgeExecutions). */
export interface ExecutionsAdmin {
  /** one row per (namespace, flowId) having matching executions; rows with 0 may be left out */
  count(query: ExecutionCountQuery): { namespace: string; flowId: string; count: number }[];
  purge(request: ExecutionPurgeRequest): ExecutionPurgeResult;
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
  /** renders with other variables (ForEachItem adds taskrun.items / taskrun.iteration) */
  renderDeepWith?<T>(value: T, variables: Record<string, unknown>): T;
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
  // Optional services: tasks needing an absent one fail with a TaskError saying so.
  /** renders a template with extra variables merged over the task's (per-item expressions) */
  renderWith?(template: string, extraVariables: Record<string, unknown>): string;
  namespaceFiles?: NamespaceFilesAccess;
  stateStore?: StateStoreAccess;
  logs?: LogsAccess;
  executionsAdmin?: ExecutionsAdmin;
  /** services built after the engine (child executions, resume, triggers): see ports.ts */
  ports: Ports;
  /** the directory shared by the children of the enclosing WorkingDirectory (absolute path) */
  workingDir?: string;
}

/** KILLED: a Subflow whose child was killed ends KILLED, as Kestra's ExecutableUtils.guessState says */
export type RunState = 'SUCCESS' | 'WARNING' | 'FAILED' | 'KILLED';

export interface RunResult {
  outputs?: Record<string, unknown>;
  /** a task may end in WARNING (or FAILED/KILLED without throwing) */
  state?: RunState;
}

export interface RunnableTask {
  run(ctx: RunContext): Promise<RunResult | void> | RunResult | void;
}

/** How a task that runs other task types (TemplatedTask) finds them: a registry's lookup. */
export type TaskLookup = (type: string) => RunnableTask | undefined;

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
