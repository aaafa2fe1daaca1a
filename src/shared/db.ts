// bun:sqlite behind one opener. Persistence is a constructor argument: `false` = memory.
// Each store registers its own migrations (its schema lives next to its statements).

import { Database, type SQLQueryBindings, type Statement } from 'bun:sqlite';
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
  // a turn's writes still open at close are committed, not rolled back by sqlite3_close
  const close = db.close.bind(db);
  db.close = (throwOnError?: boolean) => {
    commitTurn(db);
    close(throwOnError);
  };
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (module, version))');
  return db;
}

/**
 * A statement prepared on its first use. Stores declare theirs when they are built, at start-up,
 * and most are not needed before the first request: preparing ~120 of them up front was ~1 ms of
 * every start. Only what the stores call exists (get, all, run, values, iterate).
 */
export function statement<R = unknown, P extends SQLQueryBindings | SQLQueryBindings[] = SQLQueryBindings[]>(
  db: Db, sql: string,
): Statement<R, P extends any[] ? P : [P]> {
  type Args = P extends any[] ? P : [P];
  const METHODS = ['get', 'all', 'run', 'values', 'iterate'] as const;
  const lazy: Record<string, unknown> = {};
  // the first call prepares the statement and puts its own methods in place: later calls go
  // straight to bun:sqlite, with no wrapper in between (hot paths run these thousands of times)
  const prepare = () => {
    const real = db.query<R, P>(sql);
    for (const m of METHODS) lazy[m] = real[m].bind(real);
    return real;
  };
  for (const m of METHODS) lazy[m] = (...params: Args) => (prepare()[m] as (...a: Args) => unknown)(...params);
  return lazy as unknown as Statement<R, Args>;
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

/**
 * Group commit for the hot write paths: the first write of a turn of the event loop opens a
 * transaction and a microtask commits it, so the engine's many small saves (several per
 * execution, 32 executions in flight) share one commit instead of paying one each — in WAL mode
 * a commit is most of a small write's cost. Readers on this connection (every store and query in
 * the process shares it) see the writes at once; a reply or any other I/O only happens after the
 * microtask, so nothing acknowledged is uncommitted. A write while a transaction is already open
 * simply joins it (db.transaction nests as a savepoint).
 */
export function writeInTurn(db: Db): void {
  if (db.inTransaction) return;
  db.query('BEGIN').run(); // query(): a cached statement, not a parse per turn
  turns.add(db);
  queueMicrotask(() => commitTurn(db));
}

const turns = new WeakSet<Db>();

function commitTurn(db: Db): void {
  if (!turns.delete(db)) return;
  try {
    db.query('COMMIT').run();
  } catch (err) {
    // reached only if the database failed under us (disk full, I/O error): the writes cannot be
    // kept either way; end the transaction so the next turn starts clean, and say so
    try { db.exec('ROLLBACK'); } catch { /* already closed */ }
    console.error(`kestra-lite: could not commit writes: ${(err as Error).message}`);
  }
}
