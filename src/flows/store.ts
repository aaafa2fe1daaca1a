// Flow revisions in SQLite, with the current revision of every flow cached in memory: reads
// (GET, search) never touch the database, writes go to the database first so that an
// acknowledged save survives a crash. Schema, row type and statements live together here.

import { statement, migrate, type Db } from '../shared/db.ts';
import type { FlowDocument } from './model.ts';

export interface FlowRecord {
  tenant: string;
  namespace: string;
  id: string;
  revision: number;
  deleted: boolean;
  disabled: boolean;
  /** a draft revision (Kestra 2.0): shown and editable, but runs without an explicit revision skip it */
  draft: boolean;
  source: string;
  /** the parsed flow document (revision, deleted and disabled live on the record) */
  flow: FlowDocument;
  updated: number;
  /** lazily computed serialised forms for the hot GET path */
  json?: string;
  jsonWithSource?: string;
}

interface Row {
  tenant: string; namespace: string; id: string; revision: number; deleted: number; disabled: number; draft: number;
  source: string; flow: string; updated: number;
}

export interface FlowStore {
  current(tenant: string, namespace: string, id: string): FlowRecord | undefined;
  /** every current record of a tenant, deleted markers included */
  all(tenant: string): Iterable<FlowRecord>;
  tenants(): string[];
  revision(tenant: string, namespace: string, id: string, revision: number): FlowRecord | undefined;
  revisions(tenant: string, namespace: string, id: string): FlowRecord[];
  /** appends a revision (the caller computed its number) and makes it current */
  append(record: FlowRecord): void;
  /** several appends in one transaction */
  appendAll(records: FlowRecord[]): void;
  /** the latest revision that is not a draft (the current one when it is not a draft) */
  latestDeployed(tenant: string, namespace: string, id: string): FlowRecord | undefined;
  /** removes past revisions (never the current one: callers check) */
  deleteRevisions(tenant: string, namespace: string, id: string, revisions: number[]): void;
  count(): number;
  /** increases on every write; lets readers cache derived views (search results) safely */
  version(): number;
  /** re-reads the current revisions from the database (after an admin reset or import) */
  reload(): void;
}

const key = (namespace: string, id: string) => `${namespace}\u0000${id}`;

const fromRow = (r: Row): FlowRecord => ({
  tenant: r.tenant, namespace: r.namespace, id: r.id, revision: r.revision, deleted: r.deleted === 1,
  disabled: r.disabled === 1, draft: r.draft === 1, source: r.source, flow: JSON.parse(r.flow), updated: r.updated,
});

export function createFlowStore(db: Db): FlowStore {
  migrate(db, 'flows', [
    `CREATE TABLE flow_revisions (
       tenant TEXT NOT NULL, namespace TEXT NOT NULL, id TEXT NOT NULL, revision INTEGER NOT NULL,
       deleted INTEGER NOT NULL, disabled INTEGER NOT NULL, source TEXT NOT NULL, flow TEXT NOT NULL,
       updated INTEGER NOT NULL,
       PRIMARY KEY (tenant, namespace, id, revision))`,
    'ALTER TABLE flow_revisions ADD COLUMN draft INTEGER NOT NULL DEFAULT 0',
  ]);
  const insert = statement(db,
    `INSERT INTO flow_revisions (tenant, namespace, id, revision, deleted, disabled, draft, source, flow, updated)
     VALUES ($tenant, $namespace, $id, $revision, $deleted, $disabled, $draft, $source, $flow, $updated)`,
  );
  const selectRevision = statement<Row, [string, string, string, number]>(db,
    'SELECT * FROM flow_revisions WHERE tenant = ? AND namespace = ? AND id = ? AND revision = ?',
  );
  const selectRevisions = statement<Row, [string, string, string]>(db,
    'SELECT * FROM flow_revisions WHERE tenant = ? AND namespace = ? AND id = ? ORDER BY revision',
  );

  // tenant -> (namespace\0id -> current record)
  const cache = new Map<string, Map<string, FlowRecord>>();
  const tenantMap = (tenant: string) => {
    let m = cache.get(tenant);
    if (!m) cache.set(tenant, (m = new Map()));
    return m;
  };
  const latest = statement<Row, []>(db,
    `SELECT r.* FROM flow_revisions r
       JOIN (SELECT tenant, namespace, id, MAX(revision) AS revision FROM flow_revisions GROUP BY tenant, namespace, id) m
         ON r.tenant = m.tenant AND r.namespace = m.namespace AND r.id = m.id AND r.revision = m.revision`,
  );
  const load = () => {
    cache.clear();
    for (const row of latest.iterate()) tenantMap(row.tenant).set(key(row.namespace, row.id), fromRow(row));
  };
  load();

  let version = 0;
  const write = (r: FlowRecord) => {
    version++;
    insert.run({
      tenant: r.tenant, namespace: r.namespace, id: r.id, revision: r.revision, deleted: r.deleted ? 1 : 0,
      disabled: r.disabled ? 1 : 0, draft: r.draft ? 1 : 0, source: r.source, flow: JSON.stringify(r.flow), updated: r.updated,
    });
  };
  const writeMany = db.transaction((records: FlowRecord[]) => records.forEach(write));
  const selectDeployed = statement<Row, [string, string, string]>(db,
    'SELECT * FROM flow_revisions WHERE tenant = ? AND namespace = ? AND id = ? AND draft = 0 ORDER BY revision DESC LIMIT 1',
  );
  const removeRevision = statement(db, 'DELETE FROM flow_revisions WHERE tenant = ? AND namespace = ? AND id = ? AND revision = ?');
  const removeMany = db.transaction((tenant: string, namespace: string, id: string, revisions: number[]) => {
    for (const r of revisions) removeRevision.run(tenant, namespace, id, r);
  });

  return {
    current: (tenant, namespace, id) => cache.get(tenant)?.get(key(namespace, id)),
    all: (tenant) => cache.get(tenant)?.values() ?? [],
    tenants: () => [...cache.keys()],
    revision(tenant, namespace, id, revision) {
      const cur = cache.get(tenant)?.get(key(namespace, id));
      if (cur?.revision === revision) return cur;
      const row = selectRevision.get(tenant, namespace, id, revision);
      return row ? fromRow(row) : undefined;
    },
    revisions: (tenant, namespace, id) => selectRevisions.all(tenant, namespace, id).map(fromRow),
    append(record) {
      write(record);
      tenantMap(record.tenant).set(key(record.namespace, record.id), record);
    },
    appendAll(records) {
      writeMany(records);
      for (const r of records) tenantMap(r.tenant).set(key(r.namespace, r.id), r);
    },
    latestDeployed(tenant, namespace, id) {
      const cur = cache.get(tenant)?.get(key(namespace, id));
      if (!cur || !cur.draft) return cur;
      const row = selectDeployed.get(tenant, namespace, id);
      return row ? fromRow(row) : undefined;
    },
    deleteRevisions(tenant, namespace, id, revisions) {
      version++;
      removeMany(tenant, namespace, id, revisions);
    },
    version: () => version,
    reload() { version++; load(); },
    count: () => [...cache.values()].reduce((n, m) => n + [...m.values()].filter((r) => !r.deleted).length, 0),
  };
}
