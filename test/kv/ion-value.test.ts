import { describe, expect, test } from 'bun:test';
import { parseIonValue } from '../../src/kv/ion-value.ts';

describe('Ion text of KV request bodies', () => {
  const valid: [string, unknown, string][] = [
    ['"a\\tb\\u00e9"', 'a\tbé', 'STRING'],
    ["'''long ''' '''string'''", 'long string', 'STRING'],
    ['sym_bol$1', 'sym_bol$1', 'STRING'],
    ['null', null, 'STRING'],
    ['null.int', null, 'STRING'],
    ['0x1F', 31, 'NUMBER'],
    ['0b101', 5, 'NUMBER'],
    ['1_000', 1000, 'NUMBER'],
    ['1.5d2', 150, 'NUMBER'],
    ['-2e-1', -0.2, 'NUMBER'],
    ['2021T', '2021-01-01', 'DATE'],
    ['2021-09T', '2021-09-01', 'DATE'],
    ['2021-09-01T', '2021-09-01', 'DATE'],
    ['2021-09-01T10:00-00:00', '2021-09-01T10:00:00Z', 'DATETIME'],
    ['2021-09-01T10:00:00.123456789-05:30', '2021-09-01T15:30:00.123Z', 'DATETIME'],
    ['{ // comment\n "a" : 1, /* block */ \'b c\': [true, null], d: 2021-01-02 }', { a: 1, 'b c': [true, null], d: '2021-01-02' }, 'JSON'],
    ['[1, [2, [3]],]', [1, [2, [3]]], 'JSON'],
    ['{}', {}, 'JSON'],
    ['  "PT0.5S"  ', 'PT0.5S', 'STRING'], // fractions are not Kestra's duration shape
    ['"P2DT3H"', 'P2DT3H', 'DURATION'],
  ];
  for (const [text, value, type] of valid) {
    test(`reads ${JSON.stringify(text)}`, () => expect(parseIonValue(text)).toEqual({ value, type } as never));
  }

  const invalid = ['', '   ', '"open', "'open", 'a b', '1 2', '{a 1}', '{a: 1', '[1 2]', '(a b)', 'ann::1', 'nan', '2021-02-30', '2021-09-01T10:00', '12abc', '"a\\qb"', '"line\nbreak"', '/* open'];
  for (const text of invalid) {
    test(`refuses ${JSON.stringify(text)}`, () => expect(parseIonValue(text)).toBeUndefined());
  }
});
