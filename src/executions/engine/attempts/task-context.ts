// Builds the RunContext a runnable task sees: rendering bound to its variables, a logger that
// writes LogEntries, metrics, storage confined to what the task may read, KV, clock-based sleep.

import type { ExpressionEngine } from '../../../expressions/index.ts';
import type { Label } from '../../../flows/model.ts';
import type { BlobStore } from '../../../shared/storage/blobs.ts';
import type { Clock } from '../../../shared/time/clock.ts';
import type { Ports } from '../../../shared/ports.ts';
import { TaskError, TaskKilledError, type RunContext, type TaskDefinition, type TaskLogger } from '../../../tasks/types.ts';
import type { KvAccess } from '../../../kv/model.ts';
import type { Execution, TaskRun } from '../../model.ts';
import type { MetricEntry } from '../../../metrics/model.ts';
import { LOG_LEVEL_ORDER, isLogLevel, type LogEntry, type LogLevel } from '../../../logs/model.ts';
import { splitLogMessage } from '../../../logs/limits.ts';
import { blobKey, executionPrefix, namespaceFilesRoot, namespacePath, pathOfUri, slugify, taskRunPrefix, toUri } from '../../../shared/storage/paths.ts';
import { createHash } from 'node:crypto';

export interface TaskContextDeps {
  clock: Clock;
  blobs: BlobStore;
  expressions: ExpressionEngine;
  kv: KvAccess;
  fetch: typeof fetch;
  log(entry: LogEntry): void;
  metric(entry: MetricEntry): void;
  /** server services some tasks use (namespace files, state store, logs, execution admin) */
  services?(exec: Execution): Partial<RunContext> & { deleteExecutionFiles?(): string[] };
  ports: Ports;
}

export interface TaskContextJob {
  exec: Execution;
  run: TaskRun;
  task: TaskDefinition;
  flow: { id: string; namespace: string; revision: number };
  variables: Record<string, unknown>;
  signal: AbortSignal;
  setLabels(labels: Label[]): void;
}

const cachePath = (exec: Execution, cacheId: string, objectId: string | undefined) =>
  `/${namespacePath(exec.namespace)}/${slugify(exec.flowId)}/${slugify(cacheId)}/cache/${objectId === undefined ? '' : `${createHash('sha1').update(objectId).digest('hex').slice(0, 16)}/`}cache.zip`;

export function createTaskLogger(deps: Pick<TaskContextDeps, 'clock' | 'log'>, base: Omit<LogEntry, 'level' | 'message' | 'timestamp'>, minLevel?: unknown): TaskLogger {
  const threshold = isLogLevel(minLevel) ? LOG_LEVEL_ORDER[minLevel] : 0;
  const log = (level: LogLevel, message: string) => {
    if (LOG_LEVEL_ORDER[level] < threshold) return;
    const now = deps.clock.now();
    // long messages are split like Kestra does (10,240 chars per entry), capped (logs/limits.ts)
    const parts = splitLogMessage(message);
    for (let part = 0; part < parts.length; part++) deps.log({ ...base, level, message: parts[part]!, timestamp: now + part });
  };
  return {
    log, trace: (m) => log('TRACE', m), debug: (m) => log('DEBUG', m), info: (m) => log('INFO', m),
    warn: (m) => log('WARN', m), error: (m) => log('ERROR', m),
  };
}

