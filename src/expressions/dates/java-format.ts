// A Java DateTimeFormatter pattern printer over js-joda ZonedDateTime. js-joda can print
// numeric patterns but needs @js-joda/locale for text (MMM, EEEE, a); we print English
// (Locale.US, Kestra's default) text ourselves so that all common patterns work.
import type { ChronoField, IsoFields, ZonedDateTime } from '@js-joda/core';
import { joda } from '../../shared/time/joda.ts';
import { EvalError } from '../errors.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const QUARTERS = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'];

const pad = (n: number, w: number) => {
  const s = String(Math.abs(n)).padStart(w, '0');
  return n < 0 ? '-' + s : s;
};

/** Text by width: 1-3 short, 4 full, 5 narrow (Java's TextStyle). */
const text = (full: string, count: number) => (count === 4 ? full : count === 5 ? full[0]! : full.slice(0, 3));

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

/** Java's `z`/`zzzz` for Locale.US: the CLDR long name (Central European Standard Time), and as
 * short name the US abbreviation (EST) or, where CLDR only has GMT+1, the long name's initials
 * (CET, CEST, BST; "Standard" dropped for European zones as the TZDB abbreviations do). */
function zoneName(zdt: ZonedDateTime, full: boolean): string {
  const id = zdt.zone().id();
  if (id === 'Z' || id === 'UTC' || id === 'Etc/UTC') return full ? 'Coordinated Universal Time' : 'UTC';
  if (!id.includes('/')) return id; // a fixed offset prints as itself
  const name = (style: 'long' | 'short') => {
    let f = zoneNames.get(id + style);
    if (!f) {
      try { f = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: style }); } catch { return id; }
      zoneNames.set(id + style, f);
    }
    return f.formatToParts(new Date(zdt.toInstant().toEpochMilli())).find((p) => p.type === 'timeZoneName')?.value ?? id;
  };
  if (full) return name('long');
  const short = name('short');
  if (!/^GMT[+-]/.test(short)) return short;
  const long = name('long');
  const words = long.split(' ').filter((w) => !(w === 'Standard' && /European/.test(long)));
  return words.map((w) => w[0]).join('').toUpperCase();
}

function field(zdt: ZonedDateTime, letter: string, count: number): string {
  const offset = zdt.offset().totalSeconds();
  switch (letter) {
    case 'G': {
      const ad = zdt.year() > 0;
      return count === 4 ? (ad ? 'Anno Domini' : 'Before Christ') : count === 5 ? (ad ? 'A' : 'B') : ad ? 'AD' : 'BC';
    }
    case 'u': case 'y': case 'Y': {
      // y is the year of era: 1 BC is year 0, printed as 1
      const y = letter === 'Y' ? zdt.get(joda().IsoFields.WEEK_BASED_YEAR) : letter === 'y' && zdt.year() <= 0 ? 1 - zdt.year() : zdt.year();
      return count === 2 ? pad(((y % 100) + 100) % 100, 2) : pad(y, count);
    }
    case 'Q': case 'q': {
      const q = Math.floor((zdt.monthValue() - 1) / 3) + 1;
      return count <= 2 ? pad(q, count) : count === 3 ? 'Q' + q : QUARTERS[q - 1]!;
    }
    case 'M': case 'L':
      return count <= 2 ? pad(zdt.monthValue(), count) : text(MONTHS[zdt.monthValue() - 1]!, count);
    case 'd': return pad(zdt.dayOfMonth(), count);
    case 'D': return pad(zdt.dayOfYear(), count);
    case 'E': return text(DAYS[zdt.dayOfWeek().value() - 1]!, Math.max(count, 3));
    case 'e': case 'c':
      // Locale.US weeks start on Sunday
      return count <= 2 ? pad((zdt.dayOfWeek().value() % 7) + 1, count) : text(DAYS[zdt.dayOfWeek().value() - 1]!, count);
    case 'w': return pad(zdt.get(joda().IsoFields.WEEK_OF_WEEK_BASED_YEAR), count);
    case 'a': return zdt.hour() < 12 ? 'AM' : 'PM';
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
    case 'z': return zoneName(zdt, count >= 4);
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
export function formatJavaPattern(zdt: ZonedDateTime, pattern: string): string {
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
      out += field(zdt, c, j - i);
      i = j;
      continue;
    }
    if (c === '{' || c === '}' || c === '#') throw new EvalError(`Pattern includes reserved character: '${c}'`);
    out += c;
    i++;
  }
  return out;
}
