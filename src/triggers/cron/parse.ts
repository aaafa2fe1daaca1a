// Compiles Kestra's cron dialect (engine-contract §5.2) into lookup tables. The accepted syntax is
// exactly the one of the flow validator's checker (src/flows/cron.ts): 5 fields, or 6 with
// seconds first; `*`, lists, ranges, steps (`*/n`, `a/n`, `a-b/n`); JAN..DEC and SUN..SAT names;
// dow 0 and 7 = Sunday; @nicknames. No `?`, `L`, `W`, `#`.

export class CronError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronError';
  }
}

/** One field's values as O(1) tables, so the date search never scans a list. */
export interface CronField {
  /** has[v] = 1 when v is in the set */
  readonly has: Uint8Array;
  /** next[v] = smallest member >= v, or -1 (defined for v in 0..max+1) */
  readonly next: Int8Array;
  /** prev[v] = largest member <= v, or -1 (defined for v in 0..max) */
  readonly prev: Int8Array;
  readonly size: number;
}

export interface CronSchedule {
  readonly expression: string;
  readonly withSeconds: boolean;
  readonly second: CronField;
  readonly minute: CronField;
  readonly hour: CronField;
  readonly dayOfMonth: CronField;
  readonly month: CronField;
  /** 0 = Sunday .. 6 = Saturday (7 already folded onto 0) */
  readonly dayOfWeek: CronField;
  /** day-of-month written as a bare `*` (cron-utils `Always`): the dom/dow OR rule then does not apply */
  readonly domStar: boolean;
  readonly dowStar: boolean;
  /**
   * Fires every hour or several times within an hour: such schedules follow real time through a
   * DST fall-back and also fire during the repeated hour (cron-utils and Vixie cron do the same);
   * other schedules fire once, at the first occurrence of the repeated wall-clock time.
   */
  readonly repeatsHourly: boolean;
}

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface Spec { readonly name: string; readonly min: number; readonly max: number; readonly names?: string[]; readonly base?: number }

const SECOND: Spec = { name: 'second', min: 0, max: 59 };
const MINUTE: Spec = { name: 'minute', min: 0, max: 59 };
const HOUR: Spec = { name: 'hour', min: 0, max: 23 };
const DOM: Spec = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: Spec = { name: 'month', min: 1, max: 12, names: MONTHS, base: 1 };
const DOW: Spec = { name: 'day-of-week', min: 0, max: 7, names: DAYS, base: 0 };

function fail(expression: string, why: string): never {
  throw new CronError(`invalid cron expression '${expression}': ${why}`);
}

function value(text: string, spec: Spec, expression: string): number {
  if (/^\d{1,2}$/.test(text)) {
    const n = Number(text);
    if (n < spec.min || n > spec.max) fail(expression, `${spec.name} ${n} is out of range ${spec.min}-${spec.max}`);
    return n;
  }
  const idx = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (idx < 0) fail(expression, `'${text}' is not a valid ${spec.name}`);
  return idx + (spec.base ?? 0);
}

/** Adds one comma-separated part (`*`, `a`, `a-b`, each optionally `/step`) to `out`. */
function addPart(part: string, spec: Spec, out: Uint8Array, expression: string): void {
  const [range, step, extra] = part.split('/');
  if (extra !== undefined || range === undefined || range === '') fail(expression, `malformed ${spec.name} '${part}'`);
  if (step !== undefined && (!/^\d{1,3}$/.test(step) || Number(step) < 1)) fail(expression, `invalid step in ${spec.name} '${part}'`);
  let from = spec.min;
  let to = spec.max;
  if (range !== '*') {
    const bounds = range.split('-');
    if (bounds.length > 2) fail(expression, `malformed range in ${spec.name} '${part}'`);
    from = value(bounds[0]!, spec, expression);
    // `a/n` runs from a to the field's maximum (cron-utils semantics); a bare `a` is just a
    to = bounds.length === 2 ? value(bounds[1]!, spec, expression) : step === undefined ? from : spec.max;
    if (from > to) fail(expression, `range ${from}-${to} is reversed in ${spec.name}`);
  }
  const inc = step === undefined ? 1 : Number(step);
  for (let v = from; v <= to; v += inc) out[v] = 1;
}

function tables(has: Uint8Array, max: number): CronField {
  // every entry is written by the loops (no fill, no subarray: they dominate parse time otherwise)
  const next = new Int8Array(max + 2);
  const prev = new Int8Array(max + 1);
  let size = 0;
  next[max + 1] = -1;
  for (let v = max, n = -1; v >= 0; v--) {
    if (has[v]) { n = v; size++; }
    next[v] = n;
  }
  for (let v = 0, p = -1; v <= max; v++) {
    if (has[v]) p = v;
    prev[v] = p;
  }
  return { has, next, prev, size };
}

function field(text: string, spec: Spec, expression: string): CronField {
  const has = new Uint8Array(spec.max + 1);
  for (const part of text.split(',')) addPart(part, spec, has, expression);
  if (spec !== DOW) return tables(has, spec.max);
  const week = new Uint8Array(7); // 7 is another name for Sunday (0)
  for (let v = 0; v < 7; v++) week[v] = has[v]!;
  if (has[7]) week[0] = 1;
  return tables(week, 6);
}

/** Compiles a cron expression; throws CronError on anything the flow validator would reject. */
export function parseCron(expression: string, withSeconds = false): CronSchedule {
  if (typeof expression !== 'string') throw new CronError('invalid cron expression: not a string');
  const text = expression.trim();
  let source = text;
  let secondsText = withSeconds ? undefined : '0';
  if (text.startsWith('@')) {
    const expanded = NICKNAMES[text.toLowerCase()];
    if (expanded === undefined) fail(expression, `unknown nickname ${text}`);
    source = expanded;
    secondsText = '0';
  }
  const fields = source.split(/\s+/);
  const expected = secondsText === undefined ? 6 : 5;
  if (fields.length !== expected) fail(expression, `expected ${expected} fields, got ${text === '' ? 0 : fields.length}`);
  if (secondsText === undefined) secondsText = fields.shift()!;
  const [mi, h, dom, mon, dow] = fields as [string, string, string, string, string];
  const second = field(secondsText, SECOND, expression);
  const minute = field(mi, MINUTE, expression);
  const hour = field(h, HOUR, expression);
  return {
    expression: text,
    withSeconds,
    second,
    minute,
    hour,
    dayOfMonth: field(dom, DOM, expression),
    month: field(mon, MONTH, expression),
    dayOfWeek: field(dow, DOW, expression),
    domStar: dom === '*',
    dowStar: dow === '*',
    repeatsHourly: hour.size === 24 || minute.size > 1 || second.size > 1,
  };
}
