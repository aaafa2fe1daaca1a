// The body of `PUT /namespaces/{ns}/kv/{key}` is read as Amazon Ion text, as Kestra does
// (api-contract §3.13): a superset of JSON where bare words are symbols (read back as strings),
// `2021-09-01` is a date and `2021-09-01T01:02:03Z` a timestamp. This reader covers the Ion that
// people type: JSON, symbols, quoted symbols, long strings, dates, timestamps, decimals,
// hex/binary integers, `//` and `/* */` comments. Annotations and s-expressions are refused.

import { inferKvType, javaInstant, type KvType } from './model.ts';

export interface IonValue { value: unknown; type: KvType }

class Unparsable extends Error {}
const fail = (): never => { throw new Unparsable(); };

const DIGITS = /[0-9]/;
const SYMBOL_START = /[A-Za-z_$]/;
const SYMBOL_REST = /^[A-Za-z0-9_$]*/;
// year, month and day precision end with `T` unless a full date; a time needs an offset (Ion rule)
const TIMESTAMP = /^(\d{4})(?:T|-(\d{2})(?:T|-(\d{2})(?:T(?:(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?)/;
const NUMBER = /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|(?:\d[\d_]*)(?:\.[\d_]*)?(?:[eEdD][-+]?\d+)?)/;

/** A date or timestamp, typed: a timestamp with a time is an instant (DATETIME), else a DATE. */
type Temporal = { date: string } | { instant: number };

class Reader {
  private i = 0;
  constructor(private readonly text: string) {}

  document(): IonValue {
    this.skip();
    const value = this.value();
    this.skip();
    if (this.i < this.text.length) fail();
    if (isTemporal(value)) return 'date' in value ? { value: value.date, type: 'DATE' } : { value: javaInstant(value.instant), type: 'DATETIME' };
    const plain = toPlain(value);
    if (plain === null) return { value: null, type: 'STRING' }; // Kestra types a null as STRING
    return { value: plain, type: inferKvType(plain) };
  }

  private skip(): void {
    const t = this.text;
    for (;;) {
      while (this.i < t.length && /\s/.test(t[this.i]!)) this.i++;
      if (t.startsWith('//', this.i)) {
        const end = t.indexOf('\n', this.i);
        this.i = end < 0 ? t.length : end + 1;
      } else if (t.startsWith('/*', this.i)) {
        const end = t.indexOf('*/', this.i + 2);
        if (end < 0) fail();
        this.i = end + 2;
      } else return;
    }
  }

  private value(): unknown {
    const t = this.text;
    const c = t[this.i];
    if (c === undefined) return fail();
    if (c === '{') return this.struct();
    if (c === '[') return this.list();
    if (c === '"') return this.shortString();
    if (t.startsWith("'''", this.i)) return this.longStrings();
    if (c === "'") return this.quotedSymbol();
    if (DIGITS.test(c) || ((c === '-' || c === '+') && DIGITS.test(t[this.i + 1] ?? ''))) return this.numberOrTimestamp();
    if (SYMBOL_START.test(c)) return this.symbol();
    return fail();
  }

  private struct(): Record<string, unknown> {
    this.i++; // {
    const out: Record<string, unknown> = {};
    for (;;) {
      this.skip();
      if (this.text[this.i] === '}') { this.i++; return out; }
      const name = this.fieldName();
      this.skip();
      if (this.text[this.i] !== ':' || this.text[this.i + 1] === ':') fail(); // `a::b` is an annotation
      this.i++;
      this.skip();
      out[name] = this.value();
      this.skip();
      const next = this.text[this.i];
      if (next === ',') this.i++;
      else if (next !== '}') fail();
    }
  }

  private fieldName(): string {
    const t = this.text;
    if (t[this.i] === '"') return this.shortString();
    if (t.startsWith("'''", this.i)) return this.longStrings();
    if (t[this.i] === "'") return this.quotedSymbol();
    if (SYMBOL_START.test(t[this.i] ?? '')) return this.symbolText();
    return fail();
  }

  private list(): unknown[] {
    this.i++; // [
    const out: unknown[] = [];
    for (;;) {
      this.skip();
      if (this.text[this.i] === ']') { this.i++; return out; }
      out.push(this.value());
      this.skip();
      const next = this.text[this.i];
      if (next === ',') this.i++;
      else if (next !== ']') fail();
    }
  }

  private shortString(): string {
    const end = this.closing('"', this.i + 1);
    const raw = this.text.slice(this.i, end + 1);
    this.i = end + 1;
    return unescape(raw.slice(1, -1));
  }

  /** `'''a''' '''b'''` is one string "ab" */
  private longStrings(): string {
    let out = '';
    do {
      const end = this.text.indexOf("'''", this.i + 3);
      if (end < 0) fail();
      out += unescape(this.text.slice(this.i + 3, end));
      this.i = end + 3;
      this.skip();
    } while (this.text.startsWith("'''", this.i));
    return out;
  }

  private quotedSymbol(): string {
    const end = this.closing("'", this.i + 1);
    const raw = this.text.slice(this.i + 1, end);
    this.i = end + 1;
    return unescape(raw);
  }

  private closing(quote: string, from: number): number {
    let j = from;
    while (j < this.text.length && this.text[j] !== quote) {
      if (this.text[j] === '\n') fail(); // short strings and quoted symbols are one line
      j += this.text[j] === '\\' ? 2 : 1;
    }
    if (j >= this.text.length) fail();
    return j;
  }

  private symbolText(): string {
    const m = SYMBOL_REST.exec(this.text.slice(this.i + 1))!;
    const text = this.text.slice(this.i, this.i + 1 + m[0].length);
    this.i += text.length;
    return text;
  }

  private symbol(): unknown {
    const text = this.symbolText();
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (text === 'null') {
      // typed nulls: null.string, null.int, ...
      if (this.text[this.i] === '.') { this.i++; this.symbolText(); }
      return null;
    }
    if (text === 'nan') fail(); // not representable in JSON
    this.skip();
    if (this.text.startsWith('::', this.i)) fail(); // annotations are not supported
    return text;
  }

  private numberOrTimestamp(): unknown {
    const rest = this.text.slice(this.i);
    const ts = TIMESTAMP.exec(rest);
    if (ts) {
      this.i += ts[0].length;
      this.delimited();
      return temporal(ts);
    }
    const m = NUMBER.exec(rest);
    if (!m) return fail();
    this.i += m[0].length;
    this.delimited();
    return parseNumber(m[0]);
  }

  /** a number or timestamp must be followed by a delimiter, not glued to more text */
  private delimited(): void {
    const next = this.text[this.i];
    if (next !== undefined && !/[\s,\]}\/]/.test(next)) fail();
  }
}

function temporal(m: RegExpExecArray): Temporal {
  const [, year, month = '01', day = '01', hour, minute, second = '00', fraction = '', offset] = m;
  const date = `${year}-${month}-${day}`;
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) fail();
  if (hour === undefined) return tag({ date });
  const zone = offset === 'Z' || offset === '-00:00' ? 'Z' : offset!;
  const ms = Date.parse(`${date}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${zone}`);
  if (Number.isNaN(ms)) fail();
  return tag({ instant: ms });
}

