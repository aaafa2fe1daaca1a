// A Java DateTimeFormatter pattern printer over js-joda ZonedDateTime. js-joda can print
// numeric patterns but needs @js-joda/locale for text (MMM, EEEE, a); we print the text of a
// DateNames table ourselves: English (Locale.US, Kestra's default) or a `locale` argument's.
import type { ChronoField, ZonedDateTime } from '@js-joda/core';
import { joda } from '../../shared/time/joda.ts';
import { EvalError } from '../errors.ts';
import { ENGLISH, type DateNames, type TextSet } from './locale-names.ts';
import { localDayOfWeek, weekBasedYear, weekOfMonth, weekOfWeekBasedYear } from './week-fields.ts';

const pad = (n: number, w: number) => {
  const s = String(Math.abs(n)).padStart(w, '0');
  return n < 0 ? '-' + s : s;
};

/** Text by width: 1-3 short, 4 full, 5 narrow (Java's TextStyle). */
const text = (set: TextSet, i: number, count: number) => (count === 4 ? set.full : count === 5 ? set.narrow : set.short)[i]!;

/** `+02:00`-style offsets; `zeroText` is what a zero offset prints as (Z, +00, GMT...). */
export function formatOffset(totalSeconds: number, withColon: boolean, minutes: 'always' | 'nonzero', seconds: boolean, zeroText: string): string {
  if (totalSeconds === 0 && zeroText) return zeroText;
  const sign = totalSeconds < 0 ? '-' : '+';
  const abs = Math.abs(totalSeconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  const sep = withColon ? ':' : '';
  let out = sign + pad(h, 2);
  if (minutes === 'always' || m !== 0 || (seconds && s !== 0)) out += sep + pad(m, 2);
  if (seconds && s !== 0) out += sep + pad(s, 2);
  return out;
}

const zoneNames = new Map<string, Intl.DateTimeFormat>();

/** One part of Intl's text for the instant in the date's zone (`v`, `B`): formatters cached per locale and options. */
function intlPart(zdt: ZonedDateTime, tag: string | undefined, options: Intl.DateTimeFormatOptions, type: Intl.DateTimeFormatPartTypes): string {
  const id = zdt.zone().id();
  const zone = id === 'Z' ? 'UTC' : id;
  const key = `${tag ?? 'en-US'} ${zone} ${JSON.stringify(options)}`;
  let f = zoneNames.get(key);
  if (!f) {
    try { f = new Intl.DateTimeFormat(tag ?? 'en-US', { timeZone: zone, ...options }); } catch { return id; }
    if (zoneNames.size > 500) zoneNames.clear();
    zoneNames.set(key, f);
  }
  return f.formatToParts(new Date(zdt.toInstant().toEpochMilli())).find((p) => p.type === type)?.value ?? id;
}

/** Java's `z`/`zzzz` for Locale.US: the CLDR long name (Central European Standard Time), and as
 * short name the US abbreviation (EST) or, where CLDR only has GMT+1, the long name's initials
 * (CET, CEST, BST; "Standard" dropped for European zones as the TZDB abbreviations do). */
function zoneName(zdt: ZonedDateTime, full: boolean, tag: string | undefined): string {
  const id = zdt.zone().id();
  const utc = id === 'Z' || id === 'UTC' || id === 'Etc/UTC';
  if (utc && (!full || tag === undefined)) return full ? 'Coordinated Universal Time' : 'UTC';
  if (!utc && !id.includes('/')) return id; // a fixed offset prints as itself
  const name = (style: 'long' | 'short', locale = 'en-US') => {
    const key = `${locale} ${id} ${style}`;
    let f = zoneNames.get(key);
    if (!f) {
      try { f = new Intl.DateTimeFormat(locale, { timeZone: utc ? 'UTC' : id, timeZoneName: style }); } catch { return id; }
      if (zoneNames.size > 500) zoneNames.clear();
      zoneNames.set(key, f);
    }
    return f.formatToParts(new Date(zdt.toInstant().toEpochMilli())).find((p) => p.type === 'timeZoneName')?.value ?? id;
  };
  // long names are CLDR's in every locale; short ones too where the locale has one (de: MEZ),
  // else the English abbreviations (CET, EDT), never an offset (GMT+1, UTC+1)
  if (full) return name('long', tag);
  const offsetLike = (n: string) => /[+\-\u2212]\d/.test(n);
  if (tag !== undefined) {
    const local = name('short', tag);
    if (!offsetLike(local)) return local;
  }
  const short = name('short');
  if (!offsetLike(short)) return short;
  const long = name('long');
  const words = long.split(' ').filter((w) => !(w === 'Standard' && /European/.test(long)));
  return words.map((w) => w[0]).join('').toUpperCase();
}

function field(zdt: ZonedDateTime, letter: string, count: number, names: DateNames): string {
  const offset = zdt.offset().totalSeconds();
  switch (letter) {
    case 'G': {
      const eras = count === 4 ? names.eras.full : count === 5 ? names.eras.narrow : names.eras.short;
      return eras[zdt.year() > 0 ? 1 : 0];
    }
    case 'u': case 'y': case 'Y': {
      // y is the year of era: 1 BC is year 0, printed as 1
      const y = letter === 'Y' ? weekBasedYear(zdt, names.week) : letter === 'y' && zdt.year() <= 0 ? 1 - zdt.year() : zdt.year();
      return count === 2 ? pad(((y % 100) + 100) % 100, 2) : pad(y, count);
    }
    case 'Q': case 'q': {
      const q = Math.floor((zdt.monthValue() - 1) / 3) + 1;
      return count <= 2 ? pad(q, count) : count === 3 ? names.quarters.short[q - 1]! : count === 4 ? names.quarters.full[q - 1]! : String(q);
    }
    case 'M': return count <= 2 ? pad(zdt.monthValue(), count) : text(names.months, zdt.monthValue() - 1, count);
    case 'L': return count <= 2 ? pad(zdt.monthValue(), count) : text(names.monthsStandalone, zdt.monthValue() - 1, count);
    case 'd': return pad(zdt.dayOfMonth(), count);
    case 'D': return pad(zdt.dayOfYear(), count);
    case 'E': return text(names.days, zdt.dayOfWeek().value() - 1, Math.max(count, 3));
    // numbers count from the locale's first day of the week (Locale.US: Sunday = 1)
    case 'e': return count <= 2 ? pad(localDayOfWeek(zdt, names.week), count) : text(names.days, zdt.dayOfWeek().value() - 1, count);
    case 'c': return count <= 2 ? pad(localDayOfWeek(zdt, names.week), count) : text(names.daysStandalone, zdt.dayOfWeek().value() - 1, count);
    case 'w': return pad(weekOfWeekBasedYear(zdt, names.week), count);
    case 'W': return pad(weekOfMonth(zdt, names.week), count);
    case 'a': return names.ampm[zdt.hour() < 12 ? 0 : 1];
    case 'H': return pad(zdt.hour(), count);
    case 'k': return pad(zdt.hour() === 0 ? 24 : zdt.hour(), count);
    case 'K': return pad(zdt.hour() % 12, count);
    case 'h': return pad(zdt.hour() % 12 === 0 ? 12 : zdt.hour() % 12, count);
    case 'm': return pad(zdt.minute(), count);
    case 's': return pad(zdt.second(), count);
    case 'S': return String(zdt.nano()).padStart(9, '0').slice(0, count).padEnd(count, '0');
    case 'n': return pad(zdt.nano(), count);
    case 'A': return pad(zdt.get(joda().ChronoField.MILLI_OF_DAY), count);
    case 'N': return pad(zdt.toLocalTime().toNanoOfDay(), count);
    case 'V': return zdt.zone().id();
    case 'z': return zoneName(zdt, count >= 4, names.tag);
    case 'v':
      if (count !== 1 && count !== 4) throw new EvalError(`Wrong number of pattern letters: ${letter.repeat(count)}`);
      // UTC and fixed offsets have no generic name: they print as `z` does
      if (!zdt.zone().id().includes('/') || zdt.zone().id() === 'Etc/UTC') return zoneName(zdt, count === 4, names.tag);
      return intlPart(zdt, names.tag, { timeZoneName: count === 4 ? 'longGeneric' : 'shortGeneric' }, 'timeZoneName');
    case 'B': {
      if (count !== 1 && count !== 4 && count !== 5) throw new EvalError(`Wrong number of pattern letters: ${letter.repeat(count)}`);
      const dayPeriod = count === 4 ? 'long' : count === 5 ? 'narrow' : 'short';
      return intlPart(zdt, names.tag, { hour: 'numeric', hourCycle: 'h12', dayPeriod }, 'dayPeriod');
    }
    case 'O': return offset === 0 ? 'GMT' : 'GMT' + (count === 4 ? formatOffset(offset, true, 'always', true, '') : formatOffset(offset, true, 'nonzero', false, '').replace(/^([+-])0/, '$1'));
    case 'X': case 'x': {
      const zero = letter === 'X' ? 'Z' : '';
      if (count === 1) return formatOffset(offset, false, 'nonzero', false, zero || '+00');
      if (count === 2) return formatOffset(offset, false, 'always', false, zero || '+0000');
      if (count === 3) return formatOffset(offset, true, 'always', false, zero || '+00:00');
      if (count === 4) return formatOffset(offset, false, 'always', true, zero || '+0000');
      return formatOffset(offset, true, 'always', true, zero || '+00:00');
    }
    case 'Z':
      if (count <= 3) return formatOffset(offset, false, 'always', false, '+0000');
      if (count === 4) return offset === 0 ? 'GMT' : 'GMT' + formatOffset(offset, true, 'always', true, '');
      return formatOffset(offset, true, 'always', true, 'Z');
  }
  throw new EvalError(`Unknown pattern letter: ${letter}`);
}

/** Formats with a Java DateTimeFormatter pattern (letters, 'quoted text', [optional]). */
export function formatJavaPattern(zdt: ZonedDateTime, pattern: string, names: DateNames = ENGLISH): string {
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) { out += "'"; i += 2; continue; }
      if (end < 0) throw new EvalError(`Pattern ends with an incomplete string literal: ${pattern}`);
      out += pattern.slice(i + 1, end).replace(/''/g, "'");
      i = end + 1;
      continue;
    }
    if (c === '[' || c === ']') { i++; continue; }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out += field(zdt, c, j - i, names);
      i = j;
      continue;
    }
    if (c === '{' || c === '}' || c === '#') throw new EvalError(`Pattern includes reserved character: '${c}'`);
    out += c;
    i++;
  }
  return out;
}
