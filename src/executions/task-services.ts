// Server services that some core tasks reach through their RunContext (namespace files, the
// deprecated state store, logs, execution administration), bound to one execution's tenant.

import { createNamespaceFilesStore } from '../namespaces/files/store.ts';
import type { LogStore } from '../logs/store.ts';
import type { MetricStore } from '../metrics/store.ts';
import type { BlobStore } from '../shared/storage/blobs.ts';
import { createStateStoreAccess } from '../tasks/core/state-common.ts';
import type { ExecutionsAdmin, RunContext } from '../tasks/types.ts';
import type { Engine } from './engine/engine.ts';
import type { Execution } from './model.ts';
import { blobKey, executionPrefix, toUri } from '../shared/storage/paths.ts';
import type { ExecutionStore } from './store.ts';

export interface TaskServiceDeps {
  blobs: BlobStore; logs: LogStore; metrics: MetricStore; store: ExecutionStore; engine: () => Engine;
}

export type TaskServices = Pick<RunContext, 'namespaceFiles' | 'stateStore' | 'logs' | 'executionsAdmin'> & { deleteExecutionFiles(): string[] };

export function createTaskServices(deps: TaskServiceDeps) {
  const namespaceFiles = createNamespaceFilesStore(deps.blobs);

  const deleteFiles = (tenant: string, e: Pick<Execution, 'namespace' | 'flowId' | 'id'>) => {
    const uris: string[] = [];
    for (const blob of deps.blobs.list(blobKey(tenant, executionPrefix(e.namespace, e.flowId, e.id)))) {
      deps.blobs.delete(blob.key);
      uris.push(toUri(blob.key.slice(tenant.length)));
    }
    return uris;
  };

  const admin = (tenant: string): ExecutionsAdmin => ({
    count(q) {
      const counts = new Map<string, { namespace: string; flowId: string; count: number }>();
      const namespaces = q.namespaces?.length ? q.namespaces : [undefined];
      for (const namespace of namespaces) {
        for (const e of deps.store.search(tenant, { namespace, states: q.states, startDate: q.startDate, endDate: q.endDate }, []).results) {
          if (q.flows?.length && !q.flows.some((f) => f.namespace === e.namespace && f.flowId === e.flowId)) continue;
          const k = `${e.namespace}\u0000${e.flowId}`;
          const row = counts.get(k) ?? { namespace: e.namespace, flowId: e.flowId, count: 0 };
          row.count++;
          counts.set(k, row);
        }
      }
      return [...counts.values()];
    },
    purge(r) {
      const result = { executionsCount: 0, logsCount: 0, storagesCount: 0, metricsCount: 0 };
      const { results } = deps.store.search(tenant, { namespace: r.namespace, flowId: r.flowId, states: r.states, startDate: r.startDate }, []);
      for (const e of results) {
        if (e.state.histories[0]!.date > r.endDate || !['FAILED', 'WARNING', 'SUCCESS', 'KILLED', 'CANCELLED', 'RETRIED', 'SKIPPED'].includes(e.state.current)) continue;
        if (r.purgeLog) result.logsCount += deps.logs.delete(tenant, { executionId: e.id });
        if (r.purgeMetric) result.metricsCount += deps.metrics.deleteByExecution(tenant, e.id);
        if (r.purgeStorage) result.storagesCount += deleteFiles(tenant, e).length;
        if (r.purgeExecution) { deps.engine().forget(tenant, e.id); deps.store.delete(tenant, e.id); result.executionsCount++; }
      }
      return result;
    },
  });

  /** The services of one execution's task runs. */
  return (exec: Execution): TaskServices => ({
    namespaceFiles: namespaceFiles.forTenant(exec.tenant),
    stateStore: createStateStoreAccess(deps.blobs, exec.tenant),
    logs: {
      find: (f) => deps.logs.find(exec.tenant, f).results,
      purge: (f) => deps.logs.delete(exec.tenant, { namespace: f.namespace, flowId: f.flowId, executionId: f.executionId, levels: f.levels, startDate: f.startDate, endDate: f.endDate }),
    },
    executionsAdmin: admin(exec.tenant),
    deleteExecutionFiles: () => deleteFiles(exec.tenant, exec),
  });
}
