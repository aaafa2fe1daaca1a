import { describe, expect, test } from 'bun:test';
import { formatZoned, nextFire, parseCron, previousFire, upcoming } from '../../src/triggers/cron/index.ts';

// Behaviour decided for DST (Java ZonedDateTime / cron-utils):
// - spring-forward: a wall-clock time that does not exist fires once, shifted forward by the gap
//   (02:30 in Paris on the last Sunday of March -> 03:30+02:00); it never fires twice;
// - fall-back: a repeated wall-clock time fires once, at its first occurrence (01:30-04:00 in New
//   York), unless the schedule repeats hourly or faster, which keeps following real time and also
//   fires during the repeated hour (like cron-utils and Vixie cron).

const at = (iso: string) => Date.parse(iso);
function list(cron: string, from: string, tz: string, n: number): string[] {
  return upcoming(parseCron(cron), at(from), tz, n).map((t) => formatZoned(t, tz));
}
const next = (cron: string, from: string, tz: string) => formatZoned(nextFire(parseCron(cron), at(from), tz)!, tz);
const prev = (cron: string, before: string, tz: string) => formatZoned(previousFire(parseCron(cron), at(before), tz)!, tz);

const PARIS = 'Europe/Paris'; // 2024-03-31 02:00 -> 03:00 (01:00Z); 2024-10-27 03:00 -> 02:00 (01:00Z)
const NY = 'America/New_York'; // 2024-03-10 02:00 -> 03:00 (07:00Z); 2024-11-03 02:00 -> 01:00 (06:00Z)

describe('spring-forward (the local time does not exist)', () => {
  test.each([
    ['0 2 * * *', PARIS, '2024-03-30T00:00:00Z', ['2024-03-30T02:00:00+01:00', '2024-03-31T03:00:00+02:00', '2024-04-01T02:00:00+02:00']],
    ['30 2 * * *', PARIS, '2024-03-30T00:00:00Z', ['2024-03-30T02:30:00+01:00', '2024-03-31T03:30:00+02:00', '2024-04-01T02:30:00+02:00']],
    ['0 2,3 * * *', PARIS, '2024-03-31T00:00:00Z', ['2024-03-31T03:00:00+02:00', '2024-04-01T02:00:00+02:00']],
    ['0 * * * *', PARIS, '2024-03-30T23:30:00Z', ['2024-03-31T01:00:00+01:00', '2024-03-31T03:00:00+02:00', '2024-03-31T04:00:00+02:00']],
    ['*/30 * * * *', PARIS, '2024-03-31T00:15:00Z', ['2024-03-31T01:30:00+01:00', '2024-03-31T03:00:00+02:00', '2024-03-31T03:30:00+02:00']],
    ['0 2 * * *', NY, '2024-03-09T12:00:00Z', ['2024-03-10T03:00:00-04:00', '2024-03-11T02:00:00-04:00']],
    ['30 2 * * SUN', NY, '2024-03-03T12:00:00Z', ['2024-03-10T03:30:00-04:00', '2024-03-17T02:30:00-04:00']],
    // Sao Paulo (2018) sprang forward at midnight: the day starts at 01:00
    ['0 0 * * *', 'America/Sao_Paulo', '2018-11-03T12:00:00Z', ['2018-11-04T01:00:00-02:00', '2018-11-05T00:00:00-02:00']],
    // Lord Howe springs forward by 30 minutes (02:00 -> 02:30): 02:20 is shifted after the regular 02:40
    ['20,40 2 * * *', 'Australia/Lord_Howe', '2024-10-05T12:00:00Z', ['2024-10-06T02:40:00+11:00', '2024-10-06T02:50:00+11:00', '2024-10-07T02:20:00+11:00']],
  ])('%s in %s after %s', (cron, tz, from, expected) => {
    expect(list(cron, from, tz, expected.length)).toEqual(expected);
  });

  test('a shifted slot still lies ahead of a time just after the transition', () => {
    expect(next('15 2 * * *', '2024-03-31T01:10:00Z', PARIS)).toBe('2024-03-31T03:15:00+02:00'); // from 03:10+02:00
    expect(prev('15 2 * * *', '2024-03-31T01:10:00Z', PARIS)).toBe('2024-03-30T02:15:00+01:00');
    expect(prev('15 2 * * *', '2024-03-31T01:16:00Z', PARIS)).toBe('2024-03-31T03:15:00+02:00');
  });

  test('previous around the shifted slot', () => {
    expect(prev('0 2 * * *', '2024-03-31T01:00:00Z', PARIS)).toBe('2024-03-30T02:00:00+01:00');
    expect(prev('0 2 * * *', '2024-03-31T01:00:01Z', PARIS)).toBe('2024-03-31T03:00:00+02:00');
  });
});

