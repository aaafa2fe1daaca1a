// Kestra date filters: date, dateAdd, timestamp, timestampMilli/Micro/Nano.
import type { FilterDef } from '../callables.ts';
import { EvalError } from '../errors.ts';
import { chronoUnit, formatDate, toZoned, zoneOf } from '../dates/dates.ts';
import type { Runtime } from '../runtime.ts';
import { isNumber, num } from '../values.ts';

const FORMAT_ARGS = ['format', 'timeZone', 'existingFormat', 'locale'] as const;

function zoned(v: unknown, tz: unknown, existing: unknown, rt: Runtime) {
  return toZoned(v, zoneOf(tz, rt.hooks), existing);
}

function epoch(v: unknown, tz: unknown, existing: unknown, rt: Runtime) {
  const z = zoned(v, tz, existing, rt);
  return { seconds: z.toEpochSecond(), nano: z.nano() };
}

export const DATE_FILTERS: Record<string, FilterDef> = {
  date: {
    args: FORMAT_ARGS,
    fn: (v, [format, tz, existing, locale], rt) => {
      if (v === null || v === undefined) return null;
      return formatDate(zoned(v, tz, existing, rt), format, zoneOf(tz, rt.hooks), locale);
    },
  },
  dateAdd: {
    args: ['amount', 'unit', ...FORMAT_ARGS],
    fn: (v, [amount, unit, format, tz, existing, locale], rt) => {
      if (v === null || v === undefined) return null;
      if (!isNumber(amount)) throw new EvalError("The 'amount' argument of dateAdd must be a number");
      const z = zoned(v, tz, existing, rt).plus(Math.trunc(num(amount)), chronoUnit(unit));
      return formatDate(z, format, zoneOf(tz, rt.hooks), locale);
    },
  },
  timestamp: {
    args: ['timeZone', 'existingFormat'],
    fn: (v, [tz, existing], rt) => (v === null || v === undefined ? null : epoch(v, tz, existing, rt).seconds),
  },
  timestampMilli: {
    args: ['timeZone', 'existingFormat'],
    fn: (v, [tz, existing], rt) => {
      if (v === null || v === undefined) return null;
      const e = epoch(v, tz, existing, rt);
      return e.seconds * 1000 + Math.floor(e.nano / 1e6);
    },
  },
  timestampMicro: {
    args: ['timeZone', 'existingFormat'],
    fn: (v, [tz, existing], rt) => {
      if (v === null || v === undefined) return null;
      const e = epoch(v, tz, existing, rt);
      // faithful to Kestra: seconds * 1e9 + micros (not seconds * 1e6)
      return (BigInt(e.seconds) * 1_000_000_000n + BigInt(Math.floor(e.nano / 1000))).toString();
    },
  },
  timestampNano: {
    args: ['timeZone', 'existingFormat'],
    fn: (v, [tz, existing], rt) => {
      if (v === null || v === undefined) return null;
      const e = epoch(v, tz, existing, rt);
      return (BigInt(e.seconds) * 1_000_000_000n + BigInt(e.nano)).toString();
    },
  },
};
