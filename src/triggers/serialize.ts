// Trigger context JSON (api-contract §2.7): zoned dates in the trigger's zone, NON_NULL.

import type { SlotCalculator } from './slots.ts';
import type { TriggerContext } from './model.ts';

export function triggerJson(t: TriggerContext, slots: SlotCalculator): Record<string, unknown> {
  const z = (ms: number | undefined) => (ms === undefined ? undefined : slots.format(ms, t.timezone));
  const out: Record<string, unknown> = { namespace: t.namespace, flowId: t.flowId, triggerId: t.triggerId };
  if (t.tenant !== 'main') out.tenantId = t.tenant;
  if (t.date !== undefined) out.date = z(t.date);
  if (t.nextExecutionDate !== undefined) out.nextExecutionDate = z(t.nextExecutionDate);
  if (t.backfill) {
    const b = t.backfill;
    out.backfill = Object.fromEntries(Object.entries({
      start: z(b.start), end: z(b.end), currentDate: z(b.currentDate), paused: b.paused, inputs: b.inputs, labels: b.labels,
      previousNextExecutionDate: z(b.previousNextExecutionDate),
    }).filter(([, v]) => v !== undefined));
  }
  if (t.stopAfter) out.stopAfter = t.stopAfter;
  out.disabled = t.disabled;
  if (t.executionId) out.executionId = t.executionId;
  if (t.updatedDate !== undefined) out.updatedDate = new Date(t.updatedDate).toISOString();
  if (t.evaluateRunningDate !== undefined) out.evaluateRunningDate = z(t.evaluateRunningDate);
  if (t.workerId) out.workerId = t.workerId;
  return out;
}
