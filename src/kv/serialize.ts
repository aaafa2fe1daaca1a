// JSON shapes of the KV API, one function per shape and generation, so that the version layer can
// swap them in one place (api-contract §2.8; openapi-2.0 `KVEntry`, `KVController.KvDetail`).
// Null properties are left out, as Kestra's serializer does (§1.2).

import { javaInstant, typedValue } from './model.ts';
import type { KvRecord } from './service.ts';

/** 0.21 `KVEntry` (namespace list): key and dates; `expirationDate` only with a TTL, cut to ms. */
export function kvEntryJson(r: KvRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { key: r.key, creationDate: javaInstant(r.creationDate), updateDate: javaInstant(r.updateDate) };
  if (r.expirationDate !== undefined) out.expirationDate = javaInstant(r.expirationDate);
  return out;
}

/** 1.x/2.0 `KVEntry` (tenant-wide search, inheritance): also namespace, revision and description. */
export function kvEntryJson2(r: KvRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { namespace: r.namespace, key: r.key, revision: r.version };
  if (r.description !== undefined) out.description = r.description;
  out.creationDate = javaInstant(r.creationDate);
  out.updateDate = javaInstant(r.updateDate);
  if (r.expirationDate !== undefined) out.expirationDate = javaInstant(r.expirationDate);
  return out;
}

/** 0.21 `TypedValue` of `GET .../kv/{key}`. */
export function typedValueJson(r: KvRecord): Record<string, unknown> {
  const { type, value } = typedValue(r.type, r.value);
  return value === null || value === undefined ? { type } : { type, value };
}

/** 2.0 `KvDetail` of `GET .../kv/{key}`: the typed value plus revision and update date. */
export function kvDetailJson(r: KvRecord): Record<string, unknown> {
  return { ...typedValueJson(r), revision: r.version, updated: javaInstant(r.updateDate) };
}
