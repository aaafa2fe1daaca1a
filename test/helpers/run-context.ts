// A RunContext for task tests, built from real parts: the expression engine, an in-memory
// SQLite KV service, a memory blob store and a fake clock (ctx.sleep waits on it, so tests
// advance time instead of sleeping). Logs, metrics and label updates are recorded.

import { createExpressionEngine } from '../../src/expressions/index.ts';
import type { Label } from '../../src/flows/model.ts';
import type { LogLevel } from '../../src/logs/model.ts';
import { newState } from '../../src/executions/state.ts';
import { blobKey, executionPrefix, pathOfUri, taskRunPrefix, toUri } from '../../src/shared/storage/paths.ts';
import { createNamespaceFilesStore } from '../../src/namespaces/files/store.ts';
import { createStateStoreAccess } from '../../src/tasks/core/state-common.ts';
import { createKvService, type KvService } from '../../src/kv/service.ts';
import { memoryBlobStore, type BlobStore } from '../../src/shared/storage/blobs.ts';
import { fakeClock, type FakeClock } from '../../src/shared/time/clock.ts';
import { openDb } from '../../src/shared/db.ts';
import { createPorts, type Ports } from '../../src/shared/ports.ts';
import {
  TaskError, TaskKilledError, type ExecutionsAdmin, type LogsAccess, type RunContext, type RunnableTask, type RunResult, type TaskDefinition,
  type TriggersAccess,
} from '../../src/tasks/types.ts';

export interface RunContextOptions {
  task: TaskDefinition;
  tenant?: string;
  namespace?: string;
  flowId?: string;
  /** extra expression variables (inputs, outputs, vars...), merged over the defaults */
  variables?: Record<string, unknown>;
  value?: string;
  attemptsCount?: number;
  labels?: Label[];
  clock?: FakeClock;
  kv?: KvService;
  blobs?: BlobStore;
  fetch?: typeof fetch;
  /** server services some tasks need (absent unless given, like a runner that does not wire them); `triggers` is provided as the port */
  logs?: LogsAccess;
  executionsAdmin?: ExecutionsAdmin;
  triggers?: TriggersAccess;
  /** the ports tasks reach (child executions, resume); `triggers` above is added to them */
  ports?: Ports;
  /** drop the optional services wired by default (renderWith, namespaceFiles, stateStore, deleteExecutionFiles) */
  withoutDefaultServices?: boolean;
}

export interface RecordedMetric { type: 'counter' | 'timer'; name: string; value: number; tags: Record<string, string> }

export interface TestRun {
  ctx: RunContext;
  logs: { level: LogLevel; message: string }[];
  metrics: RecordedMetric[];
  /** the labels passed to setExecutionLabels, if it was called */
  labelsSet: Label[] | undefined;
  clock: FakeClock;
  kv: KvService;
  blobs: BlobStore;
  kill(): void;
  run(task: RunnableTask): Promise<RunResult | void>;
}

