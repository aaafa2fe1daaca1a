import { describe, expect, test } from 'bun:test';
import { LocalDate } from '@js-joda/core';
import { easterSunday, evaluateConditions, testCondition } from '../../src/triggers/conditions/index.ts';
import { ctxOf, P, slot } from './conditions-helpers.ts';

const LEGACY = 'io.kestra.core.models.conditions.types.';
const ok = (def: Record<string, unknown>, ctx = slot('2024-12-20T10:00:00Z')) => evaluateConditions([def], ctx);

describe('Expression', () => {
  test('true unless blank or "false" (not the If/runIf truthiness)', () => {
    const e = (expression: string) => testCondition({ type: `${P}Expression`, expression }, ctxOf({ variables: { v: 'x' } }));
    expect(e('{{ 1 == 1 }}')).toBe(true);
    expect(e('{{ 1 == 2 }}')).toBe(false);
    expect(e('  false ')).toBe(false);
    expect(e('{{ "" }}')).toBe(false);
    expect(e('   ')).toBe(false);
    expect(e('0')).toBe(true);
    expect(e('False')).toBe(true);
    expect(e('{{ v }}')).toBe(true);
  });

  test('every alias, including VariableCondition', () => {
    for (const type of [`${P}Expression`, `${P}ExpressionCondition`, `${LEGACY}ExpressionCondition`, `${LEGACY}VariableCondition`]) {
      expect(ok({ type, expression: '{{ trigger.date is defined }}' })).toEqual({ ok: true });
    }
  });

  test('schedule conditions see trigger and schedule as the candidate slot', () => {
    const ctx = slot('2024-12-20T10:00:00Z');
    expect(testCondition({ type: `${P}Expression`, expression: "{{ trigger.date | date('HH') == '10' }}" }, ctx)).toBe(true);
    expect(testCondition({ type: `${P}Expression`, expression: '{{ schedule.date == trigger.date }}' }, ctx)).toBe(true);
  });

  test('webhook conditions see the request', () => {
    const ctx = ctxOf({ variables: { trigger: { body: { kind: 'push' }, headers: { 'x-a': ['1'] }, parameters: {} } } });
    expect(ok({ type: `${P}Expression`, expression: "{{ trigger.body.kind == 'push' }}" }, ctx).ok).toBe(true);
    expect(ok({ type: `${P}Expression`, expression: "{{ trigger.headers['x-a'][0] == '2' }}" }, ctx).ok).toBe(false);
  });
});

describe('throwing conditions are false with an error', () => {
  test.each([
    ['undefined variable', { type: `${P}Expression`, expression: '{{ missing.value }}' }, 'missing'],
    ['syntax error', { type: `${P}Expression`, expression: '{{ 1 + }}' }, 'Expression'],
    ['missing property', { type: `${P}Expression` }, "'expression'"],
    ['unknown type', { type: 'io.kestra.plugin.core.condition.Nope' }, 'Unknown condition type'],
    ['unparseable date', { type: `${P}Weekend`, date: 'yesterday' }, "Unable to parse date 'yesterday'"],
    ['no bounds', { type: `${P}TimeBetween` }, 'no before nor after'],
  ])('%s', (_name, def, message) => {
    const r = ok(def as Record<string, unknown>);
    expect(r.ok).toBe(false);
    expect(r.error).toContain(message as string);
  });

  test('the first false condition stops the list', () => {
    const r = evaluateConditions([
      { type: `${P}Expression`, expression: 'false' },
      { type: `${P}Expression`, expression: '{{ missing }}' },
    ], slot('2024-12-20T10:00:00Z'));
    expect(r).toEqual({ ok: false });
  });

  test('no conditions, or a map of conditions', () => {
    const ctx = slot('2024-12-20T10:00:00Z');
    expect(evaluateConditions(undefined, ctx)).toEqual({ ok: true });
    expect(evaluateConditions([], ctx)).toEqual({ ok: true });
    expect(evaluateConditions({ a: { type: `${P}Weekend` }, b: { type: `${P}Expression`, expression: 'yes' } }, ctx).ok).toBe(false);
    expect(evaluateConditions({ a: { type: `${P}DayWeek`, dayOfWeek: 'FRIDAY' } }, ctx).ok).toBe(true);
  });
});

