// Pins where the three duration grammars of shared/durations.ts differ, so that folding them into
// one is a decision someone takes on purpose, not a side effect.
import { describe, expect, test } from 'bun:test';
import { isIsoDuration, isoDuration, parseDuration, parseDurationMs } from '../../src/shared/time/durations.ts';

describe('duration readers', () => {
  // text → [parseDurationMs (Java), parseDuration (engine), isIsoDuration (validation)]
  const table: [string, number | undefined, number | undefined, boolean][] = [
    ['PT1S', 1000, 1000, true],
    ['P1DT2H', 93_600_000, 93_600_000, true],
    ['PT0.5S', 500, 500, true],
    ['pt3m', 180_000, 180_000, true],
    ['-PT1M', -60_000, -60_000, true],
    ['PT1.5H', undefined, 5_400_000, true],
    ['PT-1H', -3_600_000, undefined, true],
    ['+PT1S', 1000, undefined, true],
    ['PT1,5S', 1500, undefined, true],
    [' PT2S ', 2000, 2000, false],
    ['P', undefined, undefined, false],
    ['PT', undefined, undefined, false],
    ['P1DT', undefined, undefined, false],
  ];
  for (const [text, java, engine, valid] of table) {
    test(JSON.stringify(text), () => {
      expect(parseDurationMs(text)).toBe(java);
      expect(parseDuration(text)).toBe(engine);
      expect(isIsoDuration(text)).toBe(valid);
    });
  }

  test('non-strings are not durations', () => {
    expect(parseDurationMs(60)).toBeUndefined();
    expect(parseDuration(null)).toBeUndefined();
  });
});

describe('isoDuration', () => {
  test('prints as java.time.Duration#toString: days as hours, millisecond fractions, signs per unit', () => {
    expect(isoDuration(90_061_001)).toBe('PT25H1M1.001S');
    expect(isoDuration(245)).toBe('PT0.245S');
    expect(isoDuration(-61_000)).toBe('PT-1M-1S');
    expect(isoDuration(0)).toBe('PT0S');
  });
});
