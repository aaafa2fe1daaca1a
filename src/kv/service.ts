// The namespace KV store as tasks and the KV HTTP API see it. Rules (api-contract §2.8, §3.13):
// keys are validated on every keyed call; a TTL sets `expirationDate = now + ttl` from the
// injected clock; an expired entry is gone: lists leave it out, a read of its key deletes it.
// `getEntry` still tells "expired" apart from "missing" because the API answers 410 for the
// former, once: lists do not delete (as Kestra's InternalKVStore.list only filters), so an entry
// stored with `ttl: PT0S` is still a 410 on its first read after a list.
// A TTL whose expiry is past year 9999 is refused (dates are shown with four-digit years).

import type { Db } from '../shared/db.ts';
import type { Clock } from '../shared/time/clock.ts';
import { createKvStore, type KvRow } from './store.ts';
import { inferKvType, javaInstant, KvError, validateKey, type KvAccess, type KvEntry, type KvType } from './model.ts';

/** the last expiry a TTL may reach: 9999-12-31T23:59:59.999Z */
const MAX_EXPIRY = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export interface KvRecord {
  namespace: string;
  key: string;
  type: KvType;
  value: unknown;
  description?: string;
  creationDate: number;
  updateDate: number;
  /** absent without TTL */
  expirationDate?: number;
  /** 1 for a new entry, +1 on each overwrite */
  version: number;
}

export type KvLookup = { status: 'found'; entry: KvRecord } | { status: 'missing' } | { status: 'expired' };

export interface KvPutOptions {
  /** recorded type; inferred from the value when absent */
  type?: KvType;
  ttlMs?: number;
  /** default true; false fails when a live value exists */
  overwrite?: boolean;
  description?: string;
}

export interface KvService {
  /** the task-facing view, bound to one tenant */
  forTenant(tenant: string): KvAccess;
  /** found / missing / expired (an expired entry is deleted by this call) */
  getEntry(tenant: string, namespace: string, key: string): KvLookup;
  get(tenant: string, namespace: string, key: string): KvRecord | undefined;
  /** live entries of one namespace (no inheritance), ordered by key */
  list(tenant: string, namespace: string): KvRecord[];
  /** live entries of every namespace of a tenant, ordered by namespace then key */
  all(tenant: string): KvRecord[];
  put(tenant: string, namespace: string, key: string, value: unknown, opts?: KvPutOptions): KvRecord;
  /** true when a live entry was deleted */
  delete(tenant: string, namespace: string, key: string): boolean;
  /** deletes the given keys; returns those that existed (all keys are validated first) */
  deleteMany(tenant: string, namespace: string, keys: string[]): string[];
  /** namespaces holding at least one live entry */
  namespaces(tenant: string): string[];
}

function toRecord(row: KvRow): KvRecord {
  const record: KvRecord = {
    namespace: row.namespace,
    key: row.key,
    type: row.type,
    value: JSON.parse(row.value),
    creationDate: row.created,
    updateDate: row.updated,
    version: row.version,
  };
  if (row.description !== null) record.description = row.description;
  if (row.expires !== null) record.expirationDate = row.expires;
  return record;
}

export function createKvService(deps: { db: Db; clock: Clock }): KvService {
  const store = createKvStore(deps.db);
  const { clock } = deps;
  const isExpired = (row: KvRow) => row.expires !== null && row.expires <= clock.now();

  function getEntry(tenant: string, namespace: string, key: string): KvLookup {
    validateKey(key);
    const row = store.get(tenant, namespace, key);
    if (!row) return { status: 'missing' };
    if (isExpired(row)) {
      store.delete(tenant, namespace, key);
      return { status: 'expired' };
    }
    return { status: 'found', entry: toRecord(row) };
  }

  function get(tenant: string, namespace: string, key: string): KvRecord | undefined {
    const found = getEntry(tenant, namespace, key);
    return found.status === 'found' ? found.entry : undefined;
  }

  function put(tenant: string, namespace: string, key: string, value: unknown, opts: KvPutOptions = {}): KvRecord {
    validateKey(key);
    if (opts.ttlMs !== undefined && opts.ttlMs < 0) throw new KvError('NEGATIVE_TTL', 'ttl cannot be negative');
    const now = clock.now();
    if (opts.ttlMs !== undefined && !(now + opts.ttlMs <= MAX_EXPIRY)) {
      throw new KvError('TTL_TOO_LONG', `ttl is too long: the entry would expire after ${javaInstant(MAX_EXPIRY)}`);
    }
    const existing = store.get(tenant, namespace, key);
    const live = existing && !isExpired(existing) ? existing : undefined;
    if (live && opts.overwrite === false) {
      throw new KvError('KEY_EXISTS', `Cannot set value for key '${key}'. Key already exists and \`overwrite\` is set to \`false\`.`);
    }
    const plain = value === undefined ? null : value;
    const row: KvRow = {
      tenant,
      namespace,
      key,
      type: opts.type ?? inferKvType(plain),
      value: JSON.stringify(plain),
      description: opts.description ?? null,
      // an expired entry is gone: setting the key again starts a new entry
      created: live?.created ?? now,
      updated: now,
      expires: opts.ttlMs !== undefined ? now + Math.trunc(opts.ttlMs) : null,
      version: live ? live.version + 1 : 1,
    };
    store.upsert(row);
    return toRecord(row);
  }

  function remove(tenant: string, namespace: string, key: string): boolean {
    validateKey(key);
    const row = store.get(tenant, namespace, key);
    if (!row) return false;
    store.delete(tenant, namespace, key);
    return !isExpired(row);
  }

  function list(tenant: string, namespace: string): KvRecord[] {
    return store.list(tenant, namespace, clock.now()).map(toRecord);
  }

  return {
    getEntry,
    get,
    put,
    delete: remove,
    list,
    deleteMany(tenant, namespace, keys) {
      keys.forEach(validateKey);
      return keys.filter((k) => remove(tenant, namespace, k));
    },
    all(tenant) {
      return store.listAll(tenant, clock.now()).map(toRecord);
    },
    namespaces(tenant) {
      return store.namespaces(tenant, clock.now());
    },
    forTenant(tenant): KvAccess {
      return {
        get(namespace, key): KvEntry | undefined {
          const record = get(tenant, namespace, key);
          if (!record) return undefined;
          const entry: KvEntry = { value: record.value, type: record.type };
          if (record.expirationDate !== undefined) entry.expirationDate = record.expirationDate;
          return entry;
        },
        set(namespace, key, value, opts) {
          put(tenant, namespace, key, value, opts);
        },
        delete: (namespace, key) => remove(tenant, namespace, key),
        keys: (namespace, prefix) => list(tenant, namespace).map((r) => r.key).filter((k) => !prefix || k.startsWith(prefix)),
      };
    },
  };
}
