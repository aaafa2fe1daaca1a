// How values turn into text: `{{ x }}` printing (JSON for containers, like Kestra's JsonWriter),
// Java toString (used by `~` concatenation) and Jackson-like JSON serialisation.
import { JavaDouble, isDouble, isMap, num } from './values.ts';

/** Java `Double.toString`: `2.0`, `0.1`, `1.0E10`, `1.0E-5`. */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : s + '.0';
  }
  // toExponential() without argument gives the shortest round-tripping mantissa, like Java
  const [mant, exp] = d.toExponential().split('e') as [string, string];
  const m = mant.includes('.') ? mant : mant + '.0';
  return m + 'E' + (exp.startsWith('+') ? exp.slice(1) : exp);
}

export function numberToString(v: number | JavaDouble): string {
  if (isDouble(v)) return javaDoubleToString(num(v));
  return String(v as number);
}

/** Java `toString()` of a value; null is "" as in Pebble's concatenation. */
export function toJavaString(value: unknown): string {
  if (value === null || value === undefined) return '';
  return javaToStringInner(value);
}

function javaToStringInner(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return numberToString(value);
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (value instanceof JavaDouble) return numberToString(value);
  if (Array.isArray(value)) return '[' + value.map(javaToStringInner).join(', ') + ']';
  if (isMap(value)) {
    const parts: string[] = [];
    for (const k in value) parts.push(k + '=' + javaToStringInner(value[k]));
    return '{' + parts.join(', ') + '}';
  }
  return String(value);
}

/** Compact JSON the way Jackson writes it (doubles in Java notation). */
export function toJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? numberToString(value) : JSON.stringify(numberToString(value));
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (value instanceof JavaDouble) return numberToString(value);
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) s += (i ? ',' : '') + toJson(value[i]);
    return s + ']';
  }
  if (isMap(value)) {
    let s = '{';
    let first = true;
    for (const k in value) {
      if (value[k] === undefined) continue;
      s += (first ? '' : ',') + JSON.stringify(k) + ':' + toJson(value[k]);
      first = false;
    }
    return s + '}';
  }
  return JSON.stringify(String(value));
}

/** How `{{ x }}` prints a value: strings as is, null empty, containers as compact JSON. */
export function printValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && !(value instanceof JavaDouble)) return toJson(value);
  return javaToStringInner(value);
}