describe('Not / Or', () => {
  const fri = slot('2024-12-20T10:00:00Z');
  const weekend = { type: `${P}Weekend` };
  const friday = { type: `${P}DayWeek`, dayOfWeek: 'FRIDAY' };
  const broken = { type: `${P}Expression`, expression: '{{ missing }}' };

  test('Not is true when none holds; Or when any holds', () => {
    expect(testCondition({ type: `${P}Not`, conditions: [weekend] }, fri)).toBe(true);
    expect(testCondition({ type: `${P}Not`, conditions: [weekend, friday] }, fri)).toBe(false);
    expect(testCondition({ type: `${P}Or`, conditions: [weekend, friday] }, fri)).toBe(true);
    expect(testCondition({ type: `${LEGACY}OrCondition`, conditions: [weekend] }, fri)).toBe(false);
    expect(testCondition({ type: `${LEGACY}NotCondition`, conditions: [friday] }, fri)).toBe(false);
  });

  test('nesting', () => {
    const notOr = { type: `${P}Not`, conditions: [{ type: `${P}Or`, conditions: [weekend, { type: `${P}Not`, conditions: [friday] }] }] };
    expect(testCondition(notOr, fri)).toBe(true);
    expect(testCondition(notOr, slot('2024-12-21T10:00:00Z'))).toBe(false);
  });

  test('a throwing child makes the whole condition false with the error; Or stops at the first true', () => {
    const r = ok({ type: `${P}Not`, conditions: [weekend, broken] }, fri);
    expect(r.ok).toBe(false);
    expect(r.error).toContain('Not:');
    expect(ok({ type: `${P}Or`, conditions: [friday, broken] }, fri)).toEqual({ ok: true });
    expect(ok({ type: `${P}Or`, conditions: [] }, fri).error).toContain('non-empty');
  });
});

describe('day conditions', () => {
  test('DayWeek reads the slot date in its own offset', () => {
    const late = slot('2024-12-20T23:30:00-05:00'); // Saturday in UTC, still Friday in New York
    expect(testCondition({ type: `${P}DayWeek`, dayOfWeek: 'FRIDAY' }, late)).toBe(true);
    expect(testCondition({ type: `${P}Weekend` }, late)).toBe(false);
    expect(testCondition({ type: `${P}Weekend` }, slot('2024-12-21T04:30:00Z'))).toBe(true);
    expect(testCondition({ type: `${LEGACY}DayWeekCondition`, dayOfWeek: 'MONDAY', date: '2024-12-23' }, late)).toBe(true);
    expect(testCondition({ type: `${P}DayWeek`, dayOfWeek: 'MONDAY', date: '2024-12-23T01:00:00+01:00[Europe/Paris]' }, late)).toBe(true);
  });

  test('DayWeekInMonth FIRST..FOURTH and LAST', () => {
    const d = (date: string, dayInMonth: string, dayOfWeek = 'FRIDAY') =>
      testCondition({ type: `${P}DayWeekInMonth`, dayOfWeek, dayInMonth, date }, slot(date));
    expect(d('2024-12-06', 'FIRST')).toBe(true);
    expect(d('2024-12-13', 'FIRST')).toBe(false);
    expect(d('2024-12-13', 'SECOND')).toBe(true);
    expect(d('2024-12-20', 'THIRD')).toBe(true);
    expect(d('2024-12-27', 'FOURTH')).toBe(true);
    expect(d('2024-12-27', 'LAST')).toBe(true);
    expect(d('2024-12-20', 'LAST')).toBe(false);
    expect(d('2024-12-31', 'LAST', 'TUESDAY')).toBe(true);
    expect(d('2024-12-06', 'FIRST', 'MONDAY')).toBe(false);
    expect(ok({ type: `${LEGACY}DayWeekInMonthCondition`, dayOfWeek: 'FRIDAY', dayInMonth: 'FIFTH' }).error).toContain('FIFTH');
  });
});

