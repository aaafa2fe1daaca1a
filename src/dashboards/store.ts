// Dashboards in SQLite, per tenant: the YAML source verbatim plus its bound JSON.
// Deletion is soft, as in Kestra; saving a deleted id again revives it.

import { statement, migrate, type Db } from '../shared/db.ts';
import type { Dashboard, DashboardRecord } from './model.ts';

export interface StoredDashboard extends DashboardRecord { dashboard: Dashboard }

export interface DashboardStore {
  get(tenant: string, id: string): StoredDashboard | undefined;
  list(tenant: string): StoredDashboard[];
  save(d: StoredDashboard): void;
  delete(tenant: string, id: string): boolean;
}

interface Row { tenant: string; id: string; title: string; source: string; document: string; created: number; updated: number }

const fromRow = (r: Row): StoredDashboard => ({
  tenant: r.tenant, id: r.id, source: r.source, created: r.created, updated: r.updated, dashboard: JSON.parse(r.document),
});

export function createDashboardStore(db: Db): DashboardStore {
  migrate(db, 'dashboards', [
    `CREATE TABLE dashboards (
       tenant TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, source TEXT NOT NULL, document TEXT NOT NULL,
       created INTEGER NOT NULL, updated INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
       PRIMARY KEY (tenant, id))`,
  ]);
  const select = statement<Row, [string, string]>(db, 'SELECT * FROM dashboards WHERE tenant = ? AND id = ? AND deleted = 0');
  const all = statement<Row, [string]>(db, 'SELECT * FROM dashboards WHERE tenant = ? AND deleted = 0 ORDER BY title, id');
  const upsert = statement(db,
    `INSERT INTO dashboards (tenant, id, title, source, document, created, updated, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, 0)
     ON CONFLICT (tenant, id) DO UPDATE SET title = excluded.title, source = excluded.source, document = excluded.document,
       created = excluded.created, updated = excluded.updated, deleted = 0`,
  );
  const remove = statement(db, 'UPDATE dashboards SET deleted = 1 WHERE tenant = ? AND id = ? AND deleted = 0');
  return {
    get: (tenant, id) => { const r = select.get(tenant, id); return r ? fromRow(r) : undefined; },
    list: (tenant) => all.all(tenant).map(fromRow),
    save: (d) => { upsert.run(d.tenant, d.id, d.dashboard.title, d.source, JSON.stringify(d.dashboard), d.created, d.updated); },
    delete: (tenant, id) => remove.run(tenant, id).changes > 0,
  };
}
