// Number filters: abs, number(type), numberFormat(pattern) (java.text.DecimalFormat subset).
import type { FilterDef } from '../callables.ts';
import { EvalError } from '../errors.ts';
import { toJavaString } from '../print.ts';
import { isDouble, isNumber, makeDouble, num } from '../values.ts';

function parseNumber(text: string, type: string | null): unknown {
  const s = text.trim();
  const n = Number(s);
  if (s === '' || Number.isNaN(n)) throw new EvalError(`${s} is not a valid number`);
  switch (type?.toUpperCase() ?? null) {
    case null:
    case 'BIGDECIMAL':
      // NumberUtils.createNumber: a decimal point or exponent gives a floating type
      return /[.eE]/.test(s) ? makeDouble(n) : n;
    case 'INT': case 'INTEGER': case 'LONG': case 'BIGINTEGER':
      if (!Number.isInteger(n)) throw new EvalError(`For input string: "${s}"`);
      return n;
    case 'FLOAT': case 'DOUBLE':
      return makeDouble(n);
    default:
      throw new EvalError(`Unknown number type ${type}`);
  }
}

/** Round half-even to `digits` decimals, as DecimalFormat does by default. toFixed rounds
 *  exact ties up, so ties are detected on the (exact) long expansion and resolved to even. */
function roundHalfEven(x: number, digits: number): string {
  const exact = x.toFixed(Math.min(100, digits + 30));
  const [ip = '0', fp = ''] = exact.split('.');
  if (/^50*$/.test(fp.slice(digits))) {
    const kept = ip + fp.slice(0, digits);
    if (Number(kept[kept.length - 1]) % 2 === 0) return digits ? `${ip}.${fp.slice(0, digits)}` : ip;
  }
  return x.toFixed(digits);
}

export function decimalFormat(value: number, pattern: string): string {
  const pat = pattern.split(';')[0]!;
  const m = /^([^#0,.]*)([#0,]*)(?:\.([#0]*))?(.*)$/.exec(pat);
  if (!m) throw new EvalError(`Malformed pattern "${pattern}"`);
  const [, prefix = '', intPart = '', fracPart = '', suffix = ''] = m;
  let x = value;
  if (suffix.includes('%') || prefix.includes('%')) x *= 100;
  const minInt = (intPart.match(/0/g) ?? []).length;
  const minFrac = (fracPart.match(/0/g) ?? []).length;
  const maxFrac = fracPart.length;
  const lastComma = intPart.lastIndexOf(',');
  const group = lastComma >= 0 ? intPart.length - lastComma - 1 : 0;
  const neg = x < 0;
  let s = roundHalfEven(Math.abs(x), maxFrac);
  let [ip = '0', fp = ''] = s.split('.');
  while (fp.length > minFrac && fp.endsWith('0')) fp = fp.slice(0, -1);
  ip = ip.replace(/^0+/, '');
  while (ip.length < minInt) ip = '0' + ip;
  if (group > 0) ip = ip.replace(new RegExp(`\\B(?=(\\d{${group}})+(?!\\d))`, 'g'), ',');
  s = ip + (fp ? '.' + fp : '');
  if (s === '') s = '0';
  const clean = (t: string) => t.replace(/'/g, '');
  return (neg && /[1-9]/.test(s) ? '-' : '') + clean(prefix) + s + clean(suffix);
}

export const NUMBER_FILTERS: Record<string, FilterDef> = {
  abs: {
    fn: (v) => {
      if (v === null || v === undefined) return null;
      if (!isNumber(v)) throw new EvalError('abs filter can only be applied to numbers');
      return isDouble(v) ? makeDouble(Math.abs(num(v))) : Math.abs(v as number);
    },
  },
  number: {
    args: ['type'],
    fn: (v, [type]) => {
      if (v === null || v === undefined) return null;
      if (isNumber(v)) return v;
      return parseNumber(toJavaString(v), type === undefined || type === null ? null : toJavaString(type));
    },
  },
  numberFormat: {
    args: ['format'],
    fn: (v, [fmt]) => {
      if (v === null || v === undefined) return null;
      const n = isNumber(v) ? num(v) : Number(toJavaString(v));
      if (Number.isNaN(n)) throw new EvalError('numberFormat filter can only be applied to numbers');
      return decimalFormat(n, toJavaString(fmt));
    },
  },
};

