// ISO-8601 durations (PT1S, P1DT2H, PT0.5S), read as milliseconds and written as Java prints them.
//
// Three readers, because three grammars are in use and each caller's behaviour depends on its own:
//
//   reader           used for                                     signs             fractions         comma
//   parseDurationMs  values Kestra reads with Duration.parse:      whole and per     seconds only,     yes
//                    task properties, KV values, conditions,      unit (-PT-1H)     ≤ 9 digits
//                    retry checks in validation, fixtures
//   parseDuration    values the engine reads at run time: task    leading '-' only  any unit          no
//                    timeout, retry intervals, SLA, loops,                          (PT1.5H)
//                    trigger lateMaximumDelay, the timeRange filter
//   isIsoDuration    accept/reject of `format: duration` in flow   whole and per     any unit          yes
//                    validation                                   unit
//
// The engine reader must accept what validation lets through (fractional hours), which the Java
// reader rejects; folding them into one grammar changes what some flows do, so it is left for a
// change of its own. The table is pinned by test/shared/durations.test.ts.

const JAVA_DURATION = /^([-+]?)P(?:([-+]?\d+)D)?(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?$/i;

/** java.time.Duration.parse (PnDTnHnMn.nS) → milliseconds; undefined when Java would throw. */
export function parseDurationMs(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = JAVA_DURATION.exec(text.trim());
  if (!m) return undefined;
  const [, sign, d, h, min, s, frac] = m;
  if (d === undefined && h === undefined && min === undefined && s === undefined) return undefined;
  if (/T$/i.test(text.trim())) return undefined;
  const secFrac = frac ? Number(`0.${frac}`) * (s?.startsWith('-') ? -1 : 1) : 0;
  const total = Number(d ?? 0) * 86_400_000 + Number(h ?? 0) * 3_600_000 + Number(min ?? 0) * 60_000
    + (Number(s ?? 0) + secFrac) * 1000;
  return sign === '-' ? -total : total;
}

const ENGINE_DURATION = /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** The engine's lenient reader (PT1S, P1D, PT0.5S, PT1.5H) → milliseconds; undefined when not a duration. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = ENGINE_DURATION.exec(text.trim());
  if (!m || text.trim().toUpperCase() === 'P' || text.trim().toUpperCase().endsWith('T')) return undefined;
  const [, neg, d, h, min, s] = m;
  const ms = (Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3_600 + Number(min ?? 0) * 60 + Number(s ?? 0)) * 1000;
  return neg ? -ms : ms;
}

const VALIDATION_DURATION = /^[-+]?P(?:[-+]?\d+(?:[.,]\d+)?D)?(?:T(?:[-+]?\d+(?:[.,]\d+)?H)?(?:[-+]?\d+(?:[.,]\d+)?M)?(?:[-+]?\d+(?:[.,]\d{0,9})?S)?)?$/i;

/** Whether flow validation accepts the text as a `java.time.Duration` property. */
export const isIsoDuration = (value: string): boolean =>
  VALIDATION_DURATION.test(value) && !/^[-+]?PT?$/i.test(value) && !/T$/i.test(value);

/** java.time.Duration#toString: PT0.245S, PT1H2M, PT24H (days as hours), PT0S. */
export function isoDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms === 0) return 'PT0S';
  const negative = ms < 0;
  let rest = Math.abs(ms);
  const hours = Math.floor(rest / 3_600_000); rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000); rest -= minutes * 60_000;
  const seconds = rest / 1000;
  let out = 'PT';
  const sign = negative ? '-' : '';
  if (hours) out += `${sign}${hours}H`;
  if (minutes) out += `${sign}${minutes}M`;
  if (seconds) out += `${sign}${Number(seconds.toFixed(3))}S`;
  return out;
}
