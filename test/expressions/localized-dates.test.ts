// Date text as Java's DateTimeFormatter prints and parses it in Kestra's default English locale,
// and the predefined formatter names of Kestra's AbstractDate (format and existingFormat).
import { describe, expect, test } from 'bun:test';
import { engine } from './helpers.ts';

const e = engine(); // now = 2024-06-01T10:15:30.123Z, a Saturday
const render = (t: string) => e.render(t, {});
const fails = (t: string) => { try { render(t); return ''; } catch (err) { return (err as Error).message; } };

describe('localized text when formatting', () => {
  test.each([
    ["{{ now('EEEE, MMMM d, yyyy') }}", 'Saturday, June 1, 2024'],
    ["{{ now('EEE MMM dd') }}", 'Sat Jun 01'],
    ["{{ now('EEEEE MMMMM') }}", 'S J'],
    ["{{ now('h:mm a') }}", '10:15 AM'],
    ["{{ now('hh a', timeZone='America/New_York') }}", '06 AM'],
    ["{{ now('G GGGG') }}", 'AD Anno Domini'],
    ["{{ '-0043-03-15' | date('d MMM y G') }}", '15 Mar 44 BC'],
    ["{{ now('QQQ QQQQ') }}", 'Q2 2nd quarter'],
    ["{{ now('z zzzz', timeZone='Europe/Paris') }}", 'CEST Central European Summer Time'],
    ["{{ now('z', timeZone='America/New_York') }}", 'EDT'],
    ["{{ now('z zzzz') }}", 'UTC Coordinated Universal Time'],
  ])('%s → %s', (t, out) => expect(render(t)).toBe(out));
});

describe('predefined formatter names', () => {
  test.each([
    ["{{ now('rfc_1123_date_time') }}", 'Sat, 1 Jun 2024 10:15:30 GMT'],
    ["{{ now('rfc_1123_date_time', timeZone='Europe/Paris') }}", 'Sat, 1 Jun 2024 12:15:30 +0200'],
    ["{{ now('iso_week_date') }}", '2024-W22-6Z'],
    ["{{ now('iso_ordinal_date') }}", '2024-153Z'],
    ["{{ now('iso_zoned_date_time', timeZone='Europe/Paris') }}", '2024-06-01T12:15:30.123+02:00[Europe/Paris]'],
  ])('format %s → %s', (t, out) => expect(render(t)).toBe(out));

  test('names Kestra does not register are Java patterns, hence errors', () => {
    expect(fails("{{ now('basic_iso_date') }}")).toContain('Unknown pattern letter: b');
    expect(fails("{{ '20240601' | date('yyyy', existingFormat='basic_iso_date') }}")).toContain('Unknown pattern letter: b');
  });
});

describe('parsing with existingFormat', () => {
  test.each([
    ["{{ 'Sat, 1 Jun 2024 10:15:30 GMT' | date('yyyy-MM-dd HH:mm:ss', existingFormat='rfc_1123_date_time') }}", '2024-06-01 10:15:30'],
    ["{{ 'Sat, 1 Jun 2024 12:15:30 +0200' | date('iso_sec', existingFormat='rfc_1123_date_time') }}", '2024-06-01T10:15:30Z'],
    ["{{ '1 Jun 2024 12:15 +0200' | date('HH:mm', existingFormat='rfc_1123_date_time') }}", '10:15'],
    ["{{ '15 January 2024' | date('yyyy-MM-dd', existingFormat='dd MMMM yyyy') }}", '2024-01-15'],
    ["{{ 'Jan 15, 2024 10:05 PM' | date('yyyy-MM-dd HH:mm', existingFormat='MMM dd, yyyy hh:mm a') }}", '2024-01-15 22:05'],
    ["{{ 'Monday 15 Jan 2024 09h' | date('iso_sec', existingFormat=\"EEEE d MMM yyyy HH'h'\") }}", '2024-01-15T09:00:00Z'],
    ["{{ '2024-02-31' | date('yyyy-MM-dd', existingFormat='yyyy-MM-dd') }}", '2024-02-29'],
    ["{{ '31 Feb 2023' | date('yyyy-MM-dd', existingFormat='d MMM yyyy') }}", '2023-02-28'],
    ["{{ 'Jun 1 2024 10:15 Europe/Paris' | date('iso_sec', existingFormat='MMM d yyyy HH:mm VV') }}", '2024-06-01T08:15:00Z'],
    ["{{ '1 Jun 2024' | date('iso_sec', existingFormat='d MMM yyyy', timeZone='Europe/Paris') }}", '2024-06-01T00:00:00+02:00'],
    ["{{ '2024-01-15T10:00:00' | date('HH', existingFormat='iso_local_date_time') }}", '10'],
  ])('%s → %s', (t, out) => expect(render(t)).toBe(out));

  test('text that does not fit, or a wrong day of week, fails like Java', () => {
    expect(fails("{{ 'Janvier 15 2024' | date('yyyy', existingFormat='MMMM d yyyy') }}")).toContain("Text 'Janvier 15 2024' could not be parsed");
    expect(fails("{{ 'Tue 15 Jan 2024' | date('yyyy', existingFormat='EEE d MMM yyyy') }}")).toContain('Conflict found: Field DayOfWeek 1 differs from DayOfWeek 2');
    expect(fails("{{ 'Jan 2024' | date('yyyy', existingFormat='MMM yyyy') }}")).toContain('Unable to obtain LocalDate');
  });
});
