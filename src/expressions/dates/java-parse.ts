// Parsing with a Java DateTimeFormatter pattern that holds English text (MMM, MMMM, EEE, a, G...):
// js-joda refuses text without @js-joda/locale, so such patterns (and RFC_1123_DATE_TIME, which
// js-joda lacks) are turned into a regular expression here. Fields resolve as Java's SMART
// resolver does: a day past the month's end is clamped, an hour without minutes means :00, a
// day-of-week must agree with the date. Returns the parsed pieces; dates.ts picks the shape
// (zoned, local date-time, date) the way Kestra's AbstractDate.convert falls back.
import type { LocalDate, LocalDateTime, ZoneId } from '@js-joda/core';
import { joda, zoneId } from '../../shared/time/joda.ts';
import { EvalError } from '../errors.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export interface ParsedDate { date?: LocalDate; time?: { h: number; m: number; s: number; n: number }; zone?: ZoneId }

type Field = { letter: string; count: number };
type Piece = { re: string; field?: Field };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** the same text at the three widths Java prints (short, full, narrow) */
const texts = (names: string[], count: number) => names.map((n) => (count === 4 ? n : count === 5 ? n[0]! : n.slice(0, 3)));
const alt = (names: string[]) => `(${[...names].sort((a, b) => b.length - a.length).map(escape).join('|')})`;
/** every letter DateTimeFormatter.ofPattern knows; others are "Unknown pattern letter" as in Java */
const JAVA_LETTERS = new Set('GuyDMLdQqYwWEecFahKkHmsSAnNVvzOXxZpBg');
const OFFSET = '(Z|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)';

function fieldRegex(letter: string, count: number): string {
  switch (letter) {
    case 'y': case 'u': return count === 2 ? '(\\d{2})' : `([+-]?\\d{${Math.max(count, 1)},9}?)`;
    case 'M': case 'L': return count >= 3 ? alt(texts(MONTHS, count)) : count === 2 ? '(\\d{2})' : '(\\d{1,2})';
    case 'E': return alt(texts(DAYS, Math.max(count, 3)));
    case 'a': return '(AM|PM)';
    case 'G': return count === 4 ? '(Anno Domini|Before Christ)' : count === 5 ? '(A|B)' : '(AD|BC)';
    case 'd': case 'H': case 'h': case 'K': case 'k': case 'm': case 's': return count === 2 ? '(\\d{2})' : '(\\d{1,2})';
    case 'D': return count === 3 ? '(\\d{3})' : '(\\d{1,3})';
    case 'S': return `(\\d{${count}})`;
    case 'n': return '(\\d{1,9})';
    case 'X': case 'x': case 'Z': return OFFSET;
    case 'O': return '(GMT(?:[+-]\\d{1,2}(?::\\d{2})?)?)';
    case 'V': case 'z': return '([A-Za-z][A-Za-z0-9_+\\-]*(?:/[A-Za-z0-9_+\\-]+)*|Z|[+-]\\d{2}:\\d{2})';
  }
  if (JAVA_LETTERS.has(letter)) throw new EvalError(`Parsing the pattern letter '${letter}' is not supported by kestra-lite`);
  throw new EvalError(`Unknown pattern letter: ${letter}`);
}

/** pattern → anchored regex with one group per field (optional sections become optional groups) */
function compile(pattern: string): { re: RegExp; fields: Field[] } {
  const fields: Field[] = [];
  let re = '';
  let depth = 0;
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) { re += "'"; i += 2; continue; }
      if (end < 0) throw new EvalError(`Pattern ends with an incomplete string literal: ${pattern}`);
      re += escape(pattern.slice(i + 1, end));
      i = end + 1;
    } else if (c === '[') { re += '(?:'; depth++; i++; }
    else if (c === ']') { if (depth > 0) { re += ')?'; depth--; } i++; }
    else if (/[A-Za-z]/.test(c)) {
      if (!JAVA_LETTERS.has(c)) throw new EvalError(`Unknown pattern letter: ${c}`);
      let j = i;
      while (pattern[j] === c) j++;
      re += fieldRegex(c, j - i);
      fields.push({ letter: c, count: j - i });
      i = j;
    } else { re += escape(c); i++; }
  }
  re += ')?'.repeat(depth);
  return { re: new RegExp(`^${re}$`), fields };
}

function offsetZone(text: string): ZoneId {
  if (text === 'Z' || text === 'GMT') return joda().ZoneOffset.UTC;
  const m = /^(?:GMT)?([+-])(\d{1,2}):?(\d{2})?:?(\d{2})?$/.exec(text);
  if (!m) throw new EvalError(`Invalid offset: ${text}`);
  const sign = m[1] === '-' ? -1 : 1;
  return joda().ZoneOffset.ofTotalSeconds(sign * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)));
}

