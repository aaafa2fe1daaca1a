// Java's DateTimeFormatter.ofLocalizedDateTime(FULL|LONG|MEDIUM|SHORT) for a `locale` argument:
// the runtime's Intl prints the same CLDR date-time patterns (dateStyle/timeStyle), with ASCII
// digits as Java's DecimalStyle.STANDARD does.
import type { ZonedDateTime } from '@js-joda/core';
import { EvalError } from '../errors.ts';

export type Style = 'full' | 'long' | 'medium' | 'short';

const formats = new Map<string, Intl.DateTimeFormat>();

function intlZone(id: string): string {
  return id === 'Z' ? 'UTC' : id;
}

export function localizedStyle(z: ZonedDateTime, style: Style, tag: string): string {
  const timeZone = intlZone(z.zone().id());
  const key = `${tag} ${style} ${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(tag, { dateStyle: style, timeStyle: style, timeZone, numberingSystem: 'latn' });
    } catch {
      throw new EvalError(`Unable to print the '${style}' style in the time zone ${timeZone}`);
    }
    if (formats.size > 200) formats.clear();
    formats.set(key, f);
  }
  // Java 21's CLDR puts a narrow no-break space before AM/PM; JavaScriptCore prints a plain one
  return f.formatToParts(z.toInstant().toEpochMilli()).map((p, i, all) => (p.type === 'literal' && p.value === ' ' && all[i + 1]?.type === 'dayPeriod' ? '\u202f' : p.value)).join('');
}
