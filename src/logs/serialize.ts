// Kestra's JSON for a log line (api-contract §2.5): ISO timestamp, NON_NULL, `deleted: false`.

import type { LogEntry } from './model.ts';

export function logJson(l: LogEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { namespace: l.namespace, flowId: l.flowId };
  if (l.tenant !== 'main') out.tenantId = l.tenant;
  if (l.taskId !== undefined) out.taskId = l.taskId;
  if (l.executionId !== undefined) out.executionId = l.executionId;
  if (l.taskRunId !== undefined) out.taskRunId = l.taskRunId;
  out.attemptNumber = l.attemptNumber;
  if (l.triggerId !== undefined) out.triggerId = l.triggerId;
  out.timestamp = new Date(l.timestamp).toISOString();
  out.level = l.level;
  out.thread = l.thread;
  out.message = l.message;
  if (l.executionKind) out.executionKind = l.executionKind;
  out.deleted = false;
  return out;
}
