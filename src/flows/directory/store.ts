// The persisted file <-> flow mapping: which flow each file last defined (its last *valid*
// content). Persisted mode needs it to delete exactly the flows whose file vanished while the
// server was stopped, and never a flow created through the API or defined by another file.
// Reads come from an in-memory mirror; writes go to the database first.

import { statement, migrate, type Db } from '../../shared/db.ts';

export interface FlowKey { namespace: string; id: string }

export const flowKeyText = (k: FlowKey) => `${k.namespace}\u0000${k.id}`;
export const sameFlow = (a: FlowKey, b: FlowKey) => a.namespace === b.namespace && a.id === b.id;

export interface FlowFileMap {
  definitionOf(path: string): FlowKey | undefined;
  /** every path whose last valid content defined this flow */
  pathsOf(key: FlowKey): string[];
  set(path: string, key: FlowKey): void;
  delete(path: string): void;
  paths(): string[];
}

interface Row { path: string; namespace: string; id: string }

export function createFlowFileMap(db: Db, tenant: string): FlowFileMap {
  migrate(db, 'flow-files', [
    `CREATE TABLE flow_files (
       tenant TEXT NOT NULL, namespace TEXT NOT NULL, id TEXT NOT NULL, path TEXT NOT NULL,
       PRIMARY KEY (tenant, path))`,
    'CREATE INDEX flow_files_flow ON flow_files (tenant, namespace, id)',
  ]);
  const upsert = statement(db,
    `INSERT INTO flow_files (tenant, namespace, id, path) VALUES ($tenant, $namespace, $id, $path)
     ON CONFLICT (tenant, path) DO UPDATE SET namespace = excluded.namespace, id = excluded.id`,
  );
  const remove = statement(db, 'DELETE FROM flow_files WHERE tenant = ? AND path = ?');
  const byPath = new Map<string, FlowKey>();
  for (const r of db.query<Row, [string]>('SELECT path, namespace, id FROM flow_files WHERE tenant = ?').iterate(tenant)) {
    byPath.set(r.path, { namespace: r.namespace, id: r.id });
  }

  return {
    definitionOf: (path) => byPath.get(path),
    pathsOf(key) {
      const out: string[] = [];
      for (const [path, k] of byPath) if (sameFlow(k, key)) out.push(path);
      return out;
    },
    set(path, key) {
      const cur = byPath.get(path);
      if (cur && sameFlow(cur, key)) return;
      upsert.run({ tenant, namespace: key.namespace, id: key.id, path });
      byPath.set(path, { namespace: key.namespace, id: key.id });
    },
    delete(path) {
      if (!byPath.has(path)) return;
      remove.run(tenant, path);
      byPath.delete(path);
    },
    paths: () => [...byPath.keys()],
  };
}
