import { describe, expect, test } from 'bun:test';
import { isValidCron } from '../../src/flows/validate/cron.ts';
import { CronError, parseCron, type CronSchedule } from '../../src/triggers/cron/index.ts';

/** The members of a compiled field, for readable assertions. */
const values = (f: CronSchedule['minute']) => [...f.has.keys()].filter((v) => f.has[v] === 1);

describe('parseCron: syntax forms', () => {
  test.each([
    ['*', 'minute', Array.from({ length: 60 }, (_, i) => i)],
    ['5', 'minute', [5]],
    ['1,15,30', 'minute', [1, 15, 30]],
    ['10-13', 'minute', [10, 11, 12, 13]],
    ['*/15', 'minute', [0, 15, 30, 45]],
    ['5/20', 'minute', [5, 25, 45]],
    ['10-30/10', 'minute', [10, 20, 30]],
    ['10-31/10', 'minute', [10, 20, 30]],
    ['0-59/30,7', 'minute', [0, 7, 30]],
    ['*/100', 'minute', [0]],
    ['05', 'minute', [5]],
    ['59', 'minute', [59]],
    ['0-0', 'minute', [0]],
  ] as const)('minute %s', (text, _f, expected) => {
    expect(values(parseCron(`${text} * * * *`).minute)).toEqual([...expected]);
  });

  test.each([
    ['0 */6 * * *', 'hour', [0, 6, 12, 18]],
    ['0 9-17/4 * * *', 'hour', [9, 13, 17]],
    ['0 0 */10 * *', 'dayOfMonth', [1, 11, 21, 31]],
    ['0 0 1-31/15 * *', 'dayOfMonth', [1, 16, 31]],
    ['0 0 1 */3 *', 'month', [1, 4, 7, 10]],
    ['0 0 1 JAN,jul *', 'month', [1, 7]],
    ['0 0 1 MAR-may *', 'month', [3, 4, 5]],
    ['0 0 1 feb-DEC/5 *', 'month', [2, 7, 12]],
    ['0 0 1 1-DEC/6 *', 'month', [1, 7]],
    ['0 0 * * MON-FRI', 'dayOfWeek', [1, 2, 3, 4, 5]],
    ['0 0 * * sun,SAT', 'dayOfWeek', [0, 6]],
    ['0 0 * * 0', 'dayOfWeek', [0]],
    ['0 0 * * 7', 'dayOfWeek', [0]],
    ['0 0 * * 5-7', 'dayOfWeek', [0, 5, 6]],
    ['0 0 * * 1-7', 'dayOfWeek', [0, 1, 2, 3, 4, 5, 6]],
    ['0 0 * * */2', 'dayOfWeek', [0, 2, 4, 6]],
    ['0 0 * * 0-7/7', 'dayOfWeek', [0]],
    ['0 0 * * MON-5', 'dayOfWeek', [1, 2, 3, 4, 5]],
  ] as const)('%s -> %s', (cron, key, expected) => {
    expect(values(parseCron(cron)[key])).toEqual([...expected]);
  });

  test('five fields fire on second 0; six fields put seconds first', () => {
    expect(values(parseCron('* * * * *').second)).toEqual([0]);
    const c = parseCron('*/20 5 4 3 2 1', true);
    expect([values(c.second), values(c.minute), values(c.hour), values(c.dayOfMonth), values(c.month), values(c.dayOfWeek)])
      .toEqual([[0, 20, 40], [5], [4], [3], [2], [1]]);
  });

  test('surrounding and repeated whitespace is ignored', () => {
    expect(values(parseCron('  0\t12   * * *  ').hour)).toEqual([12]);
  });

  test('day fields remember whether they were a bare `*` (dom/dow OR rule)', () => {
    expect([parseCron('0 0 * * *').domStar, parseCron('0 0 * * *').dowStar]).toEqual([true, true]);
    expect([parseCron('0 0 */1 * 1').domStar, parseCron('0 0 13 * 1-7').dowStar]).toEqual([false, false]);
  });

  test('repeatsHourly: every hour or several times an hour', () => {
    expect(parseCron('0 * * * *').repeatsHourly).toBe(true);
    expect(parseCron('*/15 9 * * *').repeatsHourly).toBe(true);
    expect(parseCron('*/10 30 1 * * *', true).repeatsHourly).toBe(true);
    expect(parseCron('30 1 * * *').repeatsHourly).toBe(false);
    expect(parseCron('0 */2 * * *').repeatsHourly).toBe(false);
  });
});