export function buildRunContext(opts: RunContextOptions): TestRun {
  const tenant = opts.tenant ?? 'main';
  const namespace = opts.namespace ?? 'company.team';
  const flowId = opts.flowId ?? 'my-flow';
  const clock = opts.clock ?? fakeClock();
  const kv = opts.kv ?? createKvService({ db: openDb(false), clock });
  const blobs = opts.blobs ?? memoryBlobStore(() => clock.now());
  const controller = new AbortController();
  const executionId = 'exec1';
  const taskRunId = 'taskrun1';
  const labels = opts.labels ?? [];
  const ports = opts.ports ?? createPorts();
  if (opts.triggers) ports.provide('triggers', () => opts.triggers!);

  const engine = createExpressionEngine({
    now: () => new Date(clock.now()),
    kv: (ns, key) => kv.get(tenant, ns ?? namespace, key)?.value,
  });
  const taskrun: Record<string, unknown> = { id: taskRunId, startDate: new Date(clock.now()).toISOString(), attemptsCount: opts.attemptsCount ?? 0 };
  if (opts.value !== undefined) taskrun.value = opts.value;
  const variables: Record<string, unknown> = {
    flow: { id: flowId, namespace, revision: 1 },
    execution: { id: executionId, startDate: new Date(clock.now()).toISOString(), originalId: executionId },
    task: { id: opts.task.id, type: opts.task.type },
    taskrun,
    outputs: {},
    labels: Object.fromEntries(labels.map((l) => [l.key, l.value])),
    ...opts.variables,
  };

  const record: TestRun = {
    logs: [],
    metrics: [],
    labelsSet: undefined,
    clock,
    kv,
    blobs,
    kill: () => controller.abort(),
    run: async (task) => task.run(record.ctx),
    ctx: undefined as unknown as RunContext,
  };
  const log = (level: LogLevel, message: string) => void record.logs.push({ level, message });
  const prefix = taskRunPrefix(namespace, flowId, executionId, opts.task.id, taskRunId);

  record.ctx = {
    tenant,
    flow: { id: flowId, namespace, revision: 1 },
    execution: {
      tenant, id: executionId, namespace, flowId, flowRevision: 1, taskRunList: [], labels, state: newState(clock.now(), 'RUNNING'),
      originalId: executionId, deleted: false, metadata: { attemptNumber: 1, originalCreatedDate: clock.now() },
    },
    taskRun: {
      id: taskRunId, executionId, namespace, flowId, taskId: opts.task.id, outputs: null, state: newState(clock.now(), 'RUNNING'),
      ...(opts.value !== undefined ? { value: opts.value } : {}),
    },
    task: opts.task,
    attemptsCount: opts.attemptsCount ?? 0,
    variables,
    render: (v) => (typeof v === 'string' ? engine.render(v, variables) : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)),
    renderTyped: (v) => (typeof v === 'string' ? engine.renderTyped(v, variables) : engine.renderDeep(v, variables)),
    renderDeep: (v) => engine.renderDeep(v, variables),
    logger: {
      log,
      trace: (m) => log('TRACE', m),
      debug: (m) => log('DEBUG', m),
      info: (m) => log('INFO', m),
      warn: (m) => log('WARN', m),
      error: (m) => log('ERROR', m),
    },
    metric: (type, name, value, tags = {}) => void record.metrics.push({ type, name, value, tags }),
    storage: {
      putFile(name, data) {
        const path = `${prefix}/${name}`;
        blobs.put(blobKey(tenant, path), data);
        return toUri(path);
      },
      readFile(uri) {
        const path = pathOfUri(uri);
        const data = path ? blobs.get(blobKey(tenant, path)) : undefined;
        if (!data) throw new TaskError(`File not found: ${uri}`);
        return data;
      },
      exists: (uri) => {
        const path = pathOfUri(uri);
        return !!path && blobs.stat(blobKey(tenant, path)) !== undefined;
      },
      delete: (uri) => {
        const path = pathOfUri(uri);
        return !!path && blobs.delete(blobKey(tenant, path));
      },
    },
    kv: kv.forTenant(tenant),
    clock,
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (controller.signal.aborted) return reject(new TaskKilledError());
        const timer = clock.setTimer(ms, () => resolve());
        controller.signal.addEventListener('abort', () => {
          timer.cancel();
          reject(new TaskKilledError());
        }, { once: true });
      }),
    signal: controller.signal,
    fetch: opts.fetch ?? fetch,
    setExecutionLabels: (l) => {
      record.labelsSet = l;
    },
    ports,
  };
  if (!opts.withoutDefaultServices) {
    record.ctx.renderWith = (template, extra) => engine.render(template, { ...variables, ...extra });
    record.ctx.namespaceFiles = createNamespaceFilesStore(blobs).forTenant(tenant);
    record.ctx.stateStore = createStateStoreAccess(blobs, tenant);
    record.ctx.storage.deleteExecutionFiles = () => {
      const root = blobKey(tenant, executionPrefix(namespace, flowId, executionId));
      return blobs.list(root).filter((b) => blobs.delete(b.key)).map((b) => toUri(b.key.slice(tenant.length)));
    };
  }
  if (opts.logs) record.ctx.logs = opts.logs;
  if (opts.executionsAdmin) record.ctx.executionsAdmin = opts.executionsAdmin;
  return record;
}

/** Runs a task and returns the error it threw (fails the test when it did not throw). */
export async function runExpectingError(run: TestRun, task: RunnableTask): Promise<Error> {
  try {
    await run.run(task);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the task to fail');
}
