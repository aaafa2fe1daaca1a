// Time-zone offsets for the cron search, from js-joda's rules (a binary search over the tzdb
// transitions, ~50 ns a lookup). The IANA database is loaded lazily: it costs ~50 ms at start-up
// and is not needed for UTC or fixed offsets.

import type { ZoneId, ZoneOffset } from '@js-joda/core';
import { joda, loadTimeZones } from '../../shared/time/joda.ts';
import { DAY } from './calendar.ts';
import { CronError } from './parse.ts';

export interface Zone {
  /** set for zones whose offset never changes (UTC, `+02:00`, Asia/Kolkata...): no DST logic needed */
  readonly fixed: number | undefined;
  /** offset in seconds at an instant in epoch seconds */
  offsetAt(epochSecond: number): number;
}

const UTC_ZONE: Zone = { fixed: 0, offsetAt: () => 0 };

/** Resolves an IANA id, `UTC`/`Z`, or an offset such as `+02:00`; throws CronError when unknown. */
export function resolveZone(tz: string): Zone {
  if (tz === 'UTC' || tz === 'Z') return UTC_ZONE;
  try {
    if (/^[+-]\d/.test(tz)) {
      const fixed = joda().ZoneOffset.of(tz).totalSeconds();
      return { fixed, offsetAt: () => fixed };
    }
    loadTimeZones();
    const rules = joda().ZoneId.of(tz).rules();
    if (rules.isFixedOffset()) {
      const fixed = rules.offsetOfEpochMilli(0).totalSeconds();
      return { fixed, offsetAt: () => fixed };
    }
    return { fixed: undefined, offsetAt: (sec) => rules.offsetOfEpochMilli(sec * 1000).totalSeconds() };
  } catch {
    throw new CronError(`Unknown time-zone ID: ${tz}`);
  }
}

export function isValidZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz === '') return false;
  try {
    resolveZone(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instants showing wall-clock time `local`: `first` always; `second` only when the time occurs
 * twice (DST fall-back). In a gap (spring-forward) `first` is the time shifted forward by the gap
 * length, like Java's ZonedDateTime.of: 02:30 in a 02:00->03:00 gap becomes 03:30, and `gap`
 * holds the offsets either side.
 */
export interface Resolved {
  first: number;
  second: number | undefined;
  gap: { before: number; after: number } | undefined;
}

export function resolveLocal(zone: Zone, local: number): Resolved {
  // no real zone changes offset twice within two days, so the offsets a day either side are the
  // only two candidates
  const before = zone.offsetAt(local - DAY);
  const after = zone.offsetAt(local + DAY);
  const early = local - before;
  const earlyValid = zone.offsetAt(early) === before;
  if (before === after) return { first: earlyValid ? early : local - zone.offsetAt(early), second: undefined, gap: undefined };
  const late = local - after;
  const lateValid = zone.offsetAt(late) === after;
  if (earlyValid && lateValid) return { first: Math.min(early, late), second: Math.max(early, late), gap: undefined };
  if (earlyValid || lateValid) return { first: earlyValid ? early : late, second: undefined, gap: undefined };
  return { first: early, second: undefined, gap: { before, after } }; // shifted forward by the gap
}

export interface Transition { at: number; before: number; after: number }

/** The single offset change in (lo, hi], found by bisection; callers know offsets differ at the ends. */
export function transitionBetween(zone: Zone, lo: number, hi: number): Transition {
  const before = zone.offsetAt(lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offsetAt(mid) === before) lo = mid;
    else hi = mid;
  }
  return { at: hi, before, after: zone.offsetAt(hi) };
}
