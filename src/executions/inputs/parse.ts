// Coercion of one raw value with an input/output `type` (engine-contract §2.2 "parseType").
// Typed results are java.time-like js-joda objects so bounds compare and print as in Java;
// `toJsonValue` turns them into what the API and the expression context carry.
import type { Duration, Instant, LocalDate, LocalTime, DateTimeFormatter } from '@js-joda/core';
import { joda as J } from '../../shared/time/joda.ts';
import { KESTRA_SCHEME } from '../../shared/storage/paths.ts';
import { IllegalArgument, asText, javaBoolean, javaFloat, javaInteger, jodaMessage, received } from './java.ts';
import { parseJsonList, parseJsonText, parseYamlText } from './json.ts';
import { isPlainObject } from '../../shared/guards.ts';

export interface ParseOptions {
  /** SECRET values; absent means encryption is not configured */
  encrypt?: (plain: string) => string;
}

export const URI_PATTERN = /^[a-z]+:\/\/(?:www\.)?[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-zA-Z0-9()]{1,6}\b(?:[-a-zA-Z0-9()@:%_+.~#?&/=]*)$/;
const NO_ENCRYPTION = 'Unable to use a `SECRET` input/output as encryption is not configured';


/** A java.time parse, with Java's message on failure. */
function joda<T>(text: string, parse: (t: string) => T): T {
  try {
    return parse(text);
  } catch (e) {
    throw new Error(jodaMessage(e, text));
  }
}

function parseInstant(current: unknown): Instant {
  if (current instanceof J().Instant) return current;
  if (current instanceof Date) return J().Instant.ofEpochMilli(current.getTime());
  return joda(asText(current), (t) => J().Instant.parse(t));
}

function parseIntValue(current: unknown): number {
  if (typeof current === 'number' && Number.isInteger(current)) return javaInteger(String(current));
  return javaInteger(asText(current));
}

function parseFloatValue(current: unknown): number {
  return typeof current === 'number' ? current : javaFloat(asText(current));
}

function parseFile(current: unknown): string {
  const text = asText(current);
  if (text.startsWith(KESTRA_SCHEME)) return text;
  // Kestra would upload a local file at that path; a local runner never reads server paths
  throw new Error(`${text} (No such file or directory)`);
}

function parseList(current: unknown, itemType: string | undefined, opts: ParseOptions): unknown[] | null {
  const list = Array.isArray(current) ? current : parseJsonList(asText(current));
  if (!itemType || list === null) return list;
  return list.map((element) => {
    try {
      return parseType(itemType, element, undefined, opts);
    } catch {
      throw new IllegalArgument(`Unable to parse array element as \`${itemType}\` on \`${received(element)}\``);
    }
  });
}

function parseRaw(type: string, current: unknown, itemType: string | undefined, opts: ParseOptions): unknown {
  switch (type) {
    case 'STRING': case 'ENUM': case 'SELECT': case 'EMAIL':
      return current;
    case 'SECRET':
      if (!opts.encrypt) throw new Error(NO_ENCRYPTION);
      return opts.encrypt(asText(current));
    case 'INT': return parseIntValue(current);
    case 'FLOAT': return parseFloatValue(current);
    case 'BOOLEAN': case 'BOOL':
      return typeof current === 'boolean' ? current : javaBoolean(asText(current));
    case 'DATETIME': return parseInstant(current);
    case 'DATE': return current instanceof J().LocalDate ? current : joda(asText(current), (t) => J().LocalDate.parse(t));
    case 'TIME': return current instanceof J().LocalTime ? current : joda(asText(current), (t) => J().LocalTime.parse(t));
    case 'DURATION': return current instanceof J().Duration ? current : joda(asText(current), (t) => J().Duration.parse(t));
    case 'FILE': return parseFile(current);
    // values that already arrive typed (JSON bodies, Subflow/Schedule inputs) are kept
    case 'JSON': return typeof current === 'string' ? parseJsonText(current) : current;
    case 'YAML': return typeof current === 'string' ? parseYamlText(current) : current;
    case 'URI': {
      const text = asText(current);
      if (URI_PATTERN.test(text)) return text;
      throw new IllegalArgument(`Expected \`URI\` but received \`${text}\``);
    }
    case 'ARRAY': case 'MULTISELECT':
      return parseList(current, type === 'MULTISELECT' ? itemType ?? 'STRING' : itemType, opts);
    default:
      throw new IllegalArgument(`Unsupported type \`${type}\``);
  }
}

/**
 * Kestra's parseType: IllegalArgument messages pass through, anything else becomes
 * "Expected `TYPE` but received `value` with errors: ..." (fenced cause).
 */
export function parseType(type: string, current: unknown, itemType: string | undefined, opts: ParseOptions): unknown {
  try {
    return parseRaw(type, current, itemType, opts);
  } catch (e) {
    if (e instanceof IllegalArgument) throw e;
    const cause = e instanceof Error ? e.message : String(e);
    throw new Error(`Expected \`${type}\` but received \`${received(current)}\` with errors:\n\`\`\`\n${cause}\n\`\`\``);
  }
}

export type InstantStyle = 'millis' | 'iso';

/**
 * The serialised form. Instants: inputs come back from Kestra's SQL store with exactly three
 * fraction digits (`millis`); flow outputs go through the plain mapper (`iso`, J().Instant.toString).
 */
export function toJsonValue(value: unknown, instants: InstantStyle): unknown {
  if (value instanceof J().Instant) return instants === 'iso' ? value.toString() : new Date(value.toEpochMilli()).toISOString();
  if (value instanceof J().LocalTime) return value.format(J().DateTimeFormatter.ISO_LOCAL_TIME);
  if (value instanceof J().LocalDate || value instanceof J().Duration) return value.toString();
  if (Array.isArray(value)) return value.map((v) => toJsonValue(v, instants));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJsonValue(v, instants);
    return out;
  }
  return value;
}
