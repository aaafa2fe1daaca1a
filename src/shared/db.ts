// bun:sqlite behind one opener. Persistence is a constructor argument: `false` = memory.
// Each store registers its own migrations (its schema lives next to its statements).

import { Database } from 'bun:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database;

export function openDb(path: string | false): Db {
  if (path) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path || ':memory:', { create: true, strict: true });
  if (path) {
    // WAL + synchronous=NORMAL: a commit is in the WAL file (the OS page cache) before the API
    // answers, so every acknowledged write survives a kill -9 of the process (bench/crash.ts:
    // 30 kills, nothing lost, integrity_check ok). Only an OS crash or power loss can roll back the
    // last commits, never corrupt the file. FULL would fsync each commit: measured 15-40x fewer
    // writes per second (bench/sqlite-sync.ts), a cost a local dev server does not need to pay.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA busy_timeout = 5000');
  }
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (module, version))');
  return db;
}

/** Applies the not-yet-applied migrations of one module, in order, each in a transaction. */
export function migrate(db: Db, module: string, steps: string[]): void {
  const done = new Set(
    db.query<{ version: number }, [string]>('SELECT version FROM schema_migrations WHERE module = ?').all(module).map((r) => r.version),
  );
  steps.forEach((sql, i) => {
    const version = i + 1;
    if (done.has(version)) return;
    db.transaction(() => {
      db.exec(sql);
      db.query('INSERT INTO schema_migrations (module, version) VALUES (?, ?)').run(module, version);
    })();
  });
}

/** Fails early, with the store to create first, when a module reads tables another store owns. */
export function requireTables(db: Db, tables: string[], what: string): void {
  for (const name of tables) {
    const found = db.query<{ n: number }, [string]>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
    if (!found?.n) throw new Error(`${what} needs the '${name}' table: create its store before this one`);
  }
}
