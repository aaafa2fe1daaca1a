import { describe, expect, test } from 'bun:test';
import { groupByOf, instantText, timeBuckets, windowOf, zoneOf } from '../../src/shared/time/buckets.ts';
import { DAY, HOUR, NOW } from '../stats/harness.ts';

describe('time buckets', () => {
  test('the bucket size follows the window length (strictly greater than each threshold)', () => {
    expect(groupByOf(0, 6 * HOUR)).toBe('minute');
    expect(groupByOf(0, 6 * HOUR + 1)).toBe('hour');
    expect(groupByOf(0, DAY)).toBe('hour');
    expect(groupByOf(0, DAY + 1)).toBe('day');
    expect(groupByOf(0, 180 * DAY + 1)).toBe('week');
    expect(groupByOf(0, 365 * DAY + 1)).toBe('month');
  });

  test('buckets are clipped to the window and the end is inclusive', () => {
    const start = Date.UTC(2025, 0, 1, 10, 30);
    const end = Date.UTC(2025, 0, 3, 0, 0);
    const buckets = timeBuckets(start, end, 'day', zoneOf('UTC'));
    expect(buckets.map((b) => instantText(b.start))).toEqual(['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z']);
    expect(buckets[0]).toMatchObject({ lo: start, hi: Date.UTC(2025, 0, 2) });
    expect(buckets[2]).toMatchObject({ lo: end, hi: end + 1 });
  });

  test('defaults to now − 30 days → now and rejects reversed or huge windows', () => {
    const win = windowOf(undefined, undefined, NOW, zoneOf('UTC'));
    expect([win.start, win.end, win.groupBy, win.buckets.length]).toEqual([NOW - 30 * DAY, NOW, 'day', 31]);
    expect(() => windowOf(NOW, NOW - 1, NOW, zoneOf('UTC'))).toThrow('Start date must be before End Date');
    expect(() => windowOf(0, Date.UTC(9999, 0, 1), NOW, zoneOf('UTC'))).toThrow('too large');
  });

  test('fixed offsets and named zones', () => {
    const buckets = timeBuckets(Date.UTC(2025, 0, 1, 12), Date.UTC(2025, 0, 3), 'day', zoneOf('+05:30'));
    expect(instantText(buckets[0]!.start)).toBe('2024-12-31T18:30:00Z');
    expect(zoneOf('America/New_York').id()).toBe('America/New_York');
    expect(instantText(Date.UTC(2025, 0, 1, 0, 0, 0, 120))).toBe('2025-01-01T00:00:00.120Z');
  });
});
