import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { CronError, formatZoned, isValidZone, nextFire, parseCron, previousFire, upcoming } from '../../src/triggers/cron/index.ts';

const at = (iso: string) => Date.parse(iso);

describe('formatZoned', () => {
  test.each([
    ['2024-12-20T10:00:00Z', 'UTC', '2024-12-20T10:00:00Z'],
    ['2024-12-20T10:00:00Z', 'Z', '2024-12-20T10:00:00Z'],
    ['2024-12-20T09:00:00Z', 'Europe/Paris', '2024-12-20T10:00:00+01:00'],
    ['2024-06-20T08:00:00Z', 'Europe/Paris', '2024-06-20T10:00:00+02:00'],
    ['2024-12-20T15:00:00Z', 'America/New_York', '2024-12-20T10:00:00-05:00'],
    ['2024-06-20T14:00:00Z', 'America/New_York', '2024-06-20T10:00:00-04:00'],
    ['2024-12-20T10:00:00Z', 'Europe/London', '2024-12-20T10:00:00Z'], // zero offset prints Z, like Java
    ['2024-06-20T10:00:00Z', 'Europe/London', '2024-06-20T11:00:00+01:00'],
    ['2024-12-20T04:30:00Z', 'Asia/Kolkata', '2024-12-20T10:00:00+05:30'],
    ['2024-12-20T04:15:00Z', 'Asia/Kathmandu', '2024-12-20T10:00:00+05:45'],
    ['2024-12-20T13:30:00Z', 'America/St_Johns', '2024-12-20T10:00:00-03:30'],
    ['2024-12-20T08:00:00Z', '+02:00', '2024-12-20T10:00:00+02:00'],
    ['2024-12-20T15:30:00Z', '-0530', '2024-12-20T10:00:00-05:30'],
    ['2024-12-20T10:00:00.999Z', 'UTC', '2024-12-20T10:00:00Z'], // truncated to the second
    ['1969-12-31T23:59:59.500Z', 'UTC', '1969-12-31T23:59:59Z'],
    ['1900-01-01T00:00:00Z', 'Europe/Paris', '1900-01-01T00:09:21+00:09:21'], // LMT offsets keep their seconds
    ['2024-02-29T23:30:00Z', 'Asia/Tokyo', '2024-03-01T08:30:00+09:00'],
  ])('%s in %s', (iso, tz, expected) => {
    expect(formatZoned(at(iso), tz)).toBe(expected);
  });
});

describe('zones', () => {
  test.each(['UTC', 'Z', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Etc/GMT+5', 'GMT', 'US/Eastern', '+02:00', '-05:30', '+2', 'UTC+01:00'])('valid: %s', (tz) => {
    expect(isValidZone(tz)).toBe(true);
  });

  test.each(['', 'Mars/Olympus', 'europe/paris', 'Europe/Paris ', 'utc', '+25:00', 'z', '02:00', 'Paris'])('invalid: %p', (tz) => {
    expect(isValidZone(tz)).toBe(false);
  });

  test('non-strings are not zones', () => {
    expect(isValidZone(undefined as unknown as string)).toBe(false);
    expect(isValidZone(2 as unknown as string)).toBe(false);
  });

  test('an unknown zone throws CronError from every function', () => {
    const c = parseCron('0 9 * * *');
    expect(() => nextFire(c, 0, 'Mars/Olympus')).toThrow(new CronError('Unknown time-zone ID: Mars/Olympus'));
    expect(() => previousFire(c, 0, 'Mars/Olympus')).toThrow(CronError);
    expect(() => upcoming(c, 0, 'Mars/Olympus', 3)).toThrow(CronError);
    expect(() => formatZoned(0, 'Mars/Olympus')).toThrow(CronError);
  });

  test.each([
    ['UTC', ['2024-06-01T09:00:00Z', '2024-06-02T09:00:00Z']],
    ['+02:00', ['2024-06-01T09:00:00+02:00', '2024-06-02T09:00:00+02:00']],
    ['Asia/Tokyo', ['2024-06-01T09:00:00+09:00', '2024-06-02T09:00:00+09:00']],
    ['Europe/Paris', ['2024-06-01T09:00:00+02:00', '2024-06-02T09:00:00+02:00']],
    ['America/Los_Angeles', ['2024-06-01T09:00:00-07:00', '2024-06-02T09:00:00-07:00']],
    ['Pacific/Kiritimati', ['2024-06-01T09:00:00+14:00', '2024-06-02T09:00:00+14:00']],
  ])('0 9 * * * is 09:00 wall clock in %s', (tz, expected) => {
    expect(upcoming(parseCron('0 9 * * *'), at('2024-05-31T16:30:00Z'), tz, 2).map((t) => formatZoned(t, tz))).toEqual(expected);
  });

  test('the zone decides the day for dow/dom', () => {
    // Saturday 23:30 UTC is already Sunday in Tokyo
    expect(formatZoned(nextFire(parseCron('30 8 * * SUN'), at('2024-06-01T20:00:00Z'), 'Asia/Tokyo')!, 'UTC')).toBe('2024-06-01T23:30:00Z');
  });

  test('UTC and fixed offsets do not load the IANA database (start-up cost)', () => {
    const root = join(import.meta.dir, '..', '..');
    const script = "import { ZoneId } from '@js-joda/core'; import { nextFire, previousFire, parseCron, formatZoned, isValidZone } from './src/triggers/cron/index.ts';"
      + "const c = parseCron('0 9 * * *'); nextFire(c, 0, 'UTC'); previousFire(c, 0, '+02:00'); formatZoned(0, 'Z'); isValidZone('-05:00');"
      + 'const before = ZoneId.getAvailableZoneIds().length; nextFire(c, 0, "Europe/Paris");'
      + 'console.log(before, ZoneId.getAvailableZoneIds().length > 100);';
    const r = Bun.spawnSync([process.execPath, '-e', script], { cwd: root });
    expect(r.stdout.toString().trim()).toBe('0 true');
  });
});
