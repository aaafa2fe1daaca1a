// Trigger contexts in SQLite with an in-memory copy: the scheduler reads them on every tick,
// writes go through to the database so a restart in persisted mode resumes them.

import { statement, migrate, type Db } from '../shared/db.ts';
import { keyOf, type TriggerContext } from './model.ts';

export interface TriggerStore {
  get(key: string): TriggerContext | undefined;
  all(): Iterable<TriggerContext>;
  save(t: TriggerContext): void;
  saveMany(list: TriggerContext[]): void;
  delete(t: TriggerContext): void;
  /** re-reads every context from the database (after an admin reset or import) */
  reload(): void;
}

/** `flow`: the contexts of Flow triggers (only their `disabled` / `stopAfter` state), kept apart from
 * the scheduler's so that syncing schedules never touches them */
export function createTriggerStore(db: Db, kind: 'schedule' | 'flow' = 'schedule'): TriggerStore {
  const table = kind === 'flow' ? 'flow_trigger_contexts' : 'trigger_contexts';
  migrate(db, kind === 'flow' ? 'flow-triggers' : 'triggers', [
    `CREATE TABLE ${table} (
       tenant TEXT NOT NULL, namespace TEXT NOT NULL, flow_id TEXT NOT NULL, trigger_id TEXT NOT NULL, json TEXT NOT NULL,
       PRIMARY KEY (tenant, namespace, flow_id, trigger_id))`,
  ]);
  const upsert = statement(db,
    `INSERT INTO ${table} (tenant, namespace, flow_id, trigger_id, json) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (tenant, namespace, flow_id, trigger_id) DO UPDATE SET json = excluded.json`,
  );
  const remove = statement(db, `DELETE FROM ${table} WHERE tenant = ? AND namespace = ? AND flow_id = ? AND trigger_id = ?`);
  const cache = new Map<string, TriggerContext>();
  const load = () => {
    cache.clear();
    for (const row of db.query<{ json: string }, []>(`SELECT json FROM ${table}`).iterate()) {
      const t = JSON.parse(row.json) as TriggerContext;
      cache.set(keyOf(t), t);
    }
  };
  load();
  const write = (t: TriggerContext) => upsert.run(t.tenant, t.namespace, t.flowId, t.triggerId, JSON.stringify(t));
  const writeMany = db.transaction((list: TriggerContext[]) => list.forEach(write));
  return {
    get: (key) => cache.get(key),
    all: () => cache.values(),
    save(t) { write(t); cache.set(keyOf(t), t); },
    saveMany(list) { writeMany(list); for (const t of list) cache.set(keyOf(t), t); },
    delete(t) { remove.run(t.tenant, t.namespace, t.flowId, t.triggerId); cache.delete(keyOf(t)); },
    reload: load,
  };
}
