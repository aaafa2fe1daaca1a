import { describe, expect, test } from 'bun:test';
import { CTX, engine } from './helpers.ts';

const e = engine();
const paris = engine({ timezone: 'Europe/Paris' });
const cases: [string, string][] = [
  // now() with the injected clock
  ['{{ now() }}', '2024-06-01T10:15:30.123000Z'],
  ["{{ now('yyyy-MM-dd') }}", '2024-06-01'],
  ["{{ now(format='HH:mm') }}", '10:15'],
  ["{{ now(timeZone='Europe/Paris') }}", '2024-06-01T12:15:30.123000+02:00'],
  ["{{ now('iso_sec') }}", '2024-06-01T10:15:30Z'],
  ["{{ now('sql') }}", '2024-06-01 10:15:30.123000'],
  ["{{ now('sql_seq') }}", '2024-06-01 10:15:30'],
  ["{{ now('iso_instant') }}", '2024-06-01T10:15:30.123Z'],
  ["{{ now('iso_local_date') }}", '2024-06-01'],
  ["{{ now('iso_local_date_time') }}", '2024-06-01T10:15:30.123'],
  ["{{ now('iso_local_time') }}", '10:15:30.123'],
  ["{{ now('iso_offset_date_time') }}", '2024-06-01T10:15:30.123Z'],
  ["{{ now('iso_date') }}", '2024-06-01Z'],
  ["{{ now('iso_ordinal_date') }}", '2024-153Z'],
  ["{{ now('iso_week_date') }}", '2024-W22-6Z'],
  ["{{ now('rfc_1123_date_time') }}", 'Sat, 1 Jun 2024 10:15:30 GMT'],
  ["{{ now('EEEE d MMMM yyyy') }}", 'Saturday 1 June 2024'],
  ["{{ now('EEE, MMM d') }}", 'Sat, Jun 1'],
  ["{{ now('h:mm a') }}", '10:15 AM'],
  ["{{ now(\"yyyyMMdd'T'HHmmss\") }}", '20240601T101530'],
  ["{{ now('yy-M-d') }}", '24-6-1'],
  ["{{ now('D') }}", '153'],
  ["{{ now('Q QQQ') }}", '2 Q2'],
  ["{{ now('xxx Z') }}", '+00:00 +0000'],
  // date filter
  ['{{ inputs.date | date }}', '2024-01-15T08:30:00.000000Z'],
  ["{{ inputs.date | date('yyyy-MM-dd') }}", '2024-01-15'],
  ["{{ inputs.date | date('yyyy-MM-dd HH:mm', timeZone='America/New_York') }}", '2024-01-15 03:30'],
  ["{{ inputs.date | date(format='HH:mm:ssXXX', timeZone='Asia/Kolkata') }}", '14:00:00+05:30'],
  ["{{ '2024-01-15T08:30:00+02:00' | date('HH:mm') }}", '06:30'],
  ["{{ '2024-01-15T08:30:00.123456Z' | date }}", '2024-01-15T08:30:00.123456Z'],
  ["{{ '2024-01-15T08:30:00' | date('HH:mm') }}", '08:30'],
  ["{{ inputs.day | date }}", '2024-01-15T00:00:00.000000Z'],
  ["{{ '15/01/2024' | date('yyyy-MM-dd', existingFormat='dd/MM/yyyy') }}", '2024-01-15'],
  ["{{ 1700000000 | date('yyyy-MM-dd HH:mm:ss') }}", '2023-11-14 22:13:20'],
  ['{{ inputs.nothing | date }}', ''],
  ["{{ execution.startDate | date('MMM d, yyyy') }}", 'Jun 1, 2024'],
  ["{{ inputs.date | date('iso_zoned_date_time', timeZone='Europe/Paris') }}", '2024-01-15T09:30:00+01:00[Europe/Paris]'],
  ["{{ inputs.date | date('medium') }}", 'Jan 15, 2024, 8:30:00\u202fAM'],
  // dateAdd
  ["{{ inputs.date | dateAdd(1, 'DAYS') }}", '2024-01-16T08:30:00.000000Z'],
  ["{{ inputs.date | dateAdd(-1, 'DAYS', 'yyyy-MM-dd') }}", '2024-01-14'],
  ["{{ inputs.date | dateAdd(2, 'HOURS', 'HH:mm') }}", '10:30'],
  ["{{ inputs.date | dateAdd(-30, 'MINUTES', 'HH:mm') }}", '08:00'],
  ["{{ inputs.date | dateAdd(1, 'MONTHS', 'yyyy-MM-dd') }}", '2024-02-15'],
  ["{{ inputs.date | dateAdd(1, 'WEEKS', 'yyyy-MM-dd') }}", '2024-01-22'],
  ["{{ inputs.date | dateAdd(1, 'YEARS', 'yyyy') }}", '2025'],
  ["{{ now() | dateAdd(-1, 'DAYS', 'yyyy-MM-dd') }}", '2024-05-31'],
  ["{{ inputs.date | dateAdd(90, 'SECONDS', format='HH:mm:ss') }}", '08:31:30'],
  // timestamps
  ['{{ inputs.date | timestamp }}', '1705307400'],
  ["{{ '2024-01-15T08:30:00.123456Z' | timestampMicro }}", '1705307400000123456'],
  ["{{ '2024-01-15T08:30:00.123456789Z' | timestampNano }}", '1705307400123456789'],
  ["{{ inputs.day | timestamp(timeZone='Europe/Paris') }}", '1705273200'],
];

describe('dates', () => {
  test.each(cases)('%s', (tpl, expected) => {
    expect(e.render(tpl, CTX)).toBe(expected);
  });

  test('server time zone hook applies when no timeZone argument is given', () => {
    expect(paris.render('{{ now() }}', CTX)).toBe('2024-06-01T12:15:30.123000+02:00');
    expect(paris.render("{{ inputs.date | date('HH:mm') }}", CTX)).toBe('09:30');
  });
});
