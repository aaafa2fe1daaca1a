// Java's localized week fields (WeekFields.of(locale): pattern letters e/c as numbers, w, W, Y):
// weeks start on the locale's first day, and week 1 is the first with at least `minDays` days
// of the year (or month). Locale.US, Kestra's default, is Sunday and 1 day; ISO is Monday and 4.
import type { ZonedDateTime } from '@js-joda/core';
import type { WeekDef } from './locale-names.ts';

const floorMod = (a: number, b: number) => ((a % b) + b) % b;

/** 1..7 counted from the locale's first day of the week */
export function localDayOfWeek(z: ZonedDateTime, week: WeekDef): number {
  return floorMod(z.dayOfWeek().value() - week.firstDay, 7) + 1;
}

/** the offset of the first week's start from day 1 of the period (Java's startOfWeekOffset) */
function startOffset(day: number, dow: number, week: WeekDef): number {
  const weekStart = floorMod(day - dow, 7);
  return weekStart + 1 > week.minDays ? 7 - weekStart : -weekStart;
}

const computeWeek = (offset: number, day: number) => Math.floor((7 + offset + (day - 1)) / 7);

export function weekOfMonth(z: ZonedDateTime, week: WeekDef): number {
  const dom = z.dayOfMonth();
  return computeWeek(startOffset(dom, localDayOfWeek(z, week), week), dom);
}

/** week number and its week-based year */
function weekAndYear(z: ZonedDateTime, week: WeekDef): { week: number; year: number } {
  const doy = z.dayOfYear();
  const offset = startOffset(doy, localDayOfWeek(z, week), week);
  const n = computeWeek(offset, doy);
  // the first days of January can belong to the last week of the previous year
  if (n === 0) return weekAndYear(z.minusDays(doy), week);
  const yearLength = z.toLocalDate().lengthOfYear();
  // the last days of December can belong to week 1 of the next year
  const newYearWeek = computeWeek(offset, yearLength + week.minDays);
  return n >= newYearWeek ? { week: n - newYearWeek + 1, year: z.year() + 1 } : { week: n, year: z.year() };
}

export const weekOfWeekBasedYear = (z: ZonedDateTime, week: WeekDef) => weekAndYear(z, week).week;
export const weekBasedYear = (z: ZonedDateTime, week: WeekDef) => weekAndYear(z, week).year;
