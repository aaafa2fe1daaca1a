// Fire times of the scheduled trigger types (engine-contract §5.2): Schedule (cron in a zone,
// lateMaximumDelay) and ScheduleOnDates (a list of dates). Compiled crons are cached per
// expression because 10,000 schedules often share a handful of expressions.

import { formatZoned, nextFire, parseCron, previousFire, type CronSchedule } from './cron/index.ts';
import { parseDuration } from '../shared/time/durations.ts';
import { SCHEDULE, SCHEDULE_ON_DATES } from './model.ts';
import type { TriggerDefinition } from '../flows/model.ts';

export type TriggerDef = TriggerDefinition;

export interface SlotCalculator {
  /** the first slot strictly after `after` (undefined: none left) */
  next(def: TriggerDef, type: string, after: number): number | undefined;
  previous(def: TriggerDef, type: string, before: number): number | undefined;
  zoneOf(def: TriggerDef): string;
  format(ms: number, tz: string): string;
  /** what identifies the schedule itself: when it changes, the next slot is recomputed */
  signature(def: TriggerDef, type: string): string;
}

export function createSlotCalculator(defaultZone = 'UTC'): SlotCalculator {
  const crons = new Map<string, CronSchedule>();
  const cron = (def: TriggerDef) => {
    const k = `${def.withSeconds === true ? 's' : ''}${String(def.cron)}`;
    let c = crons.get(k);
    if (!c) { c = parseCron(String(def.cron), def.withSeconds === true); crons.set(k, c); }
    return c;
  };
  const dates = (def: TriggerDef) =>
    (Array.isArray(def.dates) ? def.dates : []).map((d) => Date.parse(String(d).replace(/\[[^\]]+\]$/, ''))).filter((d) => !Number.isNaN(d)).sort((a, b) => a - b);
  const zoneOf = (def: TriggerDef) => (typeof def.timezone === 'string' && def.timezone ? def.timezone : defaultZone);

  return {
    zoneOf,
    format: formatZoned,
    next(def, type, after) {
      if (type === SCHEDULE) return nextFire(cron(def), after, zoneOf(def));
      if (type === SCHEDULE_ON_DATES) return dates(def).find((d) => d > after);
      return undefined;
    },
    previous(def, type, before) {
      if (type === SCHEDULE) return previousFire(cron(def), before, zoneOf(def));
      if (type === SCHEDULE_ON_DATES) return dates(def).filter((d) => d < before).pop();
      return undefined;
    },
    signature: (def, type) => JSON.stringify(type === SCHEDULE ? [def.cron, def.withSeconds === true, zoneOf(def)] : [def.dates, zoneOf(def)]),
  };
}

/** lateMaximumDelay: slots older than now − delay are skipped (not during a backfill). */
export function skipLate(calc: SlotCalculator, def: TriggerDef, type: string, slot: number | undefined, now: number): number | undefined {
  const delay = parseDuration(def.lateMaximumDelay);
  if (slot === undefined || delay === undefined || slot >= now - delay) return slot;
  return calc.next(def, type, now - delay - 1);
}
