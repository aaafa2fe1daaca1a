// SQL functions the chart queries call, defined on the connection in JavaScript (bun:sqlite's
// db.function): SQLite has no regular expressions and no time zones of its own.
//   kl_regexp(pattern, value, kind)  Kestra's REGEX filter: jOOQ likeRegex, i.e. the database's
//                                    REGEXP_LIKE, which matches anywhere in the text (find, not a
//                                    whole-value match); NULL never matches.
//   kl_zone_shift(ms, zone)          epoch ms moved by the zone's offset at that instant, so that
//                                    strftime(..., 'unixepoch') prints the wall-clock time there.

import type { ZoneId } from '@js-joda/core';
import { LOG_LEVEL_ORDER } from '../logs/model.ts';
import type { Db } from '../shared/db.ts';
import { joda, zoneId } from '../shared/time/joda.ts';
import { instantText, ValueError } from './codec.ts';
import { translateJavaRegex } from './java-regex.ts';
import type { FieldKind } from './sources.ts';

const LEVELS = Object.keys(LOG_LEVEL_ORDER);
const regexes = new Map<string, RegExp>();

/**
 * A Java regular expression as a JavaScript one: leading inline flags (`(?i)`, `(?s)`, `(?m)`,
 * `(?is)`...) become flags, and the Java-only constructs are translated (java-regex.ts: POSIX
 * classes, `\Q...\E`, possessive quantifiers, atomic groups, `\A`/`\z`/`\Z`). Throws a ValueError
 * naming the pattern when it does not compile.
 */
export function javaRegex(pattern: string): RegExp {
  let re = regexes.get(pattern);
  if (re) return re;
  const inline = /^\(\?([ims]+)\)/.exec(pattern);
  const { source, unicode } = translateJavaRegex(pattern.slice(inline?.[0].length ?? 0));
  const flags = [...new Set(inline?.[1] ?? '')].join('') + (unicode ? 'u' : '');
  try {
    re = new RegExp(source, flags);
  } catch (err) {
    throw new ValueError(`\`${pattern}\` is not a valid regular expression: ${(err as Error).message}`);
  }
  if (regexes.size > 500) regexes.clear();
  regexes.set(pattern, re);
  return re;
}

/** the text a REGEX filter sees: what the chart would print for the value */
function textOf(value: unknown, kind: FieldKind): string {
  if (kind === 'date' && typeof value === 'number') return instantText(value);
  if (kind === 'level' && typeof value === 'number') return LEVELS[value] ?? String(value);
  return String(value);
}

const zones = new Map<string, ZoneId>();

function zoneShift(ms: number, zone: string): number {
  let z = zones.get(zone);
  if (!z) zones.set(zone, (z = zoneId(zone)));
  return ms + z.rules().offset(joda().Instant.ofEpochMilli(ms)).totalSeconds() * 1000;
}

export function defineSqlFunctions(db: Db): void {
  db.function('kl_regexp', (pattern: string, value: unknown, kind: FieldKind) => {
    if (value === null || value === undefined) return 0;
    return javaRegex(String(pattern)).test(textOf(value, kind)) ? 1 : 0;
  });
  db.function('kl_zone_shift', (ms: number | null, zone: string) => (ms === null ? null : zoneShift(ms, zone)));
}
