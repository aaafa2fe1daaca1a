// Binary operator semantics, following Pebble's OperatorUtils (Java binary numeric promotion).
import { EvalError } from './errors.ts';
import { toJavaString } from './print.ts';
import { isDouble, isMap, isNumber, javaEquals, makeDouble, num, type JavaDouble } from './values.ts';

const OP_NAMES: Record<string, string> = {
  '+': 'ADD', '-': 'SUBTRACT', '*': 'MULTIPLICATION', '/': 'DIVISION', '%': 'MODULUS',
  '<': 'LESS_THAN', '<=': 'LESS_THAN_EQUALS', '>': 'GREATER_THAN', '>=': 'GREATER_THAN_EQUALS',
};

/** String.valueOf as used by `+` with a string operand (null prints "null" there). */
function valueOf(v: unknown): string {
  return v === null || v === undefined ? 'null' : toJavaString(v);
}

export function arithmetic(op: string, a: unknown, b: unknown): unknown {
  if (op === '+') {
    if (typeof a === 'string' || typeof b === 'string') return valueOf(a) + valueOf(b);
    if (Array.isArray(a)) return Array.isArray(b) ? [...a, ...b] : [...a, b];
  }
  if (op === '-' && Array.isArray(a)) {
    if (Array.isArray(b)) return a.filter((x) => !b.some((y) => javaEquals(x, y)));
    const i = a.findIndex((x) => javaEquals(x, b));
    return i < 0 ? a : [...a.slice(0, i), ...a.slice(i + 1)];
  }
  if (!isNumber(a) || !isNumber(b)) throw new EvalError(`invalid operands for mathematical operation [${OP_NAMES[op]}]`);
  const x = num(a);
  const y = num(b);
  if (isDouble(a) || isDouble(b)) {
    switch (op) {
      case '+': return makeDouble(x + y);
      case '-': return makeDouble(x - y);
      case '*': return makeDouble(x * y);
      case '/': return makeDouble(x / y);
      default: return makeDouble(x % y);
    }
  }
  switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/':
      if (y === 0) throw new EvalError('/ by zero');
      return Math.trunc(x / y);
    default:
      if (y === 0) throw new EvalError('/ by zero');
      return x % y;
  }
}

export function compare(op: string, a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (!isNumber(a) || !isNumber(b)) throw new EvalError(`invalid operands for mathematical comparison [${OP_NAMES[op]}]`);
  const x = num(a as number | JavaDouble);
  const y = num(b as number | JavaDouble);
  switch (op) {
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    default: return x >= y;
  }
}

/** `contains`: collection membership (all of a list), map key, or substring. */
export function contains(container: unknown, item: unknown): boolean {
  if (container === null || container === undefined) return false;
  if (Array.isArray(container)) {
    if (Array.isArray(item)) return item.every((i) => container.some((c) => javaEquals(c, i)));
    return container.some((c) => javaEquals(c, item));
  }
  if (isMap(container)) return typeof item === 'string' && Object.prototype.hasOwnProperty.call(container, item);
  if (typeof container === 'string') return container.includes(item === null || item === undefined ? 'null' : toJavaString(item));
  throw new EvalError(`Contains operator can only be used on Collections, Maps and arrays. Actual type was: ${javaTypeOf(container)}`);
}

function javaTypeOf(v: unknown): string {
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  return isDouble(v) ? 'java.lang.Double' : 'java.lang.Long';
}

/** `a..b` (and range()): inclusive, numbers or single characters. */
export function range(start: unknown, end: unknown, step: unknown = 1): unknown[] {
  if (typeof start === 'string' && typeof end === 'string' && start.length === 1 && end.length === 1) {
    const out: string[] = [];
    const s = isNumber(step) ? Math.abs(num(step)) || 1 : 1;
    const a = start.charCodeAt(0);
    const b = end.charCodeAt(0);
    if (a <= b) for (let c = a; c <= b; c += s) out.push(String.fromCharCode(c));
    else for (let c = a; c >= b; c -= s) out.push(String.fromCharCode(c));
    return out;
  }
  if (!isNumber(start) || !isNumber(end) || !isNumber(step)) throw new EvalError('arguments of range function must be of type Number or String with a length of 1');
  const a = Math.trunc(num(start));
  const b = Math.trunc(num(end));
  const st = Math.trunc(num(step));
  if (st === 0) throw new EvalError('The step of range function must not be zero');
  // guard before allocating: a typo like 1..1e12 must not hang the engine
  if ((b - a) / st > 1_000_000) throw new EvalError('range is too large');
  const out: number[] = [];
  if (st > 0) for (let i = a; i <= b; i += st) out.push(i);
  else for (let i = a; i >= b; i += st) out.push(i);
  return out;
}

/** Boolean coercion of Pebble's TypeUtils.compatibleCast: numbers != 0, strings non-empty. */
export function toBoolean(v: unknown, where: string): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (isNumber(v)) {
    const n = num(v);
    return !Number.isNaN(n) && n !== 0;
  }
  if (v === null || v === undefined) throw new EvalError(`null value used in ${where} and strict variables is set to true`);
  throw new EvalError(`Unsupported value type ${isMap(v) ? 'LinkedHashMap' : 'ArrayList'}. Expected Boolean, String, Number in ${where}`);
}

/** Kestra's `in`: membership by string form; for a map, a key or a value may match. */
export function isIn(item: unknown, container: unknown): boolean {
  if (item === null || item === undefined || container === null || container === undefined) return false;
  const needle = toJavaString(item);
  if (Array.isArray(container)) return container.some((c) => c !== null && c !== undefined && toJavaString(c) === needle);
  if (isMap(container)) {
    return Object.entries(container).some(([k, v]) => k === needle || (v !== null && v !== undefined && toJavaString(v) === needle));
  }
  return false;
}
