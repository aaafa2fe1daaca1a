// SQLite persistence of the namespace KV store: one row per tenant + namespace + key. Only
// statements live here; expiry, typing and validation are the service's job (service.ts).

import { migrate, type Db } from '../shared/db.ts';
import type { KvType } from './model.ts';

export interface KvRow {
  tenant: string;
  namespace: string;
  key: string;
  type: KvType;
  /** JSON text of the value */
  value: string;
  description: string | null;
  created: number;
  updated: number;
  /** epoch ms, null without TTL */
  expires: number | null;
  /** 1 for a new entry, +1 on each overwrite of a live entry (Kestra 1.x+ reports it as `revision`) */
  version: number;
}

const MIGRATIONS = [
  `CREATE TABLE kv (
     tenant TEXT NOT NULL,
     namespace TEXT NOT NULL,
     key TEXT NOT NULL,
     type TEXT NOT NULL,
     value TEXT NOT NULL,
     description TEXT,
     created INTEGER NOT NULL,
     updated INTEGER NOT NULL,
     expires INTEGER,
     PRIMARY KEY (tenant, namespace, key)
   )`,
  'ALTER TABLE kv ADD COLUMN version INTEGER NOT NULL DEFAULT 1',
];

export interface KvStore {
  get(tenant: string, namespace: string, key: string): KvRow | undefined;
  upsert(row: KvRow): void;
  delete(tenant: string, namespace: string, key: string): boolean;
  /** rows of one namespace, ordered by key */
  list(tenant: string, namespace: string): KvRow[];
  /** every row of a tenant, ordered by namespace then key */
  listAll(tenant: string): KvRow[];
  /** removes the rows of a namespace that expired at `now`; returns how many */
  deleteExpired(tenant: string, namespace: string, now: number): number;
  /** the same over every namespace of a tenant */
  deleteExpiredAll(tenant: string, now: number): number;
  namespaces(tenant: string): string[];
}

export function createKvStore(db: Db): KvStore {
  migrate(db, 'kv', MIGRATIONS);
  const getQ = db.query<KvRow, { tenant: string; namespace: string; key: string }>(
    'SELECT * FROM kv WHERE tenant = $tenant AND namespace = $namespace AND key = $key',
  );
  const upsertQ = db.query(
    `INSERT INTO kv (tenant, namespace, key, type, value, description, created, updated, expires, version)
     VALUES ($tenant, $namespace, $key, $type, $value, $description, $created, $updated, $expires, $version)
     ON CONFLICT (tenant, namespace, key) DO UPDATE SET
       type = excluded.type, value = excluded.value, description = excluded.description, created = excluded.created,
       updated = excluded.updated, expires = excluded.expires, version = excluded.version`,
  );
  const deleteQ = db.query('DELETE FROM kv WHERE tenant = $tenant AND namespace = $namespace AND key = $key');
  const listQ = db.query<KvRow, { tenant: string; namespace: string }>(
    'SELECT * FROM kv WHERE tenant = $tenant AND namespace = $namespace ORDER BY key',
  );
  const listAllQ = db.query<KvRow, { tenant: string }>('SELECT * FROM kv WHERE tenant = $tenant ORDER BY namespace, key');
  const expireAllQ = db.query('DELETE FROM kv WHERE tenant = $tenant AND expires IS NOT NULL AND expires <= $now');
  const expireQ = db.query(
    'DELETE FROM kv WHERE tenant = $tenant AND namespace = $namespace AND expires IS NOT NULL AND expires <= $now',
  );
  const namespacesQ = db.query<{ namespace: string }, { tenant: string }>(
    'SELECT DISTINCT namespace FROM kv WHERE tenant = $tenant ORDER BY namespace',
  );
  return {
    get: (tenant, namespace, key) => getQ.get({ tenant, namespace, key }) ?? undefined,
    upsert: (row) => void upsertQ.run({ ...row }),
    delete: (tenant, namespace, key) => deleteQ.run({ tenant, namespace, key }).changes > 0,
    list: (tenant, namespace) => listQ.all({ tenant, namespace }),
    listAll: (tenant) => listAllQ.all({ tenant }),
    deleteExpired: (tenant, namespace, now) => expireQ.run({ tenant, namespace, now }).changes,
    deleteExpiredAll: (tenant, now) => expireAllQ.run({ tenant, now }).changes,
    namespaces: (tenant) => namespacesQ.all({ tenant }).map((r) => r.namespace),
  };
}