describe('TimeBetween / DateTimeBetween', () => {
  test('TimeBetween compares offset times strictly', () => {
    const ctx = slot('2024-12-20T10:15:00+01:00'); // 09:15 UTC
    const t = (extra: Record<string, unknown>) => testCondition({ type: `${P}TimeBetween`, ...extra }, ctx);
    expect(t({ after: '09:00:00Z' })).toBe(true);
    expect(t({ after: '10:00:00+01:00', before: '11:00:00+01:00' })).toBe(true);
    expect(t({ before: '10:00:00' })).toBe(false); // no offset: the date's own (+01:00)
    expect(t({ after: '10:15:00+01:00' })).toBe(false);
    expect(t({ before: '09:30:00Z' })).toBe(true);
    expect(testCondition({ type: `${LEGACY}TimeBetweenCondition`, after: '09:00:00-05:00' }, ctx)).toBe(false); // 14:00 UTC
  });

  test('DateTimeBetween with zones; local dates use the context timezone', () => {
    const ctx = slot('2024-12-20T10:15:00', 'Europe/Paris'); // 09:15Z
    const d = (extra: Record<string, unknown>) => testCondition({ type: `${P}DateTimeBetween`, ...extra }, ctx);
    expect(d({ after: '2024-12-20T09:00:00Z' })).toBe(true);
    expect(d({ after: '2024-12-20T09:00:00Z', before: '2024-12-20T09:10:00Z' })).toBe(false);
    expect(d({ before: '2024-12-20T10:30:00+01:00[Europe/Paris]' })).toBe(true);
    expect(d({ after: '2024-12-20T10:00:00' })).toBe(true); // Paris local
    expect(testCondition({ type: `${LEGACY}DateTimeBetweenCondition`, before: '2024-12-20T09:15:00Z' }, ctx)).toBe(false);
  });
});

describe('PublicHoliday (built-in calendar)', () => {
  const h = (date: string, country: string) => testCondition({ type: `${P}PublicHoliday`, date, country }, slot(date));

  test('computus', () => {
    expect(easterSunday(2024).equals(LocalDate.of(2024, 3, 31))).toBe(true);
    expect(easterSunday(2025).equals(LocalDate.of(2025, 4, 20))).toBe(true);
    expect(easterSunday(2000).equals(LocalDate.of(2000, 4, 23))).toBe(true);
  });

  test('fixed and movable holidays', () => {
    expect(h('2023-01-01', 'FR')).toBe(true);
    expect(h('2024-07-14', 'FR')).toBe(true);
    expect(h('2024-05-09', 'FR')).toBe(true); // Ascension
    expect(h('2024-05-20', 'fr')).toBe(true); // Whit Monday
    expect(h('2024-03-08', 'FR')).toBe(false);
    expect(h('2024-10-03', 'DE')).toBe(true);
    expect(h('2024-03-29', 'DE')).toBe(true); // Good Friday
    expect(h('2024-11-28', 'US')).toBe(true); // Thanksgiving
    expect(h('2021-12-31', 'US')).toBe(true); // New Year 2022 observed
    expect(h('2026-07-03', 'US')).toBe(true); // July 4th on a Saturday
    expect(testCondition({ type: `${LEGACY}PublicHolidayCondition`, country: 'IT' }, slot('2024-06-02T08:00:00+02:00'))).toBe(true);
  });

  test('unsupported countries, sub-divisions and a missing country are errors', () => {
    expect(ok({ type: `${P}PublicHoliday`, country: 'JP' }).error).toContain("country 'JP' is not supported");
    expect(ok({ type: `${P}PublicHoliday`, country: 'FR', subDivision: 'A' }).error).toContain('sub-divisions');
    expect(ok({ type: `${P}PublicHoliday` }).error).toContain('country is required');
  });
});
