// Proleptic Gregorian calendar arithmetic on plain integers. Wall-clock ("local") times are
// represented as seconds since 1970-01-01T00:00 of the same wall clock, which keeps the cron search
// allocation-free and independent of any time zone.

export const DAY = 86_400;

/** Days since 1970-01-01 of a civil date (month 1-12); valid for any year. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12; // March = 0, so the leap day is the last day of the computed year
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export interface Civil { y: number; m: number; d: number }

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): Civil {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m]!;
}

/** 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** Wall-clock seconds of a civil date-time. */
export function localSeconds(y: number, m: number, d: number, h: number, mi: number, s: number): number {
  return daysFromCivil(y, m, d) * DAY + h * 3600 + mi * 60 + s;
}

/** The civil year of wall-clock seconds. */
export function yearOf(local: number): number {
  return civilFromDays(Math.floor(local / DAY)).y;
}
