// Reading the rendered `date` of schedule conditions and their bounds. Strings carrying an offset
// or zone keep it (as Kestra parses a ZonedDateTime); local date-times and bare dates are placed in
// the context timezone (UTC when none).
import type { LocalDate, LocalDateTime, ZonedDateTime, ZoneId } from '@js-joda/core';
import { joda } from '../../shared/time/joda.ts';
import { zoneOf } from '../../expressions/dates/dates.ts';
import { ConditionError, type ConditionContext } from './types.ts';

export function contextZone(ctx: ConditionContext): ZoneId {
  try {
    return zoneOf(ctx.timezone ?? 'UTC', {});
  } catch (e) {
    throw new ConditionError(`Invalid timezone '${ctx.timezone}': ${(e as Error).message}`);
  }
}

export function parseDateTime(text: string, ctx: ConditionContext): ZonedDateTime {
  const s = text.trim();
  // a `[Region/City]` suffix needs the IANA database, which zoneOf loads on first use
  const region = /\[([^\]]+)\]$/.exec(s);
  if (region) zoneOf(region[1], {});
  try {
    return joda().ZonedDateTime.parse(s);
  } catch { /* try a local date-time */ }
  try {
    return joda().LocalDateTime.parse(s).atZone(contextZone(ctx));
  } catch { /* try a bare date */ }
  try {
    return joda().LocalDate.parse(s).atStartOfDay(contextZone(ctx));
  } catch { /* fall through */ }
  throw new ConditionError(`Unable to parse date '${text}'`);
}

/** an OffsetTime reduced to a comparable number: local nano-of-day minus the offset (Java's ordering) */
export type TimeKey = number;

const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?$/i;

function offsetSeconds(text: string): number {
  if (text.toUpperCase() === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(/:/g, '');
  const h = Number(digits.slice(0, 2));
  const m = Number(digits.slice(2, 4) || 0);
  const sec = Number(digits.slice(4, 6) || 0);
  return sign * (h * 3600 + m * 60 + sec);
}

/** `HH:mm[:ss[.nnn]][offset]`; without an offset, the offset of `at` (the date being tested) is used */
export function parseOffsetTime(text: string, at: ZonedDateTime): TimeKey {
  const m = TIME.exec(text.trim());
  if (!m) {
    // a full date-time is also accepted; only its time and offset matter
    try {
      return timeKeyOf(joda().ZonedDateTime.parse(text.trim()));
    } catch {
      throw new ConditionError(`Unable to parse time '${text}'`);
    }
  }
  const [, hh, mm, ss, frac] = m;
  const nanos = Number(`0.${frac ?? '0'}`) * 1e9;
  const localNanos = (Number(hh) * 3600 + Number(mm) * 60 + Number(ss ?? 0)) * 1e9 + nanos;
  const offset = m[5] ? offsetSeconds(m[5]) : at.offset().totalSeconds();
  return localNanos - offset * 1e9;
}

export function timeKeyOf(z: ZonedDateTime): TimeKey {
  return z.toLocalTime().toNanoOfDay() - z.offset().totalSeconds() * 1e9;
}
