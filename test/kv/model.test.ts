import { describe, expect, test } from 'bun:test';
import { convertToKvType, inferKvType, javaInstant, KvError, typedValue } from '../../src/kv/model.ts';

describe('KV typing', () => {
  test('inference follows what Kestra reports for stored values', () => {
    expect(inferKvType('x')).toBe('STRING');
    expect(inferKvType('PT5S')).toBe('DURATION');
    expect(inferKvType('P1D')).toBe('DURATION');
    expect(inferKvType('PT')).toBe('STRING');
    expect(inferKvType('P')).toBe('STRING');
    expect(inferKvType(1)).toBe('NUMBER');
    expect(inferKvType(true)).toBe('BOOLEAN');
    expect(inferKvType([1])).toBe('JSON');
    expect(inferKvType({})).toBe('JSON');
  });

  test('kvType converts rendered strings', () => {
    expect(convertToKvType('NUMBER', '42')).toEqual({ value: 42, type: 'NUMBER' });
    expect(convertToKvType('NUMBER', '-1.5')).toEqual({ value: -1.5, type: 'NUMBER' });
    expect(convertToKvType('BOOLEAN', 'TRUE')).toEqual({ value: true, type: 'BOOLEAN' });
    expect(convertToKvType('BOOLEAN', 'yes')).toEqual({ value: false, type: 'BOOLEAN' });
    expect(convertToKvType('DATETIME', '2024-05-01T10:00:00+02:00')).toEqual({ value: '2024-05-01T08:00:00Z', type: 'DATETIME' });
    expect(convertToKvType('DATETIME', '2024-05-01T10:00:00.250Z')).toEqual({ value: '2024-05-01T10:00:00.250Z', type: 'DATETIME' });
    expect(convertToKvType('DATE', '2024-05-01')).toEqual({ value: '2024-05-01', type: 'DATE' });
    expect(convertToKvType('DATE', '2024-05-01T23:30:00-02:00')).toEqual({ value: '2024-05-02', type: 'DATE' });
    expect(convertToKvType('DURATION', 'P1DT1M')).toEqual({ value: 'PT24H1M', type: 'DURATION' });
    expect(convertToKvType('JSON', '{"a":[1]}')).toEqual({ value: { a: [1] }, type: 'JSON' });
    expect(convertToKvType('STRING', '12')).toEqual({ value: '12', type: 'STRING' });
  });

  test('non-strings are kept as they are (and typed by inference)', () => {
    expect(convertToKvType('STRING', 12)).toEqual({ value: 12, type: 'NUMBER' });
    expect(convertToKvType('JSON', { a: 1 })).toEqual({ value: { a: 1 }, type: 'JSON' });
  });

  test('unconvertible strings fail', () => {
    for (const [type, text] of [['NUMBER', 'abc'], ['NUMBER', ''], ['DATETIME', '2024-05-01'], ['DATE', 'tomorrow'], ['DURATION', '5s'], ['JSON', '{a']] as const) {
      expect(() => convertToKvType(type, text)).toThrow(KvError);
    }
    expect(() => convertToKvType('NUMBER', 'abc')).toThrow("Unable to convert 'abc' to a NUMBER value");
  });

  test('typedValue shows durations as java.time.Duration prints them', () => {
    expect(typedValue('DURATION', 'P1D')).toEqual({ type: 'DURATION', value: 'PT24H' });
    expect(typedValue('STRING', 'P1D')).toEqual({ type: 'STRING', value: 'P1D' });
  });

  test('javaInstant drops zero milliseconds', () => {
    expect(javaInstant(Date.UTC(2021, 8, 1, 1, 2, 3))).toBe('2021-09-01T01:02:03Z');
    expect(javaInstant(Date.UTC(2021, 8, 1, 1, 2, 3, 7))).toBe('2021-09-01T01:02:03.007Z');
  });
});