export function createRunContext(deps: TaskContextDeps, job: TaskContextJob): RunContext {
  const { exec, run, task, variables } = job;
  const attemptsCount = Math.max(0, (run.attempts?.length ?? 1) - 1);
  const logger = createTaskLogger(deps, {
    tenant: exec.tenant, namespace: exec.namespace, flowId: exec.flowId, taskId: run.taskId, executionId: exec.id,
    taskRunId: run.id, attemptNumber: attemptsCount, thread: 'worker', ...(exec.kind === 'TEST' ? { executionKind: 'TEST' as const } : {}),
  }, task.logLevel);
  const ownPrefix = executionPrefix(exec.namespace, exec.flowId, exec.id);
  const triggerVars = exec.trigger?.variables as Record<string, unknown> | undefined;
  const readablePrefixes = [ownPrefix, `${namespaceFilesRoot(exec.namespace)}/`];
  if (triggerVars && typeof triggerVars.executionId === 'string' && typeof triggerVars.namespace === 'string' && typeof triggerVars.flowId === 'string') {
    readablePrefixes.push(executionPrefix(triggerVars.namespace, triggerVars.flowId, triggerVars.executionId));
  }
  const resolvePath = (uri: string) => {
    const path = pathOfUri(uri);
    if (!path) throw new TaskError(`Invalid internal storage URI: ${uri}`);
    if (!readablePrefixes.some((p) => path.startsWith(p))) throw new TaskError(`Unable to read ${uri}: it does not belong to this execution`);
    return blobKey(exec.tenant, path);
  };
  const services = deps.services?.(exec) ?? {};
  const { deleteExecutionFiles, ...extra } = services;
  const render = (value: unknown) => (typeof value === 'string' ? deps.expressions.render(value, variables) : value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

  return {
    ...extra,
    renderWith: (template, extraVariables) => deps.expressions.render(template, { ...variables, ...extraVariables }),
    tenant: exec.tenant,
    flow: job.flow,
    execution: exec,
    taskRun: run,
    task,
    attemptsCount,
    variables,
    render,
    renderTyped: (value) => (typeof value === 'string' ? deps.expressions.renderTyped(value, variables) : value),
    renderDeep: (value) => deps.expressions.renderDeep(value, variables),
    renderDeepWith: (value, vars) => deps.expressions.renderDeep(value, vars),
    logger,
    metric(type, name, value, tags = {}) {
      deps.metric({ tenant: exec.tenant, namespace: exec.namespace, flowId: exec.flowId, taskId: run.taskId, executionId: exec.id, taskRunId: run.id, type, name, value, timestamp: deps.clock.now(), tags });
    },
    storage: {
      putFile(name, data) {
        const path = `${taskRunPrefix(exec.namespace, exec.flowId, exec.id, run.taskId, run.id)}/${name.replace(/^\/+/, '')}`;
        deps.blobs.put(blobKey(exec.tenant, path), data);
        return toUri(path);
      },
      readFile(uri) {
        const data = deps.blobs.get(resolvePath(uri));
        if (!data) throw new TaskError(`File not found: ${uri}`);
        return data;
      },
      exists: (uri) => { try { return deps.blobs.stat(resolvePath(uri)) !== undefined; } catch { return false; } },
      // StorageContext.getCacheURI: /<namespace>/<flow>/<cache id>/cache[/<hashed object id>]/cache.zip
      getCacheFile(cacheId, objectId, ttlMs) {
        const k = blobKey(exec.tenant, cachePath(exec, cacheId, objectId));
        const stat = deps.blobs.stat(k);
        if (!stat) return undefined;
        if (ttlMs !== undefined && deps.clock.now() > stat.modified + ttlMs) { deps.blobs.delete(k); return undefined; }
        return deps.blobs.get(k);
      },
      putCacheFile(cacheId, objectId, data) {
        const path = cachePath(exec, cacheId, objectId);
        deps.blobs.put(blobKey(exec.tenant, path), data);
        return toUri(path);
      },
      delete: (uri) => deps.blobs.delete(resolvePath(uri)),
      deleteExecutionFiles,
    },
    kv: deps.kv,
    clock: deps.clock,
    sleep(ms) {
      return new Promise<void>((resolve, reject) => {
        if (job.signal.aborted) return reject(new TaskKilledError());
        const timer = deps.clock.setTimer(ms, () => { job.signal.removeEventListener('abort', onAbort); resolve(); });
        const onAbort = () => { timer.cancel(); reject(new TaskKilledError()); };
        job.signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    signal: job.signal,
    fetch: deps.fetch,
    setExecutionLabels: job.setLabels,
    ports: deps.ports,
  };
}
