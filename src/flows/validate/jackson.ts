// Jackson-style deserialisation errors. Kestra binds a flow document with a strict Jackson
// mapper and stops at the first problem; the violation path is Jackson's reference chain
// (`io.kestra.core.models.flows.Flow["tasks"]->java.util.ArrayList[0]->...Log["level"]`) and
// the exception message carries no path prefix.
import type { Violation } from '../model.ts';
import { isPlainObject } from '../../shared/guards.ts';

export type Chain = readonly string[];

export const FLOW_CLASS = 'io.kestra.core.models.flows.Flow';
export const LIST_CLASS = 'java.util.ArrayList';
export const MAP_CLASS = 'java.util.LinkedHashMap';

/** One more reference on the chain: `Class["field"]` or `Class[index]`. */
export function ref(chain: Chain, cls: string, key: string | number): Chain {
  return [...chain, typeof key === 'number' ? `${cls}[${key}]` : `${cls}["${key}"]`];
}

export const chainPath = (chain: Chain): string => chain.join('->');

/** Thrown inside the binder to stop at the first error, as Jackson does. Never escapes parse.ts. */
export class BindFailure extends Error {
  constructor(readonly violations: Violation[]) {
    super(violations[0]?.message ?? 'bind failure');
  }
}

export function fail(chain: Chain, message: string): never {
  throw new BindFailure([{ path: chainPath(chain), message }]);
}

function quoteShort(value: string): string {
  const text = value.length > 500 ? `${value.slice(0, 500)}...[truncated ${value.length - 500} chars]` : value;
  return JSON.stringify(text);
}

function token(value: unknown): string {
  if (Array.isArray(value)) return 'Array value (token `JsonToken.START_ARRAY`)';
  if (isPlainObject(value)) return 'Object value (token `JsonToken.START_OBJECT`)';
  if (typeof value === 'boolean') return `Boolean value (token \`JsonToken.VALUE_${value ? 'TRUE' : 'FALSE'}\`)`;
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'Integer value (token `JsonToken.VALUE_NUMBER_INT`)' : 'Floating-point value (token `JsonToken.VALUE_NUMBER_FLOAT`)';
  }
  return 'String value (token `JsonToken.VALUE_STRING`)';
}

/** "Cannot deserialize value of type `X` from ..." */
export function mismatch(javaType: string, value: unknown): string {
  if (typeof value === 'string') {
    return `Cannot deserialize value of type \`${javaType}\` from String ${quoteShort(value)}: not a valid \`${javaType}\` value`;
  }
  return `Cannot deserialize value of type \`${javaType}\` from ${token(value)}`;
}

export function enumMismatch(javaType: string, value: unknown, values: readonly string[]): string {
  if (typeof value !== 'string') return mismatch(javaType, value);
  return `Cannot deserialize value of type \`${javaType}\` from String ${quoteShort(value)}: not one of the values accepted for Enum class: [${values.join(', ')}]`;
}

export function unrecognized(field: string, cls: string, known: readonly string[]): string {
  const list = known.map((k) => `"${k}"`).join(', ');
  return `Unrecognized field "${field}" (class ${cls}), not marked as ignorable (${known.length} known properties: ${list}])`;
}

/** Rejects the first key of `value` that is not in `known`. */
export function checkKnownKeys(value: Record<string, unknown>, known: readonly string[], cls: string, chain: Chain): void {
  const set = new Set(known);
  for (const key of Object.keys(value)) {
    if (!set.has(key)) fail(ref(chain, cls, key), unrecognized(key, cls, known));
  }
}

/** Text Java would print for a value (Map/List toString), used in a few messages. */
export function javaToString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`;
  if (isPlainObject(value)) return `{${Object.entries(value).map(([k, v]) => `${k}=${javaToString(v)}`).join(', ')}}`;
  return String(value);
}
