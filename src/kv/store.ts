// SQLite persistence of the namespace KV store: one row per tenant + namespace + key. Only
// statements live here; expiry, typing and validation are the service's job (service.ts).

import { statement, migrate, type Db } from '../shared/db.ts';
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
  /** rows of one namespace not expired at `now`, ordered by key */
  list(tenant: string, namespace: string, now: number): KvRow[];
  /** every row of a tenant not expired at `now`, ordered by namespace then key */
  listAll(tenant: string, now: number): KvRow[];
  /** namespaces holding a row not expired at `now` */
  namespaces(tenant: string, now: number): string[];
}

export function createKvStore(db: Db): KvStore {
  migrate(db, 'kv', MIGRATIONS);
  const getQ = statement<KvRow, { tenant: string; namespace: string; key: string }>(db,
    'SELECT * FROM kv WHERE tenant = $tenant AND namespace = $namespace AND key = $key',
  );
  const upsertQ = statement(db,
    `INSERT INTO kv (tenant, namespace, key, type, value, description, created, updated, expires, version)
     VALUES ($tenant, $namespace, $key, $type, $value, $description, $created, $updated, $expires, $version)
     ON CONFLICT (tenant, namespace, key) DO UPDATE SET
       type = excluded.type, value = excluded.value, description = excluded.description, created = excluded.created,
       updated = excluded.updated, expires = excluded.expires, version = excluded.version`,
  );
  const deleteQ = statement(db, 'DELETE FROM kv WHERE tenant = $tenant AND namespace = $namespace AND key = $key');
  const LIVE = '(expires IS NULL OR expires > $now)';
  const listQ = statement<KvRow, { tenant: string; namespace: string; now: number }>(db,
    `SELECT * FROM kv WHERE tenant = $tenant AND namespace = $namespace AND ${LIVE} ORDER BY key`,
  );
  const listAllQ = statement<KvRow, { tenant: string; now: number }>(db, `SELECT * FROM kv WHERE tenant = $tenant AND ${LIVE} ORDER BY namespace, key`);
  const namespacesQ = statement<{ namespace: string }, { tenant: string; now: number }>(db,
    `SELECT DISTINCT namespace FROM kv WHERE tenant = $tenant AND ${LIVE} ORDER BY namespace`,
  );
  return {
    get: (tenant, namespace, key) => getQ.get({ tenant, namespace, key }) ?? undefined,
    upsert: (row) => void upsertQ.run({ ...row }),
    delete: (tenant, namespace, key) => deleteQ.run({ tenant, namespace, key }).changes > 0,
    list: (tenant, namespace, now) => listQ.all({ tenant, namespace, now }),
    listAll: (tenant, now) => listAllQ.all({ tenant, now }),
    namespaces: (tenant, now) => namespacesQ.all({ tenant, now }).map((r) => r.namespace),
  };
}
