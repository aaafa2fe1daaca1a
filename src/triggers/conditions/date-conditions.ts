// Schedule conditions over a date (default `{{ trigger.date }}`, the candidate slot): day of week,
// nth weekday of the month, weekend, public holidays, time-of-day and date-time ranges.
// Bounds are strict (after < date < before), as Java's isAfter/isBefore.
import type { ZonedDateTime } from '@js-joda/core';
import { parseDateTime, parseOffsetTime, timeKeyOf } from './date-parse.ts';
import { optString } from './props.ts';
import { isPublicHoliday, SUPPORTED_HOLIDAY_COUNTRIES } from './public-holidays.ts';
import { ConditionError, type ConditionContext, type ConditionDef, type Evaluator } from './types.ts';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const DEFAULT_DATE = '{{ trigger.date }}';

function testedDate(def: ConditionDef, ctx: ConditionContext): ZonedDateTime {
  return parseDateTime(optString(def, 'date', ctx) ?? ctx.render(DEFAULT_DATE), ctx);
}

function dayOfWeek(def: ConditionDef): string {
  const d = typeof def.dayOfWeek === 'string' ? def.dayOfWeek.trim().toUpperCase() : undefined;
  if (!d) throw new ConditionError("Missing required property 'dayOfWeek'");
  if (!DAYS.includes(d)) throw new ConditionError(`Invalid dayOfWeek '${def.dayOfWeek}'`);
  return d;
}

const dayWeek: Evaluator = (def, ctx) => {
  const expected = dayOfWeek(def);
  return testedDate(def, ctx).dayOfWeek().name() === expected;
};

const dayWeekInMonth: Evaluator = (def, ctx) => {
  const expected = dayOfWeek(def);
  const which = typeof def.dayInMonth === 'string' ? def.dayInMonth.trim().toUpperCase() : undefined;
  if (!which) throw new ConditionError("Missing required property 'dayInMonth'");
  const date = testedDate(def, ctx).toLocalDate();
  if (date.dayOfWeek().name() !== expected) return false;
  const day = date.dayOfMonth();
  // the nth occurrence of a weekday always falls in days 7(n-1)+1 .. 7n of the month
  switch (which) {
    case 'FIRST': return day <= 7;
    case 'SECOND': return day > 7 && day <= 14;
    case 'THIRD': return day > 14 && day <= 21;
    case 'FOURTH': return day > 21 && day <= 28;
    case 'LAST': return day + 7 > date.lengthOfMonth();
    default: throw new ConditionError(`Invalid dayInMonth '${def.dayInMonth}'`);
  }
};

const weekend: Evaluator = (def, ctx) => {
  const dow = testedDate(def, ctx).dayOfWeek().name();
  return dow === 'SATURDAY' || dow === 'SUNDAY';
};

const publicHoliday: Evaluator = (def, ctx) => {
  const date = testedDate(def, ctx).toLocalDate();
  const country = optString(def, 'country', ctx, false);
  // Kestra falls back to the JVM locale's country; a local runner has no meaningful one
  if (!country) throw new ConditionError('PublicHoliday: a country is required');
  if (optString(def, 'subDivision', ctx, false)) {
    throw new ConditionError('PublicHoliday: sub-divisions are not supported by kestra-lite');
  }
  const holiday = isPublicHoliday(date, country);
  if (holiday === undefined) {
    throw new ConditionError(
      `PublicHoliday: country '${country}' is not supported by kestra-lite (supported: ${SUPPORTED_HOLIDAY_COUNTRIES.join(', ')})`);
  }
  return holiday;
};

const timeBetween: Evaluator = (def, ctx) => {
  const date = testedDate(def, ctx);
  const after = optString(def, 'after', ctx, false);
  const before = optString(def, 'before', ctx, false);
  if (after === undefined && before === undefined) throw new ConditionError('Invalid condition with no before nor after');
  const t = timeKeyOf(date);
  // OffsetTime comparison: both sides reduced to UTC nano-of-day, no wrap-around midnight
  if (after !== undefined && !(t > parseOffsetTime(after, date))) return false;
  if (before !== undefined && !(t < parseOffsetTime(before, date))) return false;
  return true;
};

const dateTimeBetween: Evaluator = (def, ctx) => {
  const date = testedDate(def, ctx).toInstant();
  const after = optString(def, 'after', ctx, false);
  const before = optString(def, 'before', ctx, false);
  if (after === undefined && before === undefined) throw new ConditionError('Invalid condition with no before nor after');
  if (after !== undefined && !date.isAfter(parseDateTime(after, ctx).toInstant())) return false;
  if (before !== undefined && !date.isBefore(parseDateTime(before, ctx).toInstant())) return false;
  return true;
};

export const dateConditions: Record<string, Evaluator> = {
  DayWeek: dayWeek,
  DayWeekInMonth: dayWeekInMonth,
  Weekend: weekend,
  PublicHoliday: publicHoliday,
  TimeBetween: timeBetween,
  DateTimeBetween: dateTimeBetween,
};
