// Next and previous fire times of a compiled cron in a time zone. The set of fire instants is:
// every matching wall-clock time at its first occurrence; a matching time inside a spring-forward
// gap shifted forward by the gap (Java ZonedDateTime semantics: 02:30 -> 03:30); and, for schedules
// that repeat hourly or faster (`repeatsHourly`), the second occurrence of wall-clock times repeated
// by a fall-back, so "every 15 minutes" keeps following real time. A daily 01:30 fires once.
// nextFire/previousFire are exact inverses over that set.

import { DAY, yearOf } from './calendar.ts';
import { nextLocal, prevLocal } from './local.ts';
import type { CronSchedule } from './parse.ts';
import { resolveLocal, resolveZone, transitionBetween, type Zone } from './zone.ts';

/** Searches stop this many years away ("undefined if none within ~10 years"). */
const HORIZON_YEARS = 10;

function scanForward(c: CronSchedule, zone: Zone, start: number, from: number, maxYear: number): number | undefined {
  // wall-clock order equals instant order except around a fall-back; a time whose first
  // occurrence is already past is skipped unless the schedule also fires on the second pass
  for (let local = nextLocal(c, from, maxYear); local !== undefined; local = nextLocal(c, local + 1, maxYear)) {
    const r = resolveLocal(zone, local);
    if (r.gap) {
      // shifted past the transition, it may land after the first regular time following it
      // (only possible with gaps that are not whole hours, e.g. Australia/Lord_Howe)
      const t = transitionBetween(zone, local - r.gap.after, local - r.gap.before);
      const regular = nextLocal(c, t.at + t.after, maxYear);
      return regular === undefined ? r.first : Math.min(r.first, regular - t.after);
    }
    if (r.first >= start) return r.first;
    if (r.second !== undefined && c.repeatsHourly && r.second >= start) return r.second;
  }
  return undefined;
}

function scanBackward(c: CronSchedule, zone: Zone, end: number, from: number, minYear: number): number | undefined {
  for (let local = prevLocal(c, from, minYear); local !== undefined; local = prevLocal(c, local - 1, minYear)) {
    const r = resolveLocal(zone, local);
    if (r.second !== undefined && c.repeatsHourly && r.second <= end) return r.second;
    if (r.first <= end) return r.first;
  }
  return undefined;
}

const earliest = (a: number | undefined, b: number) => (a === undefined || b < a ? b : a);
const latest = (a: number | undefined, b: number) => (a === undefined || b > a ? b : a);

/** First fire time strictly after `afterMs` (epoch ms) in zone `tz`; undefined if none within ~10 years. */
export function nextFire(c: CronSchedule, afterMs: number, tz: string): number | undefined {
  const zone = resolveZone(tz);
  const start = Math.floor(afterMs / 1000) + 1; // fire times are whole seconds
  const offset = zone.offsetAt(start);
  const maxYear = yearOf(start + offset) + HORIZON_YEARS;
  if (zone.fixed !== undefined) {
    const local = nextLocal(c, start + offset, maxYear);
    return local === undefined ? undefined : (local - offset) * 1000;
  }
  let best = scanForward(c, zone, start, start + offset, maxYear);
  if (zone.offsetAt(start - DAY) < offset) {
    // just after a spring-forward, gap times (earlier on the wall clock than `start`) are shifted
    // to instants that may still lie ahead
    const t = transitionBetween(zone, start - DAY, start);
    if (start < t.at + (t.after - t.before)) {
      const local = nextLocal(c, start + t.before, maxYear);
      if (local !== undefined && local < t.at + t.after) best = earliest(best, local - t.before);
    }
  }
  if (c.repeatsHourly && zone.offsetAt(start + DAY) < offset) {
    // a fall-back ahead replays part of the wall clock: its second pass may come before `best`
    const t = transitionBetween(zone, start, start + DAY);
    const local = nextLocal(c, t.at + t.after, maxYear);
    if (local !== undefined && local < t.at + t.before) best = earliest(best, local - t.after);
  }
  return best === undefined ? undefined : best * 1000;
}

/** Last fire time strictly before `beforeMs` (epoch ms) in zone `tz`; undefined if none within ~10 years. */
export function previousFire(c: CronSchedule, beforeMs: number, tz: string): number | undefined {
  const zone = resolveZone(tz);
  const end = Math.ceil(beforeMs / 1000) - 1;
  const offset = zone.offsetAt(end);
  const minYear = yearOf(end + offset) - HORIZON_YEARS;
  if (zone.fixed !== undefined) {
    const local = prevLocal(c, end + offset, minYear);
    return local === undefined ? undefined : (local - offset) * 1000;
  }
  let best = scanBackward(c, zone, end, end + offset, minYear);
  if (zone.offsetAt(end - DAY) < offset) {
    // just after a spring-forward, shifted gap times may be later than the regular times found
    const t = transitionBetween(zone, end - DAY, end);
    const local = prevLocal(c, Math.min(end + t.before, t.at + t.after - 1), minYear);
    if (local !== undefined && local >= t.at + t.before) best = latest(best, local - t.before);
  }
  if (zone.offsetAt(end - DAY) > offset) {
    // inside the second pass of a fall-back, first-pass times later on the wall clock than `end`
    // already happened
    const t = transitionBetween(zone, end - DAY, end);
    if (end + offset < t.at + t.before) {
      const local = prevLocal(c, t.at + t.before - 1, minYear);
      if (local !== undefined && local > end + offset) best = latest(best, local - t.before);
    }
  }
  return best === undefined ? undefined : best * 1000;
}

/** The next `count` fire times after `fromMs` (fewer if the schedule runs out within the horizon). */
export function upcoming(c: CronSchedule, fromMs: number, tz: string, count: number): number[] {
  const out: number[] = [];
  for (let t = fromMs; out.length < count;) {
    const next = nextFire(c, t, tz);
    if (next === undefined) break;
    out.push(next);
    t = next;
  }
  return out;
}
