// Field values between a dashboard and SQL: what a filter value becomes before it is bound
// (dates to epoch ms, log levels to their rank, durations to ms) and how a selected value is
// printed back. A value that can't be converted is a clear message, never a SQL error.

import { LOG_LEVEL_ORDER, isLogLevel } from '../logs/model.ts';
import { parseDurationMs } from '../shared/time/durations.ts';
import type { Aggregation } from './model.ts';
import type { FieldKind } from './sources.ts';

export type SqlValue = string | number;

const LEVELS = Object.keys(LOG_LEVEL_ORDER);
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?(\[[^\]]+\])?)?$/;

export class ValueError extends Error {}

/** An ISO date-time (offset optional, read as UTC; a `[Zone]` suffix is ignored) → epoch ms. */
export function parseDate(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string' || !DATE.test(value.trim())) return undefined;
  const text = value.trim().replace(/\[[^\]]+\]$/, '');
  const zoned = /T/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text}Z` : text;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}

export function toSqlValue(kind: FieldKind, value: unknown): SqlValue {
  if (value === null || value === undefined) throw new ValueError('a filter value is required');
  if (typeof value === 'object' && !(value instanceof Date)) throw new ValueError(`\`${JSON.stringify(value)}\` is not a single value`);
  switch (kind) {
    case 'date': {
      const ms = parseDate(value);
      if (ms === undefined) throw new ValueError(`\`${String(value)}\` is not a valid date, use an ISO-8601 date-time such as \`2025-01-01T00:00:00Z\``);
      return ms;
    }
    case 'level': {
      const name = String(value).toUpperCase();
      if (!isLogLevel(name)) throw new ValueError(`\`${String(value)}\` is not a log level, use one of ${LEVELS.join(', ')}`);
      return LOG_LEVEL_ORDER[name];
    }
    case 'duration': {
      // a number is a number of seconds, as durations are authored elsewhere in Kestra
      const ms = typeof value === 'number' ? value * 1000 : /^-?\d+(\.\d+)?$/.test(String(value)) ? Number(value) * 1000 : parseDurationMs(value);
      if (ms === undefined || !Number.isFinite(ms)) throw new ValueError(`\`${String(value)}\` is not a valid duration, use an ISO-8601 duration such as \`PT1S\` or a number of seconds.`);
      return ms;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (String(value).trim() === '' || !Number.isFinite(n)) throw new ValueError(`\`${String(value)}\` is not a number`);
      return n;
    }
    default:
      return value instanceof Date ? value.toISOString() : String(value);
  }
}

/** java.time.Instant#toString (no fraction when it is zero). */
export const instantText = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A selected value as Kestra prints it; `null` means "omit the key" (NON_NULL maps). */
export function fromSqlValue(kind: FieldKind | undefined, agg: Aggregation | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const keepsKind = agg === undefined || agg === 'MIN' || agg === 'MAX';
  if (kind === 'level' && keepsKind && typeof value === 'number') return LEVELS[value] ?? value;
  // a date column without aggregation is already a formatted bucket; MIN/MAX give instants
  if (kind === 'date' && agg !== undefined && keepsKind && typeof value === 'number') return instantText(value);
  return value;
}
