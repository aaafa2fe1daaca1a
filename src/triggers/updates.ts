// PUT /triggers updates (api-contract §3.14): enable/disable (re-enabling honours
// recoverMissedSchedules) and starting a backfill over a past window.

import { badRequest } from '../shared/errors.ts';
import type { Label } from '../flows/model.ts';
import type { TriggerContext } from './model.ts';
import type { SlotCalculator, TriggerDef } from './slots.ts';

export function applyDisabled(t: TriggerContext, d: { def: TriggerDef; type: string }, disabled: boolean, slots: SlotCalculator, now: number): void {
  if (t.disabled === disabled) return;
  t.disabled = disabled;
  if (disabled) { t.nextExecutionDate = undefined; return; }
  const policy = String(d.def.recoverMissedSchedules ?? 'ALL');
  t.nextExecutionDate = policy === 'LAST' ? slots.previous(d.def, d.type, now + 1) ?? slots.next(d.def, d.type, now) : slots.next(d.def, d.type, now);
}

export function applyBackfill(t: TriggerContext, d: { def: TriggerDef; type: string }, raw: unknown, slots: SlotCalculator, now: number): void {
  const b = raw as { start?: unknown; end?: unknown; paused?: unknown; inputs?: unknown; labels?: unknown };
  const start = typeof b.start === 'string' ? Date.parse(b.start) : NaN;
  if (Number.isNaN(start)) throw badRequest('A backfill needs a valid start date');
  const end = b.end === undefined || b.end === null ? now : typeof b.end === 'string' ? Date.parse(b.end) : NaN;
  if (Number.isNaN(end)) throw badRequest('Invalid backfill end date');
  if (end < start) throw badRequest('Backfill end date must be after its start date');
  const first = slots.next(d.def, d.type, start - 1);
  t.backfill = {
    start, end, currentDate: first !== undefined && first <= end ? first : undefined, paused: b.paused === true,
    inputs: b.inputs && typeof b.inputs === 'object' ? (b.inputs as Record<string, unknown>) : undefined,
    labels: Array.isArray(b.labels) ? (b.labels as Label[]) : undefined,
    previousNextExecutionDate: t.nextExecutionDate,
  };
  if (t.backfill.currentDate === undefined) t.backfill = undefined;
}
