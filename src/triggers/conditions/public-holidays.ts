// A small built-in calendar of national public holidays (no sub-divisions), enough for the usual
// "skip the bank holiday" schedules. Kestra uses the Jollyday library; only the countries listed
// here are known, anything else is an evaluation error so a schedule never silently misfires.
import type { LocalDate } from '@js-joda/core';
import { joda } from '../../shared/time/joda.ts';

type Rule = (year: number) => LocalDate | undefined;

/** Gregorian Easter Sunday (anonymous Gregorian computus) */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return joda().LocalDate.of(year, month, day);
}

const fixed = (month: number, day: number, from = 0): Rule => (y) => (y >= from ? joda().LocalDate.of(y, month, day) : undefined);
const easter = (offsetDays: number): Rule => (y) => easterSunday(y).plusDays(offsetDays);
/** nth (1-based) ISO weekday (1 = Monday) of a month; n = -1 for the last one */
const nthWeekday = (month: number, isoDow: number, n: number): Rule => (y) => {
  if (n > 0) {
    const first = joda().LocalDate.of(y, month, 1);
    const shift = (isoDow - first.dayOfWeek().value() + 7) % 7;
    return first.plusDays(shift + (n - 1) * 7);
  }
  const last = joda().LocalDate.of(y, month, 1).plusMonths(1).minusDays(1);
  return last.minusDays((last.dayOfWeek().value() - isoDow + 7) % 7);
};
/** US federal rule: a fixed holiday falling on Saturday is observed on Friday, on Sunday on Monday */
const observed = (rule: Rule): Rule => (y) => {
  const d = rule(y);
  if (!d) return d;
  const dow = d.dayOfWeek().value();
  return dow === 6 ? d.minusDays(1) : dow === 7 ? d.plusDays(1) : d;
};

const COUNTRIES: Record<string, Rule[]> = {
  FR: [fixed(1, 1), easter(1), fixed(5, 1), fixed(5, 8), easter(39), easter(50), fixed(7, 14), fixed(8, 15),
    fixed(11, 1), fixed(11, 11), fixed(12, 25)],
  DE: [fixed(1, 1), easter(-2), easter(1), fixed(5, 1), easter(39), easter(50), fixed(10, 3), fixed(12, 25), fixed(12, 26)],
  BE: [fixed(1, 1), easter(1), fixed(5, 1), easter(39), easter(50), fixed(7, 21), fixed(8, 15), fixed(11, 1),
    fixed(11, 11), fixed(12, 25)],
  IT: [fixed(1, 1), fixed(1, 6), easter(1), fixed(4, 25), fixed(5, 1), fixed(6, 2), fixed(8, 15), fixed(11, 1),
    fixed(12, 8), fixed(12, 25), fixed(12, 26)],
  ES: [fixed(1, 1), fixed(1, 6), easter(-2), fixed(5, 1), fixed(8, 15), fixed(10, 12), fixed(11, 1), fixed(12, 6),
    fixed(12, 8), fixed(12, 25)],
  US: [observed(fixed(1, 1)), nthWeekday(1, 1, 3), nthWeekday(2, 1, 3), nthWeekday(5, 1, -1), observed(fixed(6, 19, 2021)),
    observed(fixed(7, 4)), nthWeekday(9, 1, 1), nthWeekday(10, 1, 2), observed(fixed(11, 11)), nthWeekday(11, 4, 4),
    observed(fixed(12, 25))],
};

export const SUPPORTED_HOLIDAY_COUNTRIES = Object.keys(COUNTRIES);

/** undefined when the country is not in the built-in calendar */
export function isPublicHoliday(date: LocalDate, country: string): boolean | undefined {
  const rules = COUNTRIES[country.toUpperCase()];
  if (!rules) return undefined;
  // an observed holiday can move into the neighbouring year (Jan 1st on a Saturday -> Dec 31st)
  for (const year of [date.year() - 1, date.year(), date.year() + 1]) {
    for (const rule of rules) if (rule(year)?.equals(date)) return true;
  }
  return false;
}