describe('parseCron: nicknames', () => {
  test.each([
    ['@yearly', '0 0 1 1 *'], ['@annually', '0 0 1 1 *'], ['@monthly', '0 0 1 * *'], ['@weekly', '0 0 * * 0'],
    ['@daily', '0 0 * * *'], ['@midnight', '0 0 * * *'], ['@hourly', '0 * * * *'], ['@DAILY', '0 0 * * *'], [' @hourly ', '0 * * * *'],
  ])('%s = %s', (nick, cron) => {
    const a = parseCron(nick);
    const b = parseCron(cron);
    for (const k of ['second', 'minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'] as const) expect(values(a[k])).toEqual(values(b[k]));
  });

  test('nicknames are accepted with withSeconds too (second 0)', () => {
    expect(values(parseCron('@hourly', true).second)).toEqual([0]);
  });
});

describe('parseCron: invalid expressions', () => {
  test.each([
    ['', false], ['   ', false], ['* * * *', false], ['* * * * * *', false], ['0 0 * * *', true], ['* * * * * * *', true],
    ['60 * * * *', false], ['* 24 * * *', false], ['* * 0 * *', false], ['* * 32 * *', false], ['* * * 0 *', false],
    ['* * * 13 *', false], ['* * * * 8', false], ['60 0 0 * * *', true], ['0 0 ? * *', false], ['0 0 * * ?', false],
    ['0 0 L * *', false], ['0 0 * * 5L', false], ['0 0 15W * *', false], ['0 0 LW * *', false], ['0 0 * * 1#2', false],
    ['@reboot', false], ['@every 5m', false], ['@', false], ['*/0 * * * *', false], ['*/ * * * *', false],
    ['*/1000 * * * *', false], ['5-1 * * * *', false], ['1-2-3 * * * *', false], ['1/2/3 * * * *', false],
    ['1,,2 * * * *', false], [',1 * * * *', false], ['1- * * * *', false], ['-1 * * * *', false], ['*-5 * * * *', false],
    ['a b c d e', false], ['MON * * * *', false], ['0 0 * JANUARY *', false], ['0 0 * * MONDAY', false],
    ['0 0 1 * SAT-SUN', false], ['005 * * * *', false], ['1.5 * * * *', false], ['0 0 * * 0x1', false],
  ])('rejects %p (withSeconds=%p)', (cron, withSeconds) => {
    expect(() => parseCron(cron, withSeconds)).toThrow(CronError);
  });

  test('the message says "invalid cron expression" and why', () => {
    expect(() => parseCron('61 * * * *')).toThrow("invalid cron expression '61 * * * *': minute 61 is out of range 0-59");
    expect(() => parseCron('* * *')).toThrow('expected 5 fields, got 3');
  });

  test('non-strings are rejected with CronError', () => {
    expect(() => parseCron(undefined as unknown as string)).toThrow(CronError);
    expect(() => parseCron(5 as unknown as string)).toThrow(CronError);
  });
});

describe('parseCron agrees with the flow validator (src/flows/cron.ts)', () => {
  // a deterministic generator of near-valid expressions: every accept/reject decision must match
  const GOOD = ['*', '1', '5', '*/5', '1-5', '3/7', '1-10/3', '1,2', '01', '2-6/2']; // valid in every field
  const BAD = ['0', '59', '60', '12', '13', '7', '8', '24', '31', '32', '5-1', '*/0', 'JAN', 'mon', 'dec-JAN', 'SUN-SAT',
    'SAT-SUN', 'TUE/2', '?', 'L', '1#2', '15W', '', '001', 'x', '0-7', '*/1000', '*/999', '2-', '-', '1,', '1/2/3'];
  function* expressions(): Generator<[string, boolean]> {
    let seed = 42;
    const rnd = (n: number) => { seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; return Math.floor(seed / 65_536) % n; };
    for (let i = 0; i < 4000; i++) {
      const withSeconds = rnd(2) === 1;
      const n = rnd(8) === 0 ? 4 + rnd(4) : withSeconds ? 6 : 5;
      const atom = () => (rnd(4) === 0 ? BAD[rnd(BAD.length)]! : GOOD[rnd(GOOD.length)]!);
      const fields = Array.from({ length: n }, () => Array.from({ length: 1 + rnd(2) }, atom).join(','));
      yield [fields.join(' '), withSeconds];
    }
    for (const nick of ['@yearly', '@Weekly', '@reboot', '@every', '@hourly x']) yield [nick, false];
  }

  test('4,000 generated expressions', () => {
    let accepted = 0;
    for (const [cron, withSeconds] of expressions()) {
      let ok = true;
      try { parseCron(cron, withSeconds); } catch (e) { ok = false; expect(e).toBeInstanceOf(CronError); }
      if (ok !== isValidCron(cron, withSeconds)) throw new Error(`disagreement on ${JSON.stringify(cron)} withSeconds=${withSeconds}`);
      if (ok) accepted++;
    }
    expect(accepted).toBeGreaterThan(500); // the corpus exercises both outcomes
    expect(accepted).toBeLessThan(3500);
  });
});