function parseNumber(text: string): number {
  const clean = text.replace(/_/g, '');
  const sign = clean.startsWith('-') ? -1 : 1;
  const body = clean.replace(/^[-+]/, '');
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else n = Number(body.replace(/[dD]/, 'e'));
  if (!Number.isFinite(n)) fail();
  return sign * n;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '0': '\0', '"': '"', "'": "'", '\\': '\\', '/': '/', '?': '?' };

function unescape(raw: string): string {
  return raw.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\r?\n|.)/g, (_, e: string) => {
    if (e[0] === 'x' || e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (e === '\n' || e === '\r\n') return ''; // line continuation
    const mapped = ESCAPES[e];
    return mapped ?? fail();
  });
}

function isTemporal(v: unknown): v is Temporal {
  return v instanceof Object && !Array.isArray(v) && Object.getPrototypeOf(v) === TemporalProto;
}

// Temporals are tagged by prototype so that a struct `{date: "x"}` is never mistaken for one.
const TemporalProto = {};
function tag<T extends object>(o: T): T { return Object.setPrototypeOf(o, TemporalProto); }

/** nested dates and timestamps become their ISO text inside JSON values */
function toPlain(v: unknown): unknown {
  if (isTemporal(v)) return 'date' in v ? v.date : javaInstant(v.instant);
  if (Array.isArray(v)) return v.map(toPlain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
  return v;
}

/** The typed value of an Ion text, or undefined when it is not valid Ion (the caller answers 422). */
export function parseIonValue(text: string): IonValue | undefined {
  try {
    return new Reader(text).document();
  } catch (err) {
    if (err instanceof Unparsable) return undefined;
    throw err;
  }
}