describe('fall-back (the local time happens twice)', () => {
  test.each([
    ['30 1 * * *', NY, '2024-11-02T12:00:00Z', ['2024-11-03T01:30:00-04:00', '2024-11-04T01:30:00-05:00']],
    ['30 2 * * *', PARIS, '2024-10-26T12:00:00Z', ['2024-10-27T02:30:00+02:00', '2024-10-28T02:30:00+01:00']],
    ['0 1 * * *', NY, '2024-11-03T04:00:00Z', ['2024-11-03T01:00:00-04:00', '2024-11-04T01:00:00-05:00']],
    ['0 * * * *', NY, '2024-11-03T03:30:00Z', ['2024-11-03T00:00:00-04:00', '2024-11-03T01:00:00-04:00', '2024-11-03T01:00:00-05:00', '2024-11-03T02:00:00-05:00']],
    ['*/20 * * * *', NY, '2024-11-03T05:30:00Z', ['2024-11-03T01:40:00-04:00', '2024-11-03T01:00:00-05:00', '2024-11-03T01:20:00-05:00']],
    ['0 * * * *', PARIS, '2024-10-26T23:30:00Z', ['2024-10-27T02:00:00+02:00', '2024-10-27T02:00:00+01:00', '2024-10-27T03:00:00+01:00']],
  ])('%s in %s after %s', (cron, tz, from, expected) => {
    expect(list(cron, from, tz, expected.length)).toEqual(expected);
  });

  test('a daily slot is not fired again from inside the repeated hour', () => {
    expect(next('30 1 * * *', '2024-11-03T05:45:00Z', NY)).toBe('2024-11-04T01:30:00-05:00'); // from 01:45-04:00
    expect(next('30 1 * * *', '2024-11-03T06:10:00Z', NY)).toBe('2024-11-04T01:30:00-05:00'); // from 01:10-05:00
    expect(prev('30 1 * * *', '2024-11-03T06:10:00Z', NY)).toBe('2024-11-03T01:30:00-04:00');
    expect(prev('30 1 * * *', '2024-11-03T07:00:00Z', NY)).toBe('2024-11-03T01:30:00-04:00');
  });

  test('hourly schedules keep real time from either pass', () => {
    expect(next('0 * * * *', '2024-11-03T05:50:00Z', NY)).toBe('2024-11-03T01:00:00-05:00'); // from 01:50-04:00
    expect(prev('0 * * * *', '2024-11-03T06:30:00Z', NY)).toBe('2024-11-03T01:00:00-05:00');
    expect(prev('0 * * * *', '2024-11-03T06:00:00Z', NY)).toBe('2024-11-03T01:00:00-04:00');
    expect(prev('50 * * * *', '2024-11-03T06:10:00Z', NY)).toBe('2024-11-03T01:50:00-04:00');
  });
});

// ---- brute-force oracle: enumerate every minute around real transitions and decide membership
// from the definition, with plain Date getters (independent of the engine's calendar code)

