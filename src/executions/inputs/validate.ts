// Per-type validation of a coerced value (each Kestra input class's `validate`). Returns the
// violation text that follows "Invalid input for `id`, ", or undefined when the value is fine.
import type { Duration, Instant, LocalDate, LocalTime } from '@js-joda/core';
import { joda } from '../../shared/time/joda.ts';
import type { Input } from '../../flows/model.ts';
import { asText, javaFloatString } from './java.ts';

// Kestra's EmailInput pattern (the ’ is really in it)
const EMAIL = /^$|^[a-zA-Z0-9_!#$%&’*+/=?`{|}~^.-]+@[a-zA-Z0-9.-]+$/;

/** `Pattern.matches`: the whole text must match. */
function fullMatch(pattern: string, text: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(text);
}

/** `List.toString()` of the allowed values. */
const valuesText = (values: readonly string[] | undefined) => `[${(values ?? []).join(', ')}]`;

function checkString(input: Input, text: string): string | undefined {
  if (input.validator !== undefined && !fullMatch(input.validator, text)) return `it must match the pattern \`${input.validator}\``;
  return undefined;
}

function checkChoice(input: Input, value: unknown): string | undefined {
  const required = input.required !== false;
  const values = input.values ?? [];
  // ENUM/SELECT only complain about unknown values for required inputs (Kestra's `&` on required)
  if (!required || values.includes(value as string)) return undefined;
  if (input.type === 'SELECT' && input.allowCustomValue) return undefined;
  return `it must match the values \`${valuesText(values)}\``;
}

function checkMulti(input: Input, value: unknown): string | undefined {
  if (input.values !== undefined && input.options !== undefined) return "you can't define both `values` and `options`";
  if (input.allowCustomValue) return undefined;
  const allowed = input.values ?? input.options ?? [];
  for (const item of Array.isArray(value) ? value : []) {
    if (!allowed.includes(asText(item))) return `it must match the values \`${valuesText(allowed)}\``;
  }
  return undefined;
}

function checkNumber(input: Input, n: number, print: (v: number) => string): string | undefined {
  if (input.min !== undefined && n < Number(input.min)) return `it must be more than \`${print(Number(input.min))}\``;
  if (input.max !== undefined && n > Number(input.max)) return `it must be less than \`${print(Number(input.max))}\``;
  return undefined;
}

interface Temporal<T> { compareTo(other: T): number; toString(): string }

/** after/before bounds of DATETIME, DATE and TIME (printed the java.time way). */
function checkBounds<T extends Temporal<T>>(input: Input, value: T, parse: (text: string) => T): string | undefined {
  if (input.after !== undefined) {
    const after = parse(input.after);
    if (value.compareTo(after) < 0) return `it must be after \`${after.toString()}\``;
  }
  if (input.before !== undefined) {
    const before = parse(input.before);
    if (value.compareTo(before) > 0) return `it must be before \`${before.toString()}\``;
  }
  return undefined;
}

function checkDuration(input: Input, value: Duration): string | undefined {
  // DurationInput is the one validator whose messages start with a capital letter
  if (input.min !== undefined) {
    const min = joda().Duration.parse(String(input.min));
    if (value.compareTo(min) < 0) return `It must be more than \`${min.toString()}\``;
  }
  if (input.max !== undefined) {
    const max = joda().Duration.parse(String(input.max));
    if (value.compareTo(max) > 0) return `It must be less than \`${max.toString()}\``;
  }
  return undefined;
}

/**
 * `typed` is the coerced value; `raw` the value before coercion (SECRET validators see the plain
 * text, not the cipher text).
 */
export function validateTyped(input: Input, typed: unknown, raw: unknown): string | undefined {
  switch (input.type) {
    case 'STRING': return typed === null ? undefined : checkString(input, asText(typed));
    case 'SECRET': return checkString(input, asText(raw));
    case 'ENUM': case 'SELECT': return checkChoice(input, typed);
    case 'MULTISELECT': return checkMulti(input, typed);
    case 'INT': return checkNumber(input, typed as number, String);
    case 'FLOAT': return checkNumber(input, typed as number, javaFloatString);
    case 'DATETIME': return checkBounds(input, typed as Instant, (t) => joda().Instant.parse(t));
    case 'DATE': return checkBounds(input, typed as LocalDate, (t) => joda().LocalDate.parse(t));
    case 'TIME': return checkBounds(input, typed as LocalTime, (t) => joda().LocalTime.parse(t));
    case 'DURATION': return checkDuration(input, typed as Duration);
    case 'EMAIL': return EMAIL.test(asText(typed)) ? undefined : 'The input must be a valid email';
    default: return undefined;
  }
}
