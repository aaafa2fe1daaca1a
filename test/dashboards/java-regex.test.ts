// Java-only regular-expression constructs in REGEX filters (review 2, finding 8): POSIX classes
// and their negations, \Q...\E, possessive quantifiers (greedy here), atomic groups
// (non-capturing here) and the \A \z \Z anchors, unit by unit and through dashboard charts.
import { describe, expect, test } from 'bun:test';
import { javaRegex } from '../../src/dashboards/sql-functions.ts';
import { translateJavaRegex } from '../../src/dashboards/java-regex.ts';
import { chartData, dataChart, rowsOf, seeded } from './harness.ts';

const matches = (pattern: string, text: string) => javaRegex(pattern).test(text);

describe('javaRegex: Java constructs', () => {
  test('POSIX classes match the US-ASCII characters Java gives them', () => {
    const table: [string, string, string][] = [
      // class, characters inside, characters outside
      ['Lower', 'az', 'AZ0é'],
      ['Upper', 'AZ', 'az0É'],
      ['Alpha', 'aZ', '0_é'],
      ['Digit', '09', 'a٣'],
      ['Alnum', 'a0Z', '_-'],
      ['Punct', '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', 'a0 é'],
      ['Graph', '!a~', ' \t'],
      ['Print', ' a~', '\t\u007f'],
      ['Space', ' \t\n\u000b\f\r', 'a\u00a0'],
      ['Blank', ' \t', '\na'],
      ['Cntrl', '\u0000\u001f\u007f', ' a'],
      ['XDigit', '09afAF', 'gG'],
      ['ASCII', '\u0000a\u007f', 'é\u0080'],
    ];
    for (const [name, inside, outside] of table) {
      for (const ch of inside) {
        expect({ name, ch, p: matches(`^\\p{${name}}$`, ch), P: matches(`^\\P{${name}}$`, ch) }).toEqual({ name, ch, p: true, P: false });
        expect({ name, ch, inClass: matches(`^[\\p{${name}}]$`, ch), negInClass: matches(`^[\\P{${name}}]$`, ch) }).toEqual({ name, ch, inClass: true, negInClass: false });
      }
      for (const ch of outside) {
        expect({ name, ch, p: matches(`^\\p{${name}}$`, ch), P: matches(`^\\P{${name}}$`, ch) }).toEqual({ name, ch, p: false, P: true });
        expect({ name, ch, negInClass: matches(`^[\\P{${name}}]$`, ch) }).toEqual({ name, ch, negInClass: true });
      }
    }
    // mixed with other class members, negated brackets, quantifiers
    expect(matches('^[\\p{Digit}x]+$', '1x2')).toBe(true);
    expect(matches('^[^\\p{Lower}]+$', 'ABC1')).toBe(true);
    expect(matches('^[^\\p{Lower}]+$', 'AbC')).toBe(false);
    expect(matches('^[\\P{Alpha}a]+$', '1a-')).toBe(true);
    expect(matches('^\\p{Lower}{2,3}$', 'abc')).toBe(true);
    // an escaped backslash before p is a backslash, then the letters
    expect(matches('\\\\p{Lower}', '\\p{Lower}')).toBe(true);
  });

  test('\\Q...\\E quotes a literal, to the end when \\E is missing, inside brackets too', () => {
    expect(matches('^\\Qa.b*c\\E$', 'a.b*c')).toBe(true);
    expect(matches('^\\Qa.b*c\\E$', 'axbbbc')).toBe(false);
    expect(matches('\\Q(x)[y]{2}|/$^\\E', 'say (x)[y]{2}|/$^ now')).toBe(true);
    expect(matches('^\\Q1+1', '1+1=2')).toBe(true);
    expect(matches('^[\\Q]-^\\E]+$', '^-]')).toBe(true);
    expect(matches('^[\\Q]-^\\E]+$', 'a')).toBe(false);
    expect(matches('^\\Qab\\E+$', 'abbb')).toBe(true); // the quantifier applies to the last quoted character, as in Java
  });

  test('possessive quantifiers are read as greedy ones, atomic groups as non-capturing groups', () => {
    for (const [pattern, text] of [['^sta++te$', 'staaate'], ['^a*+b$', 'aab'], ['^a?+b$', 'ab'], ['^a{1,3}+b$', 'aaab'], ['^a{2}+$', 'aa'], ['^a{2,}+$', 'aaaa']]) {
      expect({ pattern, text, ok: matches(pattern!, text!) }).toEqual({ pattern, text, ok: true });
    }
    expect(translateJavaRegex('a++b*+c?+d{1,2}+').source).toBe('a+b*c?d{1,2}');
    // lazy quantifiers stay lazy; a + after a lazy one or a literal is a quantifier
    expect(translateJavaRegex('a+?b??c\\++').source).toBe('a+?b??c\\++');
    expect(translateJavaRegex('(?>ab|a)c').source).toBe('(?:ab|a)c');
    expect(matches('^(?>x|xy)z$', 'xz')).toBe(true);
    // other group prefixes are untouched: their ? is no quantifier
    expect(translateJavaRegex('(?:a)(?=b)(?!c)(?<=d)(?<!e)(?<n>f)').source).toBe('(?:a)(?=b)(?!c)(?<=d)(?<!e)(?<n>f)');
  });

  test('\\A, \\z and \\Z anchor at the input, whatever (?m) says; \\Z allows one final line break', () => {
    expect(matches('\\Abet', 'beta')).toBe(true);
    expect(matches('\\Abet', 'alphabet')).toBe(false);
    expect(matches('(?m)\\Ab', 'a\nb')).toBe(false);
    expect(matches('(?m)^b', 'a\nb')).toBe(true);
    expect(matches('a\\z', 'xa')).toBe(true);
    expect(matches('(?m)a\\z', 'a\nb')).toBe(false);
    expect(matches('a\\z', 'a\n')).toBe(false);
    expect(matches('a\\Z', 'a\n')).toBe(true);
    expect(matches('a\\Z', 'a\r\n')).toBe(true);
    expect(matches('a\\Z', 'a\n\n')).toBe(false);
    expect(matches('[\\z]', 'z')).toBe(true); // inside brackets they are plain escapes
  });

  test('other Unicode properties switch on the u flag; a bad pattern is still a clear error', () => {
    expect(javaRegex('^\\pL+$').flags).toContain('u');
    expect(matches('^\\pL+$', 'éa')).toBe(true);
    expect(matches('^\\p{Lu}$', 'É')).toBe(true);
    expect(javaRegex('^\\p{Lower}$').flags).not.toContain('u');
    expect(() => javaRegex('\\p{NoSuchProperty}')).toThrow('`\\p{NoSuchProperty}` is not a valid regular expression');
    expect(() => javaRegex('a{2}++')).toThrow('is not a valid regular expression'); // Java refuses it too
  });
});

