// Time buckets for the stats and metric aggregation endpoints (api-contract §2.6, §2.13): the
// bucket size follows the window length, bucket starts are computed in the server time zone, and
// every bucket between start and end is listed (empty ones included), ascending. In shared/ because
// metrics/ (below stats/ in the layers) buckets the same way.

import type { ChronoUnit, DayOfWeek, Instant, TemporalAdjusters, ZoneId, ZonedDateTime } from '@js-joda/core';
import { joda, zoneId } from './joda.ts';
import { illegalArgument } from '../errors.ts';

export type GroupBy = 'month' | 'week' | 'day' | 'hour' | 'minute';

/** One bucket: `start` is its label; rows with `lo <= date < hi` belong to it (clipped to the window). */
export interface Bucket { start: number; lo: number; hi: number }

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** a guard against windows such as 1970 → 9999 that would list tens of thousands of buckets */
const MAX_BUCKETS = 10_000;

export function groupByOf(start: number, end: number): GroupBy {
  const length = end - start;
  if (length > 365 * DAY) return 'month';
  if (length > 180 * DAY) return 'week';
  if (length > DAY) return 'day';
  if (length > 6 * HOUR) return 'hour';
  return 'minute';
}

/** A zone by IANA name or offset; `undefined` is the process zone (js-joda reads it from the JS engine). */
export function zoneOf(name?: string): ZoneId {
  return name === undefined ? joda().ZoneId.systemDefault() : zoneId(name);
}

/**
 * `zoneOf` resolved on first use: resolving a zone loads js-joda (~4 ms and ~4 MB at start-up),
 * which only the stats and metrics aggregates need, so services built at start take this instead.
 */
export function lazyZone(name?: string): () => ZoneId {
  let zone: ZoneId | undefined;
  return () => (zone ??= zoneOf(name));
}

function truncate(t: ZonedDateTime, groupBy: GroupBy): ZonedDateTime {
  switch (groupBy) {
    case 'minute': return t.truncatedTo(joda().ChronoUnit.MINUTES);
    case 'hour': return t.truncatedTo(joda().ChronoUnit.HOURS);
    case 'day': return t.truncatedTo(joda().ChronoUnit.DAYS);
    case 'week': return t.truncatedTo(joda().ChronoUnit.DAYS).with(joda().TemporalAdjusters.previousOrSame(joda().DayOfWeek.MONDAY));
    case 'month': return t.truncatedTo(joda().ChronoUnit.DAYS).withDayOfMonth(1);
  }
}

function next(t: ZonedDateTime, groupBy: GroupBy): ZonedDateTime {
  switch (groupBy) {
    case 'minute': return t.plusMinutes(1);
    case 'hour': return t.plusHours(1);
    // calendar units keep the local time, so days stay aligned on midnight across DST changes
    case 'day': return t.plusDays(1);
    case 'week': return t.plusWeeks(1);
    case 'month': return t.plusMonths(1);
  }
}

/** Buckets covering `[start, end]` (end inclusive). */
export function timeBuckets(start: number, end: number, groupBy: GroupBy, zone: ZoneId): Bucket[] {
  const starts: number[] = [];
  let t = truncate(joda().ZonedDateTime.ofInstant(joda().Instant.ofEpochMilli(start), zone), groupBy);
  for (let ms = t.toInstant().toEpochMilli(); ms <= end; ms = t.toInstant().toEpochMilli()) {
    if (starts.length >= MAX_BUCKETS) throw illegalArgument(`The date range is too large (more than ${MAX_BUCKETS} ${groupBy} buckets)`);
    starts.push(ms);
    t = next(t, groupBy);
  }
  const after = t.toInstant().toEpochMilli();
  return starts.map((s, i) => ({ start: s, lo: Math.max(s, start), hi: Math.min(starts[i + 1] ?? after, end + 1) }));
}

/** java.time.Instant#toString: no fraction when it is zero, else milliseconds. */
export function instantText(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export interface Window { start: number; end: number; groupBy: GroupBy; buckets: Bucket[] }

/** The request window with Kestra's defaults (now − 30 days → now) and its ordering rule. */
export function windowOf(start: number | undefined, end: number | undefined, now: number, zone: ZoneId): Window {
  const s = start ?? now - 30 * DAY;
  const e = end ?? now;
  if (s > e) throw illegalArgument('Start date must be before End Date');
  const groupBy = groupByOf(s, e);
  return { start: s, end: e, groupBy, buckets: timeBuckets(s, e, groupBy, zone) };
}
