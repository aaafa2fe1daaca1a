// The KV model (api-contract §2.8, §3.13): the seven value types Kestra reports, key validation,
// type inference for untyped values, the `kvType` conversion the kv.Set task applies to a
// rendered string, and the KvAccess contract tasks see. Pure: the service and the tasks share it.

import { isoDuration, parseDurationMs } from '../shared/time/durations.ts';

export const KV_TYPES = ['STRING', 'NUMBER', 'BOOLEAN', 'DATETIME', 'DATE', 'DURATION', 'JSON'] as const;
export type KvType = (typeof KV_TYPES)[number];
export const isKvType = (v: unknown): v is KvType => typeof v === 'string' && (KV_TYPES as readonly string[]).includes(v);

const KEY = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
export const INVALID_KEY_MESSAGE =
  'Key must start with an alphanumeric character (uppercase or lowercase) and can contain alphanumeric characters (uppercase or lowercase), dots (.), underscores (_), and hyphens (-) only.';

export interface KvEntry { value: unknown; expirationDate?: number; type?: KvType }

/** The namespace KV store as tasks see it (the tenant is already bound); kv/service.ts implements it. */
export interface KvAccess {
  get(namespace: string, key: string): KvEntry | undefined;
  /** `type` (kv.Set kvType) is inferred from the value when absent */
  set(namespace: string, key: string, value: unknown, opts?: { ttlMs?: number; overwrite?: boolean; type?: KvType; description?: string }): void;
  delete(namespace: string, key: string): boolean;
  keys(namespace: string, prefix?: string): string[];
}

export type KvErrorCode = 'INVALID_KEY' | 'KEY_EXISTS' | 'NEGATIVE_TTL' | 'TTL_TOO_LONG' | 'INVALID_VALUE';

/** A KV rule was broken. `message` is Kestra's wording; the HTTP layer maps `code` to a status. */
export class KvError extends Error {
  constructor(readonly code: KvErrorCode, message: string) {
    super(message);
    this.name = 'KvError';
  }
}

export function validateKey(key: string): void {
  if (!KEY.test(key)) throw new KvError('INVALID_KEY', INVALID_KEY_MESSAGE);
}

// Kestra reports a stored *string* as DURATION when it looks like one (this exact shape: no
// fractions, no signs), so inference must use the same pattern, not the general parser.
const DURATION_LIKE = /^P(?=[^T]|T.)(?:\d*D)?(?:T(?=.)(?:\d*H)?(?:\d*M)?(?:\d*S)?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** The type Kestra would report for a value stored without an explicit type. */
export function inferKvType(value: unknown): KvType {
  if (typeof value === 'string') return DURATION_LIKE.test(value) ? 'DURATION' : 'STRING';
  if (typeof value === 'number' || typeof value === 'bigint') return 'NUMBER';
  if (typeof value === 'boolean') return 'BOOLEAN';
  return 'JSON';
}

/** java.time.Instant#toString: milliseconds only when non-zero. */
export function javaInstant(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

const invalid = (type: KvType, text: string) => new KvError('INVALID_VALUE', `Unable to convert '${text}' to a ${type} value`);

/**
 * kv.Set `kvType`: converts a rendered string to the typed value (non-strings are kept as they
 * are, as Kestra only converts strings). Returns the value and the type to record.
 */
export function convertToKvType(type: KvType, value: unknown): { value: unknown; type: KvType } {
  if (typeof value !== 'string') return { value, type: inferKvType(value) };
  const text = value.trim();
  switch (type) {
    case 'STRING':
      return { value, type };
    case 'NUMBER': {
      const n = text === '' ? NaN : Number(text);
      if (!Number.isFinite(n) || !/^-?\d/.test(text)) throw invalid(type, value);
      return { value: n, type };
    }
    case 'BOOLEAN':
      // Boolean.parseBoolean: anything but "true" (any case) is false
      return { value: text.toLowerCase() === 'true', type };
    case 'DATETIME': {
      if (!DATE_TIME.test(text) || Number.isNaN(Date.parse(text))) throw invalid(type, value);
      return { value: javaInstant(Date.parse(text)), type };
    }
    case 'DATE': {
      if (DATE_ONLY.test(text) && !Number.isNaN(Date.parse(text))) return { value: text, type };
      // a full instant is accepted too (Kestra parses DATE values as instants); keep its UTC day
      if (DATE_TIME.test(text) && !Number.isNaN(Date.parse(text))) return { value: new Date(Date.parse(text)).toISOString().slice(0, 10), type };
      throw invalid(type, value);
    }
    case 'DURATION': {
      const ms = parseDurationMs(text);
      if (ms === undefined) throw invalid(type, value);
      return { value: isoDuration(ms), type };
    }
    case 'JSON':
      try {
        return { value: JSON.parse(text), type };
      } catch {
        throw invalid(type, value);
      }
  }
}

/** The API's TypedValue view of a stored value: durations are shown as java.time.Duration prints them. */
export function typedValue(type: KvType, value: unknown): { type: KvType; value: unknown } {
  if (type === 'DURATION' && typeof value === 'string') {
    const ms = parseDurationMs(value);
    if (ms !== undefined) return { type, value: isoDuration(ms) };
  }
  return { type, value };
}
