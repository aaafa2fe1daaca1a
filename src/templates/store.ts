// Templates in SQLite: one row per (tenant, namespace, id), overwritten on update; delete sets the
// `deleted` flag (Kestra's soft delete). Schema, row type and statements live together here.

import { statement, migrate, type Db } from '../shared/db.ts';
import type { Template, TemplateRecord } from './model.ts';

interface Row { tenant: string; namespace: string; id: string; deleted: number; value: string; updated: number }

export interface TemplateStore {
  /** the live (non-deleted) template */
  get(tenant: string, namespace: string, id: string): TemplateRecord | undefined;
  /** every live template of a tenant, ordered by namespace then id */
  list(tenant: string): TemplateRecord[];
  put(tenant: string, template: Template, updated: number): TemplateRecord;
  markDeleted(tenant: string, namespace: string, id: string, updated: number): void;
  /** several writes in one transaction */
  transaction<T>(fn: () => T): T;
  /** increases on every write: the engine re-plans flows that include templates when it changes */
  version(): number;
}

const fromRow = (r: Row): TemplateRecord => ({
  tenant: r.tenant, namespace: r.namespace, id: r.id, deleted: r.deleted === 1, template: JSON.parse(r.value), updated: r.updated,
});

export function createTemplateStore(db: Db): TemplateStore {
  migrate(db, 'templates', [
    `CREATE TABLE templates (
       tenant TEXT NOT NULL, namespace TEXT NOT NULL, id TEXT NOT NULL, deleted INTEGER NOT NULL,
       value TEXT NOT NULL, updated INTEGER NOT NULL,
       PRIMARY KEY (tenant, namespace, id))`,
  ]);
  const selectOne = statement<Row, [string, string, string]>(db,
    'SELECT * FROM templates WHERE tenant = ? AND namespace = ? AND id = ? AND deleted = 0',
  );
  const selectAll = statement<Row, [string]>(db, 'SELECT * FROM templates WHERE tenant = ? AND deleted = 0 ORDER BY namespace, id');
  const upsert = statement(db,
    `INSERT INTO templates (tenant, namespace, id, deleted, value, updated) VALUES ($tenant, $namespace, $id, 0, $value, $updated)
     ON CONFLICT (tenant, namespace, id) DO UPDATE SET deleted = 0, value = excluded.value, updated = excluded.updated`,
  );
  const softDelete = statement(db, 'UPDATE templates SET deleted = 1, updated = ? WHERE tenant = ? AND namespace = ? AND id = ?');
  let version = 0;

  return {
    get(tenant, namespace, id) {
      const row = selectOne.get(tenant, namespace, id);
      return row ? fromRow(row) : undefined;
    },
    list: (tenant) => selectAll.all(tenant).map(fromRow),
    put(tenant, template, updated) {
      upsert.run({ tenant, namespace: template.namespace, id: template.id, value: JSON.stringify(template), updated });
      version++;
      return { tenant, namespace: template.namespace, id: template.id, deleted: false, template, updated };
    },
    markDeleted(tenant, namespace, id, updated) {
      softDelete.run(updated, tenant, namespace, id);
      version++;
    },
    transaction: (fn) => db.transaction(fn)(),
    version: () => version,
  };
}
