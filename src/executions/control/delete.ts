// Deleting an execution (api-contract §3.3): hard delete, optionally with its logs, metrics and
// internal-storage files; a running execution is dropped from the engine first so nothing writes it back.

import { boolParam } from '../../http/query.ts';
import type { LogStore } from '../../logs/store.ts';
import type { MetricStore } from '../../metrics/store.ts';
import type { BlobStore } from '../../shared/storage/blobs.ts';
import type { Engine } from '../engine/engine.ts';
import type { Execution } from '../model.ts';
import { blobKey, executionPrefix } from '../../shared/storage/paths.ts';
import type { ExecutionStore } from '../store.ts';

export interface DeleteDeps { store: ExecutionStore; engine: Engine; logs: LogStore; metrics: MetricStore; blobs: BlobStore }

export function deleteExecution(deps: DeleteDeps, tenant: string, exec: Execution, q: URLSearchParams): void {
  deps.engine.forget(tenant, exec.id);
  deps.store.delete(tenant, exec.id);
  if (boolParam(q, 'deleteLogs', true)) deps.logs.delete(tenant, { executionId: exec.id });
  if (boolParam(q, 'deleteMetrics', true)) deps.metrics.deleteByExecution(tenant, exec.id);
  if (boolParam(q, 'deleteStorage', true)) {
    for (const blob of deps.blobs.list(blobKey(tenant, executionPrefix(exec.namespace, exec.flowId, exec.id)))) deps.blobs.delete(blob.key);
  }
}
