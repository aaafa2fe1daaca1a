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

/**
 * Kestra 2.0's `ApiTriggerState`, answered by the 2.0-only routes (set-disabled, backfill/create).
 * Only scheduled triggers have a state here, hence `kind: SCHEDULE`.
 */
export function triggerStateJson(t: TriggerContext, slots: SlotCalculator, now: number): Record<string, unknown> {
  const z = (ms: number | undefined) => (ms === undefined ? undefined : slots.format(ms, t.timezone));
  const base = triggerJson(t, slots);
  const out: Record<string, unknown> = {
    namespace: t.namespace, flowId: t.flowId, triggerId: t.triggerId,
    updatedAt: new Date(t.updatedDate ?? now).toISOString(),
  };
  if (t.date !== undefined) out.evaluatedAt = z(t.date);
  if (t.nextExecutionDate !== undefined) out.nextEvaluationDate = z(t.nextExecutionDate);
  if (base.backfill) out.backfill = base.backfill;
  if (t.stopAfter) out.stopAfter = t.stopAfter;
  out.disabled = t.disabled;
  out.locked = t.executionId !== undefined || t.evaluateRunningDate !== undefined;
  if (t.workerId) out.workerId = t.workerId;
  if (t.executionId) out.executionId = t.executionId;
  out.kind = 'SCHEDULE';
  return out;
}

const CSV_COLUMNS = ['namespace', 'flowId', 'triggerId', 'executionId', 'date', 'nextExecutionDate', 'disabled', 'workerId', 'backfill'] as const;

const csvCell = (v: unknown): string => {
  const s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** GET /triggers/export/by-query/csv: one header line, then one line per trigger (RFC 4180 quoting). */
export function triggersCsv(list: TriggerContext[], slots: SlotCalculator): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const t of list) {
    const j = triggerJson(t, slots);
    lines.push(CSV_COLUMNS.map((c) => csvCell(j[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
