import { describe, expect, test } from 'bun:test';
import { formatZoned, nextFire, parseCron, previousFire, upcoming } from '../../src/triggers/cron/index.ts';

const at = (iso: string) => Date.parse(iso);
/** The next `n` fire times after `from`, printed in the zone. */
function list(cron: string, from: string, tz = 'UTC', n = 4, withSeconds = false): string[] {
  return upcoming(parseCron(cron, withSeconds), at(from), tz, n).map((t) => formatZoned(t, tz));
}

describe('nextFire in UTC', () => {
  test.each([
    ['* * * * *', '2024-06-01T10:15:30Z', ['2024-06-01T10:16:00Z', '2024-06-01T10:17:00Z']],
    ['*/5 * * * *', '2024-06-01T10:15:00Z', ['2024-06-01T10:20:00Z', '2024-06-01T10:25:00Z']],
    ['0 * * * *', '2024-06-01T23:59:59Z', ['2024-06-02T00:00:00Z', '2024-06-02T01:00:00Z']],
    ['0 9 * * *', '2024-06-01T09:00:00Z', ['2024-06-02T09:00:00Z', '2024-06-03T09:00:00Z']],
    ['0 9-17 * * MON-FRI', '2024-06-07T17:30:00Z', ['2024-06-10T09:00:00Z', '2024-06-10T10:00:00Z']],
    ['15,45 */2 * * *', '2024-06-01T01:00:00Z', ['2024-06-01T02:15:00Z', '2024-06-01T02:45:00Z']],
    ['0 0 1 * *', '2024-01-31T12:00:00Z', ['2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z']],
    ['0 0 31 * *', '2024-01-31T00:00:00Z', ['2024-03-31T00:00:00Z', '2024-05-31T00:00:00Z']],
    ['0 0 1 1 *', '2024-01-01T00:00:00Z', ['2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z']],
    ['0 12 * JUN,dec *', '2024-06-30T12:00:00Z', ['2024-12-01T12:00:00Z', '2024-12-02T12:00:00Z']],
    ['5/20 3 * * *', '2024-06-01T00:00:00Z', ['2024-06-01T03:05:00Z', '2024-06-01T03:25:00Z', '2024-06-01T03:45:00Z', '2024-06-02T03:05:00Z']],
    ['0 0 * * 0', '2024-06-01T00:00:00Z', ['2024-06-02T00:00:00Z', '2024-06-09T00:00:00Z']],
    ['0 0 * * 7', '2024-06-01T00:00:00Z', ['2024-06-02T00:00:00Z', '2024-06-09T00:00:00Z']],
    ['0 0 * * SUN', '2024-06-01T00:00:00Z', ['2024-06-02T00:00:00Z', '2024-06-09T00:00:00Z']],
    ['@hourly', '2024-06-01T10:00:00Z', ['2024-06-01T11:00:00Z']],
    ['@daily', '2024-12-31T23:00:00Z', ['2025-01-01T00:00:00Z']],
    ['@weekly', '2024-06-01T00:00:00Z', ['2024-06-02T00:00:00Z']],
    ['@monthly', '2024-06-15T00:00:00Z', ['2024-07-01T00:00:00Z']],
    ['@yearly', '2024-06-15T00:00:00Z', ['2025-01-01T00:00:00Z']],
    ['@annually', '2024-06-15T00:00:00Z', ['2025-01-01T00:00:00Z']],
    ['@midnight', '2024-06-15T00:00:00Z', ['2024-06-16T00:00:00Z']],
  ])('%s after %s', (cron, from, expected) => {
    expect(list(cron, from, 'UTC', expected.length)).toEqual(expected);
  });

  test('strictly after: a fire time is never returned for itself, and milliseconds are honoured', () => {
    const c = parseCron('0 10 * * *');
    expect(nextFire(c, at('2024-06-01T10:00:00Z'), 'UTC')).toBe(at('2024-06-02T10:00:00Z'));
    expect(nextFire(c, at('2024-06-01T09:59:59.999Z'), 'UTC')).toBe(at('2024-06-01T10:00:00Z'));
    expect(nextFire(c, at('2024-06-01T10:00:00.001Z'), 'UTC')).toBe(at('2024-06-02T10:00:00Z'));
  });

  test('seconds field (withSeconds)', () => {
    expect(list('*/20 * * * * *', '2024-06-01T10:00:50Z', 'UTC', 3, true)).toEqual(['2024-06-01T10:01:00Z', '2024-06-01T10:01:20Z', '2024-06-01T10:01:40Z']);
    expect(list('30 0 12 * * *', '2024-06-01T12:00:30Z', 'UTC', 2, true)).toEqual(['2024-06-02T12:00:30Z', '2024-06-03T12:00:30Z']);
    expect(list('0 0 0 1 1 *', '2024-06-01T00:00:00Z', 'UTC', 1, true)).toEqual(['2025-01-01T00:00:00Z']);
    expect(list('@hourly', '2024-06-01T10:00:00Z', 'UTC', 1, true)).toEqual(['2024-06-01T11:00:00Z']);
  });

  test('upcoming: count 0 gives nothing; instants before 1970 work', () => {
    expect(upcoming(parseCron('* * * * *'), 0, 'UTC', 0)).toEqual([]);
    expect(list('0 12 * * *', '1969-07-20T20:17:40Z', 'UTC', 2)).toEqual(['1969-07-21T12:00:00Z', '1969-07-22T12:00:00Z']);
    expect(formatZoned(previousFire(parseCron('0 0 1 1 *'), 0, 'UTC')!, 'UTC')).toBe('1969-01-01T00:00:00Z');
  });

  test('year rollover from the last second of a year', () => {
    expect(list('* * * * * *', '2024-12-31T23:59:59Z', 'UTC', 2, true)).toEqual(['2025-01-01T00:00:00Z', '2025-01-01T00:00:01Z']);
  });
});