function resolve(values: Map<string, string>, counts: Map<string, number>, value: string): ParsedDate {
  const J = joda();
  const num = (l: string) => (values.has(l) ? Number(values.get(l)) : undefined);
  const textIndex = (l: string, names: string[]) => texts(names, counts.get(l)!).indexOf(values.get(l)!);
  const out: ParsedDate = {};
  // date: year (u, or y with era), month (number or text), day of month or of year
  let year = num('u');
  if (year === undefined && values.has('y')) {
    const yoe = counts.get('y') === 2 ? 2000 + num('y')! : num('y')!;
    const era = values.get('G');
    year = era && /^B/.test(era) ? 1 - yoe : yoe;
  }
  const monthField = values.has('M') ? 'M' : values.has('L') ? 'L' : undefined;
  const month = monthField === undefined ? undefined : counts.get(monthField)! >= 3 ? textIndex(monthField, MONTHS) + 1 : num(monthField);
  try {
    if (year !== undefined && month !== undefined && values.has('d')) {
      const first = J.LocalDate.of(year, month, 1);
      out.date = first.withDayOfMonth(Math.min(num('d')!, first.lengthOfMonth()));
    } else if (year !== undefined && values.has('D')) {
      out.date = J.LocalDate.ofYearDay(year, num('D')!);
    }
  } catch (e) {
    throw new EvalError(`Text '${value}' could not be parsed: ${(e as Error).message}`);
  }
  if (out.date && values.has('E')) {
    const dow = textIndex('E', DAYS) + 1;
    if (dow !== out.date.dayOfWeek().value()) {
      throw new EvalError(`Text '${value}' could not be parsed: Conflict found: Field DayOfWeek ${out.date.dayOfWeek().value()} differs from DayOfWeek ${dow} derived from ${out.date}`);
    }
  }
  // time: an hour of day, or an hour of am/pm with its marker
  let hour = num('H') ?? (values.has('k') ? num('k')! % 24 : undefined);
  const ampm = values.get('a');
  if (hour === undefined && ampm !== undefined && (values.has('h') || values.has('K'))) {
    hour = (values.has('h') ? num('h')! % 12 : num('K')!) + (ampm === 'PM' ? 12 : 0);
  }
  if (hour !== undefined) {
    const nano = values.has('S') ? Number(values.get('S')!.padEnd(9, '0')) : num('n') ?? 0;
    out.time = { h: hour, m: num('m') ?? 0, s: num('s') ?? 0, n: nano };
  }
  const offset = values.get('X') ?? values.get('x') ?? values.get('Z') ?? values.get('O');
  const region = values.get('V') ?? values.get('z');
  try {
    if (region !== undefined) out.zone = region === 'UTC' || region === 'GMT' ? J.ZoneOffset.UTC : zoneId(region);
    else if (offset !== undefined) out.zone = offsetZone(offset);
  } catch {
    throw new EvalError(`Text '${value}' could not be parsed, unparsed text found at the zone`);
  }
  return out;
}

const cache = new Map<string, { re: RegExp; fields: Field[] }>();

/** Parses `value` with a Java pattern; throws Kestra-like errors when the text does not match. */
export function parseJavaPattern(value: string, pattern: string): ParsedDate {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = compile(pattern);
    if (cache.size > 200) cache.clear();
    cache.set(pattern, compiled);
  }
  const m = compiled.re.exec(value);
  if (!m) throw new EvalError(`Text '${value}' could not be parsed at index 0`);
  const values = new Map<string, string>();
  const counts = new Map<string, number>();
  compiled.fields.forEach((f, i) => {
    if (m[i + 1] === undefined) return;
    values.set(f.letter, m[i + 1]!);
    counts.set(f.letter, f.count);
  });
  return resolve(values, counts, value);
}

/** Java's RFC_1123_DATE_TIME: `[EEE, ]d MMM yyyy HH:mm[:ss] GMT|+HHMM` */
export const RFC_1123_PATTERN = "[EEE, ]d MMM yyyy HH:mm[:ss] X";

/** does the pattern need our parser (text fields that js-joda cannot parse without its locale plugin)? */
export function hasTextFields(pattern: string): boolean {
  const bare = pattern.replace(/'[^']*'/g, '');
  return /M{3,}|L{3,}|E|a|G|z|O|c{3,}|e{3,}/.test(bare);
}

export type { LocalDateTime };
