// Bounds of a Flow-trigger window (engine-contract §5.4), computed when a window is (re)created.
// Days are cut in the context timezone (UTC by default). Ends are exclusive.
import type { Instant, LocalTime, ZonedDateTime } from '@js-joda/core';
import { joda } from '../../shared/time/joda.ts';
import { parseDurationMs } from '../../shared/time/durations.ts';
import { contextZone } from './date-parse.ts';
import { ConditionError, type ConditionContext } from './types.ts';
import { isPlainObject } from '../../shared/guards.ts';

export type TimeWindowType = 'DURATION_WINDOW' | 'SLIDING_WINDOW' | 'DAILY_TIME_WINDOW' | 'DAILY_TIME_DEADLINE';

export interface TimeWindowSpec {
  type: TimeWindowType;
  window?: string;
  windowAdvance?: string;
  startTime?: string;
  endTime?: string;
  deadline?: string;
}

const TYPES: readonly string[] = ['DURATION_WINDOW', 'SLIDING_WINDOW', 'DAILY_TIME_WINDOW', 'DAILY_TIME_DEADLINE'];
const DAY_MS = 86_400_000;

const optStr = (v: unknown, ctx: ConditionContext) => (v === undefined || v === null ? undefined : ctx.render(String(v)));

/** `timeWindow` when present, else the legacy MultipleCondition `window` / `windowAdvance` */
export function toTimeWindow(timeWindow: unknown, legacy: { window?: unknown; windowAdvance?: unknown }, ctx: ConditionContext): TimeWindowSpec {
  const src = isPlainObject(timeWindow) ? timeWindow : { window: legacy.window, windowAdvance: legacy.windowAdvance };
  const type = String(src.type ?? 'DURATION_WINDOW').toUpperCase();
  if (!TYPES.includes(type)) throw new ConditionError(`Invalid timeWindow type '${String(src.type)}'`);
  return {
    type: type as TimeWindowType,
    window: optStr(src.window, ctx), windowAdvance: optStr(src.windowAdvance, ctx),
    startTime: optStr(src.startTime, ctx), endTime: optStr(src.endTime, ctx), deadline: optStr(src.deadline, ctx),
  };
}

function durationMs(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const ms = parseDurationMs(text);
  if (ms === undefined) throw new ConditionError(`Invalid duration '${text}' for '${name}'`);
  return ms;
}

function timeOfDay(text: string | undefined, name: string): LocalTime {
  if (!text) throw new ConditionError(`Missing '${name}' for this timeWindow type`);
  try {
    return joda().LocalTime.parse(text.trim());
  } catch {
    throw new ConditionError(`Invalid time '${text}' for '${name}'`);
  }
}

export function computeWindow(spec: TimeWindowSpec, ctx: ConditionContext): { start: number; end: number } {
  const zone = contextZone(ctx);
  const today = joda().ZonedDateTime.ofInstant(joda().Instant.ofEpochMilli(ctx.now), zone).toLocalDate();
  const at = (t: LocalTime) => today.atTime(t).atZone(zone).toInstant().toEpochMilli();
  const midnight = today.atStartOfDay(zone).toInstant().toEpochMilli();
  switch (spec.type) {
    case 'DURATION_WINDOW': {
      const window = durationMs(spec.window, DAY_MS, 'window');
      if (window <= 0) throw new ConditionError(`Invalid window '${spec.window}': must be positive`);
      // consecutive windows of `window` laid out from today's midnight + windowAdvance; the one holding now
      // (so `window: PT6H, windowAdvance: PT6H` gives 06-12, 12-18, 18-00, 00-06)
      const anchor = midnight + durationMs(spec.windowAdvance, 0, 'windowAdvance');
      const start = anchor + Math.floor((ctx.now - anchor) / window) * window;
      return { start, end: start + window };
    }
    case 'SLIDING_WINDOW': {
      // as Kestra: the window opens when it is created (first satisfied sub-condition) and lasts `window`
      const window = durationMs(spec.window, DAY_MS, 'window');
      if (window <= 0) throw new ConditionError(`Invalid window '${spec.window}': must be positive`);
      return { start: ctx.now, end: ctx.now + window };
    }
    case 'DAILY_TIME_WINDOW':
      return { start: at(timeOfDay(spec.startTime, 'startTime')), end: at(timeOfDay(spec.endTime, 'endTime')) };
    case 'DAILY_TIME_DEADLINE':
      return { start: midnight, end: at(timeOfDay(spec.deadline, 'deadline')) };
  }
}

export const windowHolds = (w: { start: number; end: number }, now: number) => w.start <= now && now < w.end;
