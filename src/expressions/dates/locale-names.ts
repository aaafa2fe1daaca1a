// The text a Java DateTimeFormatter prints for a locale (Kestra's `locale` argument of date,
// dateAdd and now): month, day, era and AM/PM names taken from the runtime's Intl (the same CLDR
// data Java 9+ prints), and the week definition Java's WeekFields.of(locale) uses. English
// (Locale.US, Kestra's default locale) is a constant table, so a date without `locale` never
// touches Intl.
import { EvalError } from '../errors.ts';

/** Names by Java text width: full (4 letters), short (1-3), narrow (5). */
export interface TextSet { full: readonly string[]; short: readonly string[]; narrow: readonly string[] }

export interface WeekDef {
  /** 1 = Monday ... 7 = Sunday */
  firstDay: number;
  minDays: number;
}

export interface DateNames {
  /** BCP 47 tag for Intl (zone names, localized styles); undefined = the English defaults */
  tag?: string;
  /** formatting context (MMMM: "grudnia") and standalone (LLLL: "grudzień"); January first */
  months: TextSet;
  monthsStandalone: TextSet;
  /** Monday first */
  days: TextSet;
  daysStandalone: TextSet;
  ampm: readonly [string, string];
  /** [BC, AD] */
  eras: { full: readonly [string, string]; short: readonly [string, string]; narrow: readonly [string, string] };
  /** QQQ and QQQQ (CLDR format names) */
  quarters: { short: readonly string[]; full: readonly string[] };
  week: WeekDef;
}

const widths = (full: string[]): TextSet => ({ full, short: full.map((n) => n.slice(0, 3)), narrow: full.map((n) => n[0]!) });
const EN_MONTHS = widths(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);
const EN_DAYS = widths(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);

