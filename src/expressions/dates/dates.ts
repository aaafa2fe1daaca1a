// Date conversion and formatting shared by the date filters and now(): inputs are ISO strings,
// epoch seconds or Dates; output goes through Java-compatible patterns in the target zone.
import type { ChronoUnit, DateTimeFormatter, Instant, LocalDate, LocalDateTime, ZoneId, ZoneOffset, ZonedDateTime } from '@js-joda/core';
import { joda, zoneId } from '../../shared/time/joda.ts';
import { EvalError } from '../errors.ts';
import { formatJavaPattern, formatOffset } from './java-format.ts';
import { localizedStyle, type Style } from './localized-style.ts';
import { ENGLISH, ISO_WEEK, namesFor, type DateNames } from './locale-names.ts';
import { hasTextFields, parseJavaPattern, RFC_1123_PATTERN } from './java-parse.ts';
import type { ExpressionHooks } from '../runtime.ts';
import { isNumber, num } from '../values.ts';

const NAMED_PATTERNS: Record<string, string> = {
  iso: "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX",
  iso_sec: "yyyy-MM-dd'T'HH:mm:ssXXX",
  sql: 'yyyy-MM-dd HH:mm:ss.SSSSSS',
  sql_seq: 'yyyy-MM-dd HH:mm:ss',
};

// Locale.US localized styles as printed by Java 21 (CLDR: narrow no-break space before AM/PM)
const STYLES: Record<string, string> = {
  full: "EEEE, MMMM d, y 'at' h:mm:ss\u202fa zzzz",
  long: "MMMM d, y 'at' h:mm:ss\u202fa z",
  medium: 'MMM d, y, h:mm:ss\u202fa',
  short: 'M/d/yy, h:mm\u202fa',
};

export function zoneOf(name: unknown, hooks: ExpressionHooks): ZoneId {
  const id = name === undefined || name === null ? hooks.timezone ?? 'UTC' : String(name);
  try {
    return zoneId(id);
  } catch {
    throw new EvalError(`Unknown time-zone ID: ${id}`);
  }
}

export function clock(hooks: ExpressionHooks): ZonedDateTime {
  // the injected clock is the only time source; the fallback is the real clock for callers
  // that did not inject one
  const d = hooks.now ? hooks.now() : new Date();
  return joda().ZonedDateTime.ofInstant(joda().Instant.ofEpochMilli(d.getTime()), joda().ZoneOffset.UTC);
}

/** Parses any supported input into a ZonedDateTime (not yet moved to the output zone). */
export function toZoned(value: unknown, zone: ZoneId, existingFormat: unknown): ZonedDateTime {
  if (value instanceof Date) return joda().ZonedDateTime.ofInstant(joda().Instant.ofEpochMilli(value.getTime()), zone);
  if (value instanceof joda().ZonedDateTime) return value;
  if (isNumber(value)) {
    const n = num(value);
    const secs = Math.floor(n);
    return joda().ZonedDateTime.ofInstant(joda().Instant.ofEpochSecond(secs, Math.round((n - secs) * 1e9)), zone);
  }
  if (typeof value !== 'string') throw new EvalError(`Unable to parse date '${String(value)}'`);
  const textPattern = existingFormat === undefined || existingFormat === null ? undefined : textParsePattern(String(existingFormat));
  if (textPattern !== undefined) return fromParsed(value, textPattern, zone);
  const fmt = existingFormat === undefined || existingFormat === null ? null : parser(String(existingFormat));
  try {
    return fmt ? joda().ZonedDateTime.parse(value, fmt) : joda().ZonedDateTime.parse(value);
  } catch { /* try the next shape */ }
  try {
    return (fmt ? joda().LocalDateTime.parse(value, fmt) : joda().LocalDateTime.parse(value)).atZone(zone);
  } catch { /* try the next shape */ }
  try {
    return (fmt ? joda().LocalDate.parse(value, fmt) : joda().LocalDate.parse(value)).atStartOfDay(zone);
  } catch { /* fall through */ }
  throw new EvalError(`Text '${value}' could not be parsed`);
}

/** a pattern js-joda cannot parse (English text, RFC 1123): ours, else undefined */
function textParsePattern(format: string): string | undefined {
  if (format === 'rfc_1123_date_time') return RFC_1123_PATTERN;
  const pattern = NAMED_PATTERNS[format] ?? STYLES[format] ?? format;
  return NAMED_PATTERNS[format] === undefined && !format.startsWith('iso_') && hasTextFields(pattern) ? pattern : undefined;
}

/** Kestra's fallback order: a zoned date-time, else a local date-time in `zone`, else a date at start of day */
function fromParsed(value: string, pattern: string, zone: ZoneId): ZonedDateTime {
  const J = joda();
  // RFC 1123 writes a zero offset as GMT
  const text = pattern === RFC_1123_PATTERN ? value.replace(/ GMT$/, ' Z') : value;
  const p = parseJavaPattern(text, pattern);
  if (!p.date) throw new EvalError(`Text '${value}' could not be parsed: Unable to obtain LocalDate from TemporalAccessor`);
  if (!p.time) return p.date.atStartOfDay(zone);
  const local = J.LocalDateTime.of(p.date, J.LocalTime.of(p.time.h, p.time.m, p.time.s, p.time.n));
  return p.zone ? J.ZonedDateTime.ofLocal(local, p.zone, null) : local.atZone(zone);
}