describe('leap years', () => {
  test('0 0 29 2 * fires on leap days only, skipping 2100', () => {
    expect(list('0 0 29 2 *', '2024-03-01T00:00:00Z', 'UTC', 3)).toEqual(['2028-02-29T00:00:00Z', '2032-02-29T00:00:00Z', '2036-02-29T00:00:00Z']);
    expect(list('0 0 29 2 *', '2096-03-01T00:00:00Z', 'UTC', 1)).toEqual(['2104-02-29T00:00:00Z']);
    expect(formatZoned(previousFire(parseCron('0 0 29 2 *'), at('2028-02-28T00:00:00Z'), 'UTC')!, 'UTC')).toBe('2024-02-29T00:00:00Z');
  });

  test('2000 is a leap year (divisible by 400)', () => {
    expect(list('0 0 29 2 *', '1999-01-01T00:00:00Z', 'UTC', 1)).toEqual(['2000-02-29T00:00:00Z']);
  });

  test('impossible dates give undefined within the ~10 year horizon', () => {
    for (const cron of ['0 0 30 2 *', '0 0 31 4 *', '0 0 31 2,4,6,9,11 *']) {
      expect(nextFire(parseCron(cron), at('2024-01-01T00:00:00Z'), 'UTC')).toBeUndefined();
      expect(previousFire(parseCron(cron), at('2024-01-01T00:00:00Z'), 'Europe/Paris')).toBeUndefined();
    }
    expect(upcoming(parseCron('0 0 30 2 *'), 0, 'UTC', 5)).toEqual([]);
  });
});

describe('day-of-month / day-of-week OR rule (cron-utils, Vixie)', () => {
  test.each([
    // both restricted: the 13th OR any Friday
    ['0 0 13 * FRI', '2024-09-01T00:00:00Z', ['2024-09-06', '2024-09-13', '2024-09-20', '2024-09-27', '2024-10-04', '2024-10-11', '2024-10-13']],
    ['0 0 1,15 * 1', '2024-07-01T00:00:00Z', ['2024-07-08', '2024-07-15', '2024-07-22', '2024-07-29', '2024-08-01']],
    // only one restricted: it alone decides
    ['0 0 13 * *', '2024-09-01T00:00:00Z', ['2024-09-13', '2024-10-13']],
    ['0 0 * * FRI', '2024-09-01T00:00:00Z', ['2024-09-06', '2024-09-13']],
    // a step is not a bare `*` (cron-utils `Every`), so the OR rule applies: every odd day OR Monday
    ['0 0 */2 * MON', '2024-07-01T00:00:00Z', ['2024-07-03', '2024-07-05', '2024-07-07', '2024-07-08', '2024-07-09']],
    // in February only: the 29th OR a Monday
    ['0 0 29 2 1', '2024-02-20T00:00:00Z', ['2024-02-26', '2024-02-29', '2025-02-03']],
  ])('%s', (cron, from, days) => {
    expect(list(cron, from, 'UTC', days.length).map((s) => s.slice(0, 10))).toEqual(days);
  });
});

describe('previousFire', () => {
  test.each([
    ['0 10 * * *', '2024-06-01T10:00:00Z', '2024-05-31T10:00:00Z'],
    ['0 10 * * *', '2024-06-01T10:00:00.001Z', '2024-06-01T10:00:00Z'],
    ['*/15 * * * *', '2024-06-01T00:00:00Z', '2024-05-31T23:45:00Z'],
    ['0 0 1 1 *', '2024-01-01T00:00:00Z', '2023-01-01T00:00:00Z'],
    ['0 9 * * MON-FRI', '2024-06-10T08:00:00Z', '2024-06-07T09:00:00Z'],
    ['0 0 31 * *', '2024-05-01T00:00:00Z', '2024-03-31T00:00:00Z'],
    ['59 23 * * *', '2024-03-01T00:00:00Z', '2024-02-29T23:59:00Z'],
  ])('%s before %s', (cron, before, expected) => {
    expect(formatZoned(previousFire(parseCron(cron), at(before), 'UTC')!, 'UTC')).toBe(expected);
  });

  test('seconds field', () => {
    expect(formatZoned(previousFire(parseCron('*/20 * * * * *', true), at('2024-06-01T10:00:00Z'), 'UTC')!, 'UTC')).toBe('2024-06-01T09:59:40Z');
  });
});

describe('next/previous symmetry', () => {
  const CRONS = ['* * * * *', '*/7 * * * *', '0 */3 * * *', '30 1 * * *', '0 2 * * *', '0 0 13 * FRI', '15 10 28-31 * *',
    '0 0 29 2 *', '@weekly', '0 12 1 */2 *', '45 23 * * 6,0'];
  const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', '+05:30', 'Australia/Lord_Howe'];
  test.each(ZONES)('in %s: previousFire(nextFire(x)+1ms) is nextFire(x), nextFire(previousFire(x)) is the first fire >= x', (tz) => {
    for (const cron of CRONS) {
      const c = parseCron(cron);
      for (let x = at('2024-01-01T00:00:00Z'); x < at('2025-01-01T00:00:00Z'); x += 86_400_000 * 3 + 3_607_000) {
        const n = nextFire(c, x, tz)!;
        expect(n).toBeGreaterThan(x);
        expect(previousFire(c, n + 1, tz)).toBe(n);
        const p = previousFire(c, x, tz)!;
        expect(p).toBeLessThan(x);
        expect(nextFire(c, p, tz)).toBe(nextFire(c, x - 1, tz));
      }
    }
  });
});
