// The `locale` argument of date, dateAdd and now(): Java DateTimeFormatter text in that locale
// (CLDR names, formatting vs standalone forms, localized styles) and Java's locale week rules.
import { describe, expect, test } from 'bun:test';
import { createExpressionEngine } from '../../src/expressions/index.ts';

const e = createExpressionEngine({ now: () => new Date('2026-12-07T10:15:30.123Z') }); // a Monday
const render = (t: string) => e.render(t, {});
const fails = (t: string) => { try { render(t); return ''; } catch (err) { return (err as Error).message; } };

describe('names in the requested locale', () => {
  test.each([
    ["{{ now('EEEE d MMMM yyyy', locale='fr') }}", 'lundi 7 décembre 2026'],
    ["{{ '2026-12-07T10:00:00Z' | date('EEEE d MMMM yyyy', locale='fr') }}", 'lundi 7 décembre 2026'],
    ["{{ '2026-12-07' | dateAdd(1, 'DAYS', 'EEEE d MMMM', locale='it') }}", 'martedì 8 dicembre'],
    ["{{ now('EEE d MMM yyyy', locale='fr_FR') }}", 'lun. 7 déc. 2026'],
    ["{{ now('EEEE, d. MMMM yyyy', locale='de-DE') }}", 'Montag, 7. Dezember 2026'],
    ["{{ now('EEEEE MMMMM', locale='de') }}", 'M D'],
    // Polish months: genitive inside a date (MMMM), nominative alone (LLLL)
    ["{{ now('d MMMM | LLLL', locale='pl') }}", '7 grudnia | grudzień'],
    ["{{ now('MMMM', locale='ja') }}", '12月'],
    ["{{ now('G GGGG', locale='fr') }}", 'ap. J.-C. après Jésus-Christ'],
    ["{{ now('zzzz', locale='fr', timeZone='Europe/Paris') }}", 'heure normale d’Europe centrale'],
    // digits stay ASCII, as Java's DecimalStyle.STANDARD prints them
    ["{{ now('d MMMM yyyy', locale='ar') }}", '7 ديسمبر 2026'],
  ])('%s → %s', (t, out) => expect(render(t)).toBe(out));

  test('without a locale, and with en or en_US, the text is Kestra\'s English', () => {
    const english = 'Monday 7 December 2026 10:15 AM';
    expect(render("{{ now('EEEE d MMMM yyyy hh:mm a') }}")).toBe(english);
    expect(render("{{ now('EEEE d MMMM yyyy hh:mm a', locale='en') }}")).toBe(english);
    expect(render("{{ now('EEEE d MMMM yyyy hh:mm a', locale='en_US') }}")).toBe(english);
  });
});

describe('localized styles (full, long, medium, short)', () => {
  test.each([
    ["{{ now('full', locale='fr', timeZone='Europe/Paris') }}", 'lundi 7 décembre 2026 à 11:15:30 heure normale d’Europe centrale'],
    ["{{ now('long', locale='de', timeZone='Europe/Berlin') }}", '7. Dezember 2026 um 11:15:30 MEZ'],
    ["{{ now('medium', locale='de') }}", '07.12.2026, 10:15:30'],
    ["{{ now('short', locale='en_GB') }}", '07/12/2026, 10:15'],
    // Java 21 (CLDR 42) prints a narrow no-break space before AM/PM
    ["{{ now('short', locale='en_CA') }}", '2026-12-07, 10:15\u202fa.m.'],
    ["{{ now('full', locale='en') }}", 'Monday, December 7, 2026 at 10:15:30\u202fAM Coordinated Universal Time'],
  ])('%s → %s', (t, out) => expect(render(t)).toBe(out));
});

describe('locale-independent formatters', () => {
  test('ISO and RFC 1123 formatters ignore the locale, as Java\'s constants do', () => {
    expect(render("{{ now('rfc_1123_date_time', locale='fr') }}")).toBe('Mon, 7 Dec 2026 10:15:30 GMT');
    expect(render("{{ now('iso_week_date', locale='en_US') }}")).toBe('2026-W50-1Z');
    expect(render("{{ now('iso_sec', locale='ja') }}")).toBe('2026-12-07T10:15:30Z');
  });
});

describe('week fields follow the locale (Java WeekFields.of)', () => {
  // 2024-06-02 is a Sunday; 2024-12-29 a Sunday whose week straddles the new year
  test.each([
    ["{{ '2024-06-02' | date('e w') }}", '1 23'], // Locale.US: Sunday starts week 23
    ["{{ '2024-06-02' | date('e w', locale='fr_FR') }}", '7 22'], // France: Monday, ISO-like
    ["{{ '2024-12-29' | date('YYYY-ww') }}", '2025-01'],
    ["{{ '2024-12-29' | date('YYYY-ww', locale='de_DE') }}", '2024-52'],
    ["{{ '2024-12-29' | date('iso_week_date') }}", '2024-W52-7Z'],
    ["{{ '2026-12-07' | date('W', locale='fr_FR') }}", '2'],
    // a language without a country uses the US week, as Java does
    ["{{ '2024-06-02' | date('e', locale='fr') }}", '1'],
  ])('%s → %s', (t, out) => expect(render(t)).toBe(out));
});

describe('locale text', () => {
  test('accepts what Apache Commons LocaleUtils accepts', () => {
    for (const l of ['fr', 'fr_FR', 'fr-FR', 'fr_FR_POSIX', 'fr__POSIX', 'es_419', '_FR', '']) {
      expect(fails(`{{ now('MMMM', locale='${l}') }}`)).toBe('');
    }
  });

  test.each(['FR', 'fr_fr', 'f', 'fr_', 'french', 'fr#x'])('refuses %s like Kestra', (l) => {
    expect(fails(`{{ now('MMMM', locale='${l}') }}`)).toContain(`Invalid locale format: ${l}`);
  });
});