describe('Java constructs in dashboard REGEX filters', () => {
  const flows = (where: string) => dataChart('Table', 'Executions', 'flow:\n  field: FLOW_ID\nruns:\n  agg: COUNT',
    `  where:\n    - type: REGEX\n      field: ${where.split('=')[0]}\n      value: '${where.slice(where.indexOf('=') + 1)}'`);
  const names = (r: { body: { results: Record<string, unknown>[] } }) => rowsOf(r).map((x) => x.flow);

  test('in the chart\'s where and in the request\'s filters', async () => {
    const c = await seeded();
    const cases: [string, string[]][] = [
      ['FLOW_ID=^\\p{Lower}+$', ['alpha', 'beta', 'gamma']],
      ['FLOW_ID=\\p{Upper}', []],
      ['NAMESPACE=\\Qother.\\E', ['gamma']],
      ['NAMESPACE=\\Qcompany.team\\E\\z', ['alpha', 'beta']],
      ['NAMESPACE=^\\p{Alpha}+\\p{Punct}\\p{Alpha}+$', ['alpha', 'beta', 'gamma']],
      ['NAMESPACE=[\\P{Alpha}]ns', ['gamma']],
      ['FLOW_ID=^(?>al|be)\\p{Alpha}++$', ['alpha', 'beta']],
      ['FLOW_ID=^gam{1,2}+a', ['gamma']],
    ];
    for (const [where, expected] of cases) {
      const r = await chartData(c, flows(where));
      expect({ where, status: r.status, flows: r.status === 200 ? names(r) : r.body }).toEqual({ where, status: 200, flows: expected });
    }
    const all = dataChart('Table', 'Executions', 'flow:\n  field: FLOW_ID\nruns:\n  agg: COUNT');
    for (const [value, expected] of [['\\p{Lower}+a$', ['alpha', 'beta', 'gamma']], ['\\Qbeta\\E', ['beta']], ['sta++te', []], ['^\\p{Alpha}{4}$', ['beta']]] as const) {
      const r = await chartData(c, all, { filters: [{ field: 'flowId', operation: 'REGEX', value }] });
      expect({ value, status: r.status, flows: r.status === 200 ? names(r) : r.body }).toEqual({ value, status: 200, flows: [...expected] });
    }
  });
});
