// Kestra's JSON for a metric: ISO timestamp, NON_NULL, `deleted: false`; no tenant field.

import type { MetricEntry } from './model.ts';

export function metricJson(m: MetricEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { namespace: m.namespace, flowId: m.flowId };
  if (m.taskId !== undefined) out.taskId = m.taskId;
  if (m.executionId !== undefined) out.executionId = m.executionId;
  if (m.taskRunId !== undefined) out.taskRunId = m.taskRunId;
  out.type = m.type;
  out.name = m.name;
  out.value = m.value;
  out.timestamp = new Date(m.timestamp).toISOString();
  out.tags = m.tags;
  out.deleted = false;
  return out;
}