function parser(format: string): DateTimeFormatter {
  const named = NAMED_PATTERNS[format];
  if (named) return joda().DateTimeFormatter.ofPattern(named);
  const iso = (joda().DateTimeFormatter as unknown as Record<string, DateTimeFormatter>)[format.toUpperCase()];
  if (format.startsWith('iso_') && iso) return iso;
  try {
    return joda().DateTimeFormatter.ofPattern(format);
  } catch (e) {
    throw new EvalError((e as Error).message);
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Java's appendFraction(NANO_OF_SECOND, 0, 9, true): minimal digits, nothing when zero. */
function isoFraction(nano: number): string {
  return nano === 0 ? '' : '.' + pad(nano, 9).replace(/0+$/, '');
}

function isoDate(z: ZonedDateTime): string {
  const y = z.year();
  const ys = y > 9999 ? '+' + y : y < 0 ? '-' + pad(-y, 4) : pad(y, 4);
  return `${ys}-${pad(z.monthValue(), 2)}-${pad(z.dayOfMonth(), 2)}`;
}

function isoTime(z: ZonedDateTime): string {
  return `${pad(z.hour(), 2)}:${pad(z.minute(), 2)}:${pad(z.second(), 2)}${isoFraction(z.nano())}`;
}

const isoOffset = (z: ZonedDateTime) => formatOffset(z.offset().totalSeconds(), true, 'always', true, 'Z');

function isoZoned(z: ZonedDateTime): string {
  const id = z.zone().id();
  const region = !(z.zone() instanceof joda().ZoneOffset);
  return `${isoDate(z)}T${isoTime(z)}${isoOffset(z)}${region ? `[${id}]` : ''}`;
}

function isoInstant(z: ZonedDateTime): string {
  const u = z.withZoneSameInstant(joda().ZoneOffset.UTC);
  const nano = u.nano();
  const frac = nano === 0 ? '' : nano % 1e6 === 0 ? '.' + pad(nano / 1e6, 3) : nano % 1e3 === 0 ? '.' + pad(nano / 1e3, 6) : '.' + pad(nano, 9);
  return `${isoDate(u)}T${pad(u.hour(), 2)}:${pad(u.minute(), 2)}:${pad(u.second(), 2)}${frac}Z`;
}

/** ISO weeks whatever the locale (DateTimeFormatter.ISO_WEEK_DATE uses IsoFields) */
const ISO_NAMES: DateNames = { ...ENGLISH, week: ISO_WEEK };

const ISO_PRINTERS: Record<string, (z: ZonedDateTime) => string> = {
  iso_date_time: isoZoned,
  iso_zoned_date_time: isoZoned,
  iso_date: (z) => isoDate(z) + isoOffset(z),
  iso_time: (z) => isoTime(z) + isoOffset(z),
  iso_local_date: isoDate,
  iso_local_time: isoTime,
  iso_local_date_time: (z) => `${isoDate(z)}T${isoTime(z)}`,
  iso_offset_time: (z) => isoTime(z) + isoOffset(z),
  iso_offset_date_time: (z) => `${isoDate(z)}T${isoTime(z)}${isoOffset(z)}`,
  iso_instant: isoInstant,
  iso_ordinal_date: (z) => `${pad(z.year(), 4)}-${pad(z.dayOfYear(), 3)}${isoOffset(z)}`,
  iso_week_date: (z) => formatJavaPattern(z, "YYYY-'W'ww-", ISO_NAMES) + z.dayOfWeek().value() + isoOffset(z),
  rfc_1123_date_time: (z) => {
    const off = z.offset().totalSeconds();
    return formatJavaPattern(z, 'EEE, d MMM yyyy HH:mm:ss ') + (off === 0 ? 'GMT' : formatOffset(off, false, 'always', false, ''));
  },
};

/**
 * Formats in `zone` with a named format, a localized style or a Java pattern. `locale` (Kestra's
 * argument, Java locale text such as `fr` or `de_CH`) changes the text and the week rules; the
 * ISO and RFC 1123 formatters are locale-independent, as in Java. Absent = English (Locale.US).
 */
export function formatDate(z: ZonedDateTime, format: unknown, zone: ZoneId, locale?: unknown): string {
  const f = format === undefined || format === null ? 'iso' : String(format);
  const local = z.withZoneSameInstant(zone);
  const printer = ISO_PRINTERS[f];
  if (printer) return printer(local);
  if (locale === undefined || locale === null) return formatJavaPattern(local, NAMED_PATTERNS[f] ?? STYLES[f] ?? f);
  const names = namesFor(locale);
  if (STYLES[f] && names.tag !== undefined) return localizedStyle(local, f as Style, names.tag);
  return formatJavaPattern(local, NAMED_PATTERNS[f] ?? STYLES[f] ?? f, names);
}

export function chronoUnit(name: unknown): ChronoUnit {
  const u = (joda().ChronoUnit as unknown as Record<string, ChronoUnit>)[String(name).toUpperCase()];
  if (!(u instanceof joda().ChronoUnit)) throw new EvalError(`No enum constant java.time.temporal.ChronoUnit.${String(name)}`);
  return u;
}

export { ZonedDateTime };
