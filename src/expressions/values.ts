// Value model shared by the evaluator, filters and functions.
//
// Expressions see JSON-shaped values (strings, numbers, booleans, null, arrays, plain objects).
// Java distinguishes Long from Double, and it shows when printing (`2` vs `2.0`) and when
// dividing (`10 / 4` is 2). A JS number that is not an integer is always a double; an
// integral double produced by double arithmetic or a `2.0` literal is boxed in JavaDouble so
// that it keeps printing as `2.0`.

import { isPlainObject } from '../shared/guards.ts';

export class JavaDouble {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
}

export type JMap = Record<string, unknown>;

export function isMap(v: unknown): v is JMap {
  return isPlainObject(v) && !(v instanceof JavaDouble);
}

export function isNumber(v: unknown): v is number | JavaDouble {
  return typeof v === 'number' || v instanceof JavaDouble;
}

const LONG_MAX = 9223372036854775807;

/** A double in Java terms: boxed integral double, any non-integral JS number, or a number
 *  too large for a Java long. */
export function isDouble(v: unknown): boolean {
  return v instanceof JavaDouble || (typeof v === 'number' && (!Number.isInteger(v) || Math.abs(v) >= LONG_MAX));
}

export function num(v: number | JavaDouble): number {
  return typeof v === 'number' ? v : v.value;
}

/** Wraps the result of a double operation so that integral results keep their double-ness. */
export function makeDouble(n: number): number | JavaDouble {
  return Number.isInteger(n) ? new JavaDouble(n) : n;
}

/** Java long semantics for integer operations (truncating division). */
export function makeLong(n: number): number {
  return Math.trunc(n);
}

/** Java-ish class name, used by error messages and the className filter. */
export function javaClassName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'java.lang.String';
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  if (isDouble(v)) return 'java.lang.Double';
  if (typeof v === 'number') return 'java.lang.Long';
  if (Array.isArray(v)) return 'java.util.ArrayList';
  return 'java.util.LinkedHashMap';
}

/** Converts boxed doubles back to plain numbers for callers outside the module. */
export function toPlain(v: unknown): unknown {
  if (v instanceof JavaDouble) return v.value;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const p = toPlain(v[i]);
      if (p !== v[i]) (out ??= v.slice())[i] = p;
    }
    return out ?? v;
  }
  if (isMap(v)) {
    let out: JMap | undefined;
    for (const k in v) {
      const p = toPlain(v[k]);
      if (p !== v[k]) (out ??= { ...v })[k] = p;
    }
    return out ?? v;
  }
  return v;
}

/** Structural equality used by `==`, `contains` and list filters (Java equals + numeric widening). */
export function javaEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (isNumber(a) && isNumber(b)) return num(a) === num(b);
  if (a === null || b === null) return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!javaEquals(a[i], b[i])) return false;
    return true;
  }
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!(k in b) || !javaEquals(a[k], b[k])) return false;
    return true;
  }
  return false;
}
