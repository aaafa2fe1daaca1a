// Java parsing rules the input coercion must reproduce (Integer.valueOf, Float.valueOf, java.time
// messages) and the two failure kinds Kestra distinguishes when it reports a bad input.
import { javaDoubleToString } from '../../expressions/print.ts';
import { javaClassName } from '../../expressions/values.ts';
import { javaToString } from '../../flows/validate/jackson.ts';

/**
 * Kestra passes an IllegalArgumentException message through untouched (NumberFormatException is
 * one), while any other parse failure gets wrapped; this class marks the first kind.
 */
export class IllegalArgument extends Error {}

/** Java `NumberFormatException.forInputString` text. */
const forInputString = (text: string) => new IllegalArgument(`For input string: "${text}"`);

const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

/** `Integer.valueOf(String)`: optional sign, ASCII digits only, 32-bit range, no trimming. */
export function javaInteger(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw forInputString(text);
  const n = Number(text);
  if (n < INT_MIN || n > INT_MAX) throw forInputString(text);
  return n;
}

const JAVA_FLOAT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;

/** `Float.valueOf(String)`: trims, accepts `1e3`, `1.5f`, `NaN`, `Infinity`. */
export function javaFloat(text: string): number {
  // Java trims every char <= ' ' (not only whitespace)
  const trimmed = text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (trimmed === '') throw new IllegalArgument('empty String');
  if (!JAVA_FLOAT.test(trimmed)) throw forInputString(trimmed);
  const body = trimmed.replace(/[fFdD]$/, '');
  if (/NaN$/.test(body)) return NaN;
  if (/Infinity$/.test(body)) return body.startsWith('-') ? -Infinity : Infinity;
  return Number(body);
}

/** How Java prints a declared float bound (`10.0`, `0.1`). */
export const javaFloatString = (n: number) => javaDoubleToString(n);

/** `Boolean.valueOf(String)`: only a case-insensitive "true" is true; never fails. */
export const javaBoolean = (text: string) => text.toLowerCase() === 'true';

/**
 * js-joda's messages end with `: <text>, at index: N` and sometimes a cause dump; Java's stop
 * before that (`Text 'abc' could not be parsed at index 0`, `Text cannot be parsed to a Duration`).
 */
export function jodaMessage(e: unknown, text: string): string {
  const raw = e instanceof Error ? e.message : String(e);
  const first = raw.split('\n')[0] ?? raw;
  const suffix = `: ${text}, at index: `;
  const at = first.lastIndexOf(suffix);
  return at >= 0 ? first.slice(0, at) : first.replace(/, at index: \d+$/, '');
}

/** `Class.getSimpleName()` of a rendered value, `<null>` for null (SELECT `expression` errors). */
export function simpleClassName(value: unknown): string {
  if (value === null || value === undefined) return '<null>';
  const name = javaClassName(value);
  return name.slice(name.lastIndexOf('.') + 1);
}

/** Java `String.valueOf` of any raw or typed value, as Kestra prints it in "but received `...`". */
export function received(value: unknown): string {
  if (value instanceof Blob) return (value as File).name ?? 'null';
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && hasJavaToString(value)) return String(value);
  return javaToString(value);
}

// js-joda values (Instant, LocalDate, Duration...) print like their Java counterparts
function hasJavaToString(value: object): boolean {
  return Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null;
}

/** The text of a non-string typed value when Java would call `toString()` on it. */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : received(value);
}
