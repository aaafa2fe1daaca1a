// Instance-wide settings (basic-auth credentials, instance uuid): a tiny key/value table.

import { statement, migrate, type Db } from '../db.ts';

export interface SettingsStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

export function createSettingsStore(db: Db): SettingsStore {
  migrate(db, 'settings', ['CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)']);
  const select = statement<{ value: string }, [string]>(db, 'SELECT value FROM settings WHERE key = ?');
  const upsert = statement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    get<T>(key: string) {
      const row = select.get(key);
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    set: (key, value) => void upsert.run(key, JSON.stringify(value)),
  };
}
