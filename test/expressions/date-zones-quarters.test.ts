// Java (CLDR) quarter names, short zone names in the locale, and the `v`/`vvvv` (generic zone
// name) and `B` (day period) pattern letters (review 2, finding 7).
import { describe, expect, test } from 'bun:test';
import { createExpressionEngine } from '../../src/expressions/index.ts';

const e = createExpressionEngine({ now: () => new Date('2026-12-07T15:05:00Z') }); // Q4, afternoon
const render = (t: string) => e.render(t, {});
const fails = (t: string) => { try { render(t); return ''; } catch (err) { return (err as Error).message; } };

describe('quarter names', () => {
  test.each([
    ["{{ now('QQQ QQQQ QQQQQ') }}", 'Q4 4th quarter 4'],
    ["{{ now('QQQ QQQQ', locale='fr') }}", 'T4 4e trimestre'],
    ["{{ '2026-01-15T00:00:00Z' | date('QQQQ', locale='fr') }}", '1er trimestre'],
    ["{{ now('QQQ QQQQ', locale='de_DE') }}", 'Q4 4. Quartal'],
    ["{{ '2026-01-15T00:00:00Z' | date('QQQ QQQQ', locale='es') }}", 'T1 1.er trimestre'],
    ["{{ now('QQQ QQQQ', locale='es') }}", 'T4 4.º trimestre'],
    ["{{ now('QQQ QQQQ', locale='it') }}", 'T4 4º trimestre'],
    ["{{ now('QQQ QQQQ', locale='pt-BR') }}", 'T4 4º trimestre'],
    ["{{ now('QQQ QQQQ', locale='nl') }}", 'K4 4e kwartaal'],
    ["{{ now('QQQ QQQQ', locale='ja') }}", 'Q4 第4四半期'],
    ["{{ now('QQQ QQQQ', locale='zh_CN') }}", '4季度 第四季度'],
    ["{{ now('qqqq', locale='de') }}", '4. Quartal'],
    ["{{ now('QQQ QQQQ', locale='ru') }}", '4-й кв. 4-й квартал'],
    // a language without a table prints the English names
    ["{{ now('QQQ QQQQ', locale='sv') }}", 'Q4 4th quarter'],
  ])('%s → %s', (t, out) => expect(render(t)).toBe(out));
});

describe('zone names', () => {
  test.each([
    // the locale's short name where CLDR has one, else the English abbreviation, never an offset
    ["{{ now('z', locale='de', timeZone='Europe/Berlin') }}", 'MEZ'],
    ["{{ now('z', locale='fr', timeZone='Europe/Paris') }}", 'CET'],
    ["{{ now('z', timeZone='Europe/Paris') }}", 'CET'],
    ["{{ now('z', timeZone='America/New_York') }}", 'EST'],
    // generic names (no standard/daylight distinction)
    ["{{ now('v vvvv', timeZone='America/New_York') }}", 'ET Eastern Time'],
    ["{{ '2026-07-01T12:00:00Z' | date('v vvvv', timeZone='America/New_York') }}", 'ET Eastern Time'],
    ["{{ now('vvvv', locale='de', timeZone='Europe/Berlin') }}", 'Mitteleuropäische Zeit'],
    ["{{ now('v vvvv', timeZone='UTC') }}", 'UTC Coordinated Universal Time'],
    ["{{ now('v', timeZone='+02:00') }}", '+02:00'],
  ])('%s → %s', (t, out) => expect(render(t)).toBe(out));

  test('v takes one or four letters, as Java', () => {
    expect(fails("{{ now('vv') }}")).toContain('Wrong number of pattern letters: vv');
  });
});

describe('day periods (B)', () => {
  test.each([
    ["{{ now('h B') }}", '3 in the afternoon'],
    ["{{ now('BBBB', timeZone='Europe/Paris', locale='fr') }}", 'de l’après-midi'],
    ["{{ now('B', timeZone='Europe/Berlin', locale='de') }}", 'nachm.'],
    ["{{ now('BBBB', timeZone='Europe/Berlin', locale='de') }}", 'nachmittags'],
    ["{{ '2026-12-07T23:30:00Z' | date('B') }}", 'at night'],
  ])('%s → %s', (t, out) => expect(render(t)).toBe(out));

  test('B takes one, four or five letters', () => {
    expect(fails("{{ now('BB') }}")).toContain('Wrong number of pattern letters: BB');
  });
});
