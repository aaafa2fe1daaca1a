// Field-by-field search for matching wall-clock times, ignoring time zones entirely: a field that
// does not match jumps straight to its next (or previous) allowed value and resets the smaller
// fields, so a search costs a handful of table lookups rather than a scan of seconds.

import { civilFromDays, DAY, daysFromCivil, dayOfWeek, daysInMonth, localSeconds } from './calendar.ts';
import type { CronSchedule } from './parse.ts';

/**
 * cron-utils/Vixie rule: when both day fields are restricted (neither is a bare `*`) a day matches
 * if EITHER matches; otherwise the restricted one (if any) decides.
 */
function dayMatches(c: CronSchedule, dom: number, dow: number): boolean {
  if (c.domStar) return c.dowStar || c.dayOfWeek.has[dow] === 1;
  if (c.dowStar) return c.dayOfMonth.has[dom] === 1;
  return c.dayOfMonth.has[dom] === 1 || c.dayOfWeek.has[dow] === 1;
}

/** First matching day >= d in the month, or -1. */
function nextDay(c: CronSchedule, y: number, m: number, d: number): number {
  const dim = daysInMonth(y, m);
  if (d > dim) return -1;
  let dow = dayOfWeek(daysFromCivil(y, m, d));
  for (; d <= dim; d++, dow = dow === 6 ? 0 : dow + 1) if (dayMatches(c, d, dow)) return d;
  return -1;
}

/** Last matching day <= d (clamped to the month's length) in the month, or -1. */
function prevDay(c: CronSchedule, y: number, m: number, d: number): number {
  d = Math.min(d, daysInMonth(y, m));
  if (d < 1) return -1;
  let dow = dayOfWeek(daysFromCivil(y, m, d));
  for (; d >= 1; d--, dow = dow === 0 ? 6 : dow - 1) if (dayMatches(c, d, dow)) return d;
  return -1;
}

/** Wall-clock seconds as calendar fields. */
function splitLocal(seconds: number) {
  const days = Math.floor(seconds / DAY);
  const sod = seconds - days * DAY;
  const h = Math.floor(sod / 3600);
  const mi = Math.floor((sod - h * 3600) / 60);
  return { ...civilFromDays(days), h, mi, s: sod - h * 3600 - mi * 60 };
}

/** Smallest matching wall-clock time >= `from` (wall-clock seconds), or undefined past `maxYear`. */
export function nextLocal(c: CronSchedule, from: number, maxYear: number): number | undefined {
  let { y, m, d, h, mi, s } = splitLocal(from);
  // each `continue` moves strictly forward, and the year bound ends impossible dates (Feb 30)
  while (y <= maxYear) {
    const m2 = m > 12 ? -1 : c.month.next[m]!;
    if (m2 < 0) { y++; m = 1; d = 1; h = 0; mi = 0; s = 0; continue; }
    if (m2 !== m) { m = m2; d = 1; h = 0; mi = 0; s = 0; }
    const d2 = nextDay(c, y, m, d);
    if (d2 < 0) { m++; d = 1; h = 0; mi = 0; s = 0; continue; }
    if (d2 !== d) { d = d2; h = 0; mi = 0; s = 0; }
    const h2 = h > 23 ? -1 : c.hour.next[h]!;
    if (h2 < 0) { d++; h = 0; mi = 0; s = 0; continue; }
    if (h2 !== h) { h = h2; mi = 0; s = 0; }
    const mi2 = mi > 59 ? -1 : c.minute.next[mi]!;
    if (mi2 < 0) { h++; mi = 0; s = 0; continue; }
    if (mi2 !== mi) { mi = mi2; s = 0; }
    const s2 = s > 59 ? -1 : c.second.next[s]!;
    if (s2 < 0) { mi++; s = 0; continue; }
    return localSeconds(y, m, d, h, mi, s2);
  }
  return undefined;
}

/** Largest matching wall-clock time <= `from`, or undefined before `minYear`. */
export function prevLocal(c: CronSchedule, from: number, minYear: number): number | undefined {
  let { y, m, d, h, mi, s } = splitLocal(from);
  while (y >= minYear) {
    const m2 = m < 1 ? -1 : c.month.prev[m]!;
    if (m2 < 0) { y--; m = 12; d = 31; h = 23; mi = 59; s = 59; continue; }
    if (m2 !== m) { m = m2; d = 31; h = 23; mi = 59; s = 59; }
    const d2 = prevDay(c, y, m, d);
    if (d2 < 0) { m--; d = 31; h = 23; mi = 59; s = 59; continue; }
    if (d2 !== d) { d = d2; h = 23; mi = 59; s = 59; }
    const h2 = h < 0 ? -1 : c.hour.prev[h]!;
    if (h2 < 0) { d--; h = 23; mi = 59; s = 59; continue; }
    if (h2 !== h) { h = h2; mi = 59; s = 59; }
    const mi2 = mi < 0 ? -1 : c.minute.prev[mi]!;
    if (mi2 < 0) { h--; mi = 59; s = 59; continue; }
    if (mi2 !== mi) { mi = mi2; s = 59; }
    const s2 = s < 0 ? -1 : c.second.prev[s]!;
    if (s2 < 0) { mi--; s = 59; continue; }
    return localSeconds(y, m, d, h, mi, s2);
  }
  return undefined;
}