interface Oracle { matches(local: number): boolean; repeats: boolean }
function oracle(cron: string): Oracle {
  const c = parseCron(cron);
  return {
    repeats: c.repeatsHourly,
    matches(local) {
      const d = new Date(local * 1000);
      const dom = c.dayOfMonth.has[d.getUTCDate()] === 1;
      const dow = c.dayOfWeek.has[d.getUTCDay()] === 1;
      const day = c.domStar ? c.dowStar || dow : c.dowStar ? dom : dom || dow;
      return day && c.month.has[d.getUTCMonth() + 1] === 1 && c.hour.has[d.getUTCHours()] === 1
        && c.minute.has[d.getUTCMinutes()] === 1 && c.second.has[d.getUTCSeconds()] === 1;
    },
  };
}
/** offset in seconds of `tz` at epoch second `t`, from Intl (a second opinion to js-joda) */
function offsetOf(tz: string): (t: number) => number {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const seen = new Map<number, number>(); // Intl is slow and the oracle asks for the same instants often
  return (t) => {
    let o = seen.get(t);
    if (o === undefined) {
      const p = Object.fromEntries(f.formatToParts(new Date(t * 1000)).map((x) => [x.type, Number(x.value)]));
      o = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) / 1000 - t;
      seen.set(t, o);
    }
    return o;
  };
}
function fires(o: Oracle, off: (t: number) => number, t: number): boolean {
  const offsets = [...new Set([off(t - 86_400), off(t), off(t + 86_400)])];
  const local = t + off(t);
  if (o.matches(local)) {
    const earlier = offsets.some((x) => local - x < t && off(local - x) === x);
    if (!earlier || o.repeats) return true;
  }
  // t may be the shifted image of a nonexistent wall-clock time (offset before the gap)
  return offsets.some((x) => {
    if (x >= off(t)) return false;
    const ghost = t + x;
    const exists = offsets.some((y) => off(ghost - y) === y);
    return !exists && o.matches(ghost);
  });
}

const TRANSITIONS: [string, string][] = [
  [PARIS, '2024-03-31T01:00:00Z'], [PARIS, '2024-10-27T01:00:00Z'], [NY, '2024-03-10T07:00:00Z'], [NY, '2024-11-03T06:00:00Z'],
  ['Australia/Lord_Howe', '2024-04-06T15:00:00Z'], ['Australia/Lord_Howe', '2024-10-05T15:30:00Z'], // 30-minute DST
  ['America/Sao_Paulo', '2018-11-04T03:00:00Z'], ['America/Sao_Paulo', '2019-02-17T02:00:00Z'], // transitions at midnight
];
const CRONS = ['0 2 * * *', '30 1 * * *', '15 2 * * *', '0 0 * * *', '30 23 * * *', '0 1,2 * * *', '*/20 * * * *', '0 * * * *',
  '45 0-3 * * *', '*/30 1-3 * * *', '0,30 0 * * SUN', '10 2 * * 1-5', '20,40 2 * * *', '*/45 * * * *'];

describe('oracle: every minute of the 36 hours around real transitions', () => {
  test.each(TRANSITIONS)('%s at %s', (tz, when) => {
    const center = at(when) / 1000;
    const lo = center - 36 * 3600;
    const hi = center + 36 * 3600;
    const off = offsetOf(tz);
    for (const cron of CRONS) {
      const o = oracle(cron);
      const c = parseCron(cron);
      const set: number[] = [];
      for (let t = lo; t <= hi; t += 60) if (fires(o, off, t)) set.push(t);
      for (let x = lo + 12 * 3600; x <= hi - 12 * 3600; x += 7 * 60 + 13) {
        const want = set.find((t) => t > x);
        const got = nextFire(c, x * 1000, tz);
        if (want !== undefined && got !== want * 1000) throw new Error(`${cron} ${tz} next after ${formatZoned(x * 1000, tz)}: ${got && formatZoned(got, tz)} != ${formatZoned(want * 1000, tz)}`);
        const wantPrev = set.findLast((t) => t < x);
        const gotPrev = previousFire(c, x * 1000, tz);
        if (wantPrev !== undefined && gotPrev !== wantPrev * 1000) throw new Error(`${cron} ${tz} previous before ${formatZoned(x * 1000, tz)}: ${gotPrev && formatZoned(gotPrev, tz)} != ${formatZoned(wantPrev * 1000, tz)}`);
      }
    }
  });
});