/** Locale.US: what Kestra prints when no locale is given */
export const ENGLISH: DateNames = {
  months: EN_MONTHS,
  monthsStandalone: EN_MONTHS,
  days: EN_DAYS,
  daysStandalone: EN_DAYS,
  ampm: ['AM', 'PM'],
  eras: { full: ['Before Christ', 'Anno Domini'], short: ['BC', 'AD'], narrow: ['B', 'A'] },
  quarters: { short: ['Q1', 'Q2', 'Q3', 'Q4'], full: ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'] },
  week: { firstDay: 7, minDays: 1 },
};

/**
 * Quarter names (CLDR, as Java 21 prints QQQ / QQQQ) for common languages: Intl has none. Other
 * languages print the English ones.
 */
const quarterNames = (short: string, full: (q: number) => string) => ({ short: [1, 2, 3, 4].map((q) => short + q), full: [1, 2, 3, 4].map(full) });
const QUARTERS: Record<string, DateNames['quarters']> = {
  fr: quarterNames('T', (q) => `${q}${q === 1 ? 'er' : 'e'} trimestre`),
  de: quarterNames('Q', (q) => `${q}. Quartal`),
  es: quarterNames('T', (q) => `${q}.${q % 2 ? 'er' : 'º'} trimestre`),
  it: quarterNames('T', (q) => `${q}º trimestre`),
  pt: quarterNames('T', (q) => `${q}º trimestre`),
  nl: quarterNames('K', (q) => `${q}e kwartaal`),
  ja: quarterNames('Q', (q) => `第${q}四半期`),
  zh: { short: ['1季度', '2季度', '3季度', '4季度'], full: ['第一季度', '第二季度', '第三季度', '第四季度'] },
  ko: { short: ['1분기', '2분기', '3분기', '4분기'], full: ['제 1/4분기', '제 2/4분기', '제 3/4분기', '제 4/4분기'] },
  ru: { short: [1, 2, 3, 4].map((q) => `${q}-й кв.`), full: [1, 2, 3, 4].map((q) => `${q}-й квартал`) },
  pl: { short: ['I kw.', 'II kw.', 'III kw.', 'IV kw.'], full: ['I kwartał', 'II kwartał', 'III kwartał', 'IV kwartał'] },
};

/** ISO-8601 weeks (Monday, 4 days), for the iso_week_date formatter whatever the locale */
export const ISO_WEEK: WeekDef = { firstDay: 1, minDays: 4 };

const LANGUAGE = /^[a-z]{2,3}$/;
const COUNTRY = /^(?:[A-Z]{2}|\d{3})$/;

/**
 * Apache Commons LocaleUtils.toLocale, which Kestra calls on the argument: `fr`, `fr_FR`, `fr-FR`,
 * `fr_FR_variant`, `_FR`; anything else is "Invalid locale format". Returns a BCP 47 tag.
 */
export function localeTag(text: string): { tag: string; region?: string } {
  const bad = () => new EvalError(`Invalid locale format: ${text}`);
  if (text === '') return { tag: 'und' };
  if (text.includes('#') || text.length < 2) throw bad();
  if (text[0] === '_' || text[0] === '-') {
    const region = text.slice(1, 3);
    if (!/^[A-Z]{2}$/.test(region) || (text.length > 3 && (text.length < 5 || text[3] !== text[0]))) throw bad();
    return { tag: `und-${region}`, region };
  }
  if (LANGUAGE.test(text)) return { tag: text };
  const parts = text.split(text.includes('-') ? '-' : '_');
  const [language, country = '', variant] = parts;
  if (!LANGUAGE.test(language!)) throw bad();
  if (parts.length === 2 && COUNTRY.test(country)) return { tag: `${language}-${country}`, region: country };
  if (parts.length === 3 && (country === '' || COUNTRY.test(country)) && variant !== '') {
    return country ? { tag: `${language}-${country}`, region: country } : { tag: language! };
  }
  throw bad();
}

type Width = 'long' | 'short' | 'narrow';
const WIDTHS: Record<keyof TextSet, Width> = { full: 'long', short: 'short', narrow: 'narrow' };

function part(tag: string, options: Intl.DateTimeFormatOptions, date: number, type: Intl.DateTimeFormatPartTypes): string {
  const f = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', numberingSystem: 'latn', ...options });
  return f.formatToParts(date).find((p) => p.type === type)?.value ?? '';
}

/** `pick(width, i)` for the three widths */
function textSet(pick: (width: Width, i: number) => string, count: number): TextSet {
  const list = (w: Width) => Array.from({ length: count }, (_, i) => pick(w, i));
  return { full: list(WIDTHS.full), short: list(WIDTHS.short), narrow: list(WIDTHS.narrow) };
}

/** CLDR weekData minDays = 4 (ISO-like weeks); every other country counts 1 day. Intl's week
 * info dropped `minimalDays`, so the list is kept here. */
const MIN_DAYS_4 = new Set('AD AN AT AX BE BG CH CZ DE DK EE ES FI FJ FO FR GB GF GG GI GP GR HU IE IM IS IT JE LI LT LU MC MQ NL NO PL PT RE RU SE SJ SK SM VA'.split(' '));

/** Java's WeekFields.of(locale): the country's CLDR week data, and the US rule when there is none */
function weekOf(region: string | undefined): WeekDef {
  const country = region ?? 'US';
  const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & { getWeekInfo?: () => { firstDay: number } };
  const firstDay = locale.getWeekInfo?.().firstDay ?? ENGLISH.week.firstDay;
  return { firstDay, minDays: MIN_DAYS_4.has(country) ? 4 : 1 };
}

function build(tag: string, region: string | undefined): DateNames {
  const month = (m: number) => Date.UTC(2024, m, 15);
  const day = (d: number) => Date.UTC(2024, 0, 1 + d); // 2024-01-01 is a Monday
  // a month in a date takes its formatting form (Polish "grudnia"); languages that print months
  // as numbers there (ja: 12月) keep the standalone text, as CLDR's format names are
  const standaloneMonth = (w: Width, m: number) => new Intl.DateTimeFormat(tag, { timeZone: 'UTC', numberingSystem: 'latn', month: w }).format(month(m));
  const formatMonth = (w: Width, m: number) => {
    const p = part(tag, { month: w, day: 'numeric' }, month(m), 'month');
    return p === '' || /^\d+$/.test(p) ? standaloneMonth(w, m) : p;
  };
  const standaloneDay = (w: Width, d: number) => new Intl.DateTimeFormat(tag, { timeZone: 'UTC', weekday: w }).format(day(d));
  const formatDay = (w: Width, d: number) => part(tag, { weekday: w, day: 'numeric', month: 'long' }, day(d), 'weekday') || standaloneDay(w, d);
  const era = (w: Width, year: number) => part(tag, { era: w, year: 'numeric' }, Date.UTC(year, 5, 1), 'era');
  const period = (hour: number) => part(tag, { hour: 'numeric', hour12: true }, Date.UTC(2024, 0, 1, hour), 'dayPeriod');
  return {
    tag,
    months: textSet(formatMonth, 12),
    monthsStandalone: textSet(standaloneMonth, 12),
    days: textSet(formatDay, 7),
    daysStandalone: textSet(standaloneDay, 7),
    ampm: [period(9) || 'AM', period(21) || 'PM'],
    eras: {
      full: [era('long', -100), era('long', 2024)],
      short: [era('short', -100), era('short', 2024)],
      narrow: [era('narrow', -100), era('narrow', 2024)],
    },
    // Intl has no quarter names: a CLDR table for common languages, else Java's English ones
    quarters: QUARTERS[tag.split('-')[0]!] ?? ENGLISH.quarters,
    week: weekOf(region),
  };
}

const cache = new Map<string, DateNames>();

/** The names for a `locale` argument (Java locale text); built once per locale, then cached. */
export function namesFor(locale: unknown): DateNames {
  const text = String(locale);
  let names = cache.get(text);
  if (!names) {
    const { tag, region } = localeTag(text);
    // Java's `en` has no country, hence US weeks: the same as the default table
    names = tag === 'en' || tag === 'en-US' ? ENGLISH : build(tag, region);
    if (cache.size > 100) cache.clear();
    cache.set(text, names);
  }
  return names;
}
