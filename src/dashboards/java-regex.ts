// Java regular-expression syntax (java.util.regex.Pattern, what jOOQ's likeRegex hands the
// database in Kestra) translated to JavaScript's, for the constructs JavaScript lacks or reads
// differently. One pass over the pattern, aware of character classes:
// - `\p{Lower}`, `\p{Upper}`, `\p{ASCII}`, `\p{Alpha}`, `\p{Digit}`, `\p{Alnum}`, `\p{Punct}`,
//   `\p{Graph}`, `\p{Print}`, `\p{Blank}`, `\p{Cntrl}`, `\p{XDigit}`, `\p{Space}` (Java's POSIX
//   classes, US-ASCII only as in Java by default) and their `\P{...}` negations, inside and
//   outside brackets (a negation inside brackets becomes the complement's ranges);
// - `\Q...\E` quotes a literal (to the end of the pattern when `\E` is missing, as in Java);
// - possessive quantifiers (`*+`, `++`, `?+`, `{n,m}+`) become greedy ones and atomic groups
//   `(?>...)` non-capturing ones: JavaScript has neither. Both only forbid backtracking, so a
//   match Java finds is still found; a pattern relying on the missing backtrack (`a++a`, which
//   never matches in Java) may match here;
// - `\A`, `\z` and `\Z` anchor at the input's start / end / end before a final line break,
//   whatever `(?m)` says, as in Java;
// - other Unicode properties (`\p{L}`, `\pL`, `\p{Lu}`, `\p{Script=Greek}`) switch on the `u` flag.
// Not translated: class unions and intersections (`[a-z&&[^aeiou]]`), `\h`, `\R`, `\X`, inline
// flags other than leading ones.

type Range = readonly [number, number];

const POSIX: Record<string, Range[]> = {
  Lower: [[0x61, 0x7a]],
  Upper: [[0x41, 0x5a]],
  ASCII: [[0x00, 0x7f]],
  Alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  Digit: [[0x30, 0x39]],
  Alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  Punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  Graph: [[0x21, 0x7e]],
  Print: [[0x20, 0x7e]],
  Blank: [[0x09, 0x09], [0x20, 0x20]],
  Cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  XDigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
  Space: [[0x09, 0x0d], [0x20, 0x20]],
};

const hex = (c: number, unicode: boolean) => (c <= 0xffff ? `\\u${c.toString(16).padStart(4, '0')}` : unicode ? `\\u{${c.toString(16)}}` : '\\uffff');
const rangesText = (ranges: Range[], unicode: boolean) =>
  ranges.map(([lo, hi]) => (lo === hi ? hex(lo, unicode) : `${hex(lo, unicode)}-${hex(hi, unicode)}`)).join('');

function complement(ranges: Range[], unicode: boolean): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  const max = unicode ? 0x10ffff : 0xffff;
  if (next <= max) out.push([next, max]);
  return out;
}

const SYNTAX = new Set('^$\\.*+?()[]{}|/');
const CLASS_SYNTAX = new Set('\\]^-[');
/** `\Q...\E` text as literal characters, outside or inside brackets */
const quote = (text: string, inClass: boolean) =>
  [...text].map((ch) => ((inClass ? CLASS_SYNTAX : SYNTAX).has(ch) ? `\\${ch}` : ch)).join('');

/** Any `\p`/`\P` that is no POSIX class needs the `u` flag (Unicode properties). */
function needsUnicode(pattern: string): boolean {
  for (const m of pattern.matchAll(/\\+[pP](\{[^}]*\}|.)/g)) {
    if ((m[0].length - m[1]!.length - 1) % 2 === 0) continue; // an escaped backslash, then a letter p
    if (!Object.hasOwn(POSIX, m[1]!.slice(1, -1))) return true;
  }
  return false;
}

export interface TranslatedRegex { source: string; unicode: boolean }

/** Translates a Java pattern body (leading inline flags already removed) to a JavaScript source. */
export function translateJavaRegex(pattern: string): TranslatedRegex {
  const unicode = needsUnicode(pattern);
  let out = '';
  let inClass = false;
  /** the previous token was a quantifier: a `+` now makes it possessive */
  let quantified = false;
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        out += quote(pattern.slice(i + 2, end < 0 ? undefined : end), inClass);
        i = end < 0 ? pattern.length : end + 2;
        quantified = false;
        continue;
      }
      if (next === 'p' || next === 'P') {
        const name = pattern[i + 2] === '{' ? /^\{([^}]*)\}/.exec(pattern.slice(i + 2))?.[1] : pattern[i + 2];
        const width = pattern[i + 2] === '{' ? (name === undefined ? 0 : name.length + 2) : 1;
        const posix = name !== undefined ? POSIX[name] : undefined;
        if (posix && Object.hasOwn(POSIX, name!)) {
          const ranges = next === 'p' ? posix : complement(posix, unicode);
          out += inClass ? rangesText(ranges, unicode) : `[${rangesText(ranges, unicode)}]`;
        } else if (name !== undefined) {
          out += `\\${next}{${name}}`; // a Unicode property: `\pL` is spelled `\p{L}` in JavaScript
        } else {
          out += `\\${next}`;
        }
        i += 2 + width;
        quantified = false;
        continue;
      }
      if (!inClass && next === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && next === 'z') out += '(?![\\s\\S])';
      else if (!inClass && next === 'Z') out += '(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))';
      else out += ch + (next ?? '');
      i += 2;
      quantified = false;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      i++;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      if (pattern[i + 1] === '^') { out += '^'; i++; }
      i++;
      quantified = false;
      continue;
    }
    if (ch === '+' && quantified) { i++; quantified = false; continue; } // possessive: greedy here
    if (ch === '(' && pattern.startsWith('(?>', i)) { out += '(?:'; i += 3; quantified = false; continue; }
    if (ch === '(' && pattern[i + 1] === '?') {
      // a group prefix: its `?` is no quantifier
      out += '(?';
      i += 2;
      quantified = false;
      continue;
    }
    if (ch === '*' || ch === '+' || ch === '?') {
      // `x??` / `x*?` are lazy: the `?` ends the quantifier
      if (ch === '?' && quantified) { out += ch; i++; quantified = false; continue; }
      out += ch;
      i++;
      quantified = true;
      continue;
    }
    const bounds = ch === '{' ? /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i)) : null;
    if (bounds) {
      out += bounds[0];
      i += bounds[0].length;
      quantified = true;
      continue;
    }
    out += ch;
    i++;
    quantified = false;
  }
  return { source: out, unicode };
}
