// Syntax check of Kestra's cron dialect (engine-contract §5.2): 5 fields, or 6 with seconds
// first when `withSeconds: true`; `*`, lists, ranges, steps; month and day names; @nicknames.
// No `?`, `L`, `W`, `#`. Only validity is decided here, the scheduler computes dates.

export const CRON_NICKNAMES = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'] as const;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec { min: number; max: number; names?: string[]; nameBase?: number }

const SECOND: FieldSpec = { min: 0, max: 59 };
const MINUTE: FieldSpec = { min: 0, max: 59 };
const HOUR: FieldSpec = { min: 0, max: 23 };
const DOM: FieldSpec = { min: 1, max: 31 };
const MONTH: FieldSpec = { min: 1, max: 12, names: MONTHS, nameBase: 1 };
const DOW: FieldSpec = { min: 0, max: 7, names: DAYS, nameBase: 0 };

function value(text: string, spec: FieldSpec): number | undefined {
  if (/^\d{1,2}$/.test(text)) {
    const n = Number(text);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const idx = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  return idx >= 0 ? idx + (spec.nameBase ?? 0) : undefined;
}

function validPart(part: string, spec: FieldSpec): boolean {
  const [range, step, extra] = part.split('/');
  if (extra !== undefined || range === undefined || range === '') return false;
  if (step !== undefined && !/^\d{1,3}$/.test(step)) return false;
  if (step !== undefined && Number(step) < 1) return false;
  if (range === '*') return true;
  const bounds = range.split('-');
  if (bounds.length > 2) return false;
  const start = value(bounds[0]!, spec);
  if (start === undefined) return false;
  if (bounds.length === 1) return true;
  const end = value(bounds[1]!, spec);
  return end !== undefined && start <= end;
}

function validField(field: string, spec: FieldSpec): boolean {
  return field.split(',').every((part) => validPart(part, spec));
}

export function isValidCron(expression: unknown, withSeconds = false): boolean {
  if (typeof expression !== 'string') return false;
  const text = expression.trim();
  if (text.startsWith('@')) return (CRON_NICKNAMES as readonly string[]).includes(text.toLowerCase());
  const fields = text.split(/\s+/);
  const specs = withSeconds ? [SECOND, MINUTE, HOUR, DOM, MONTH, DOW] : [MINUTE, HOUR, DOM, MONTH, DOW];
  if (fields.length !== specs.length) return false;
  return fields.every((f, i) => validField(f, specs[i]!));
}
