// Which tables hold a runtime's state, read from the database itself so that a store added later
// is exported, imported and reset without a change here. Left out: the migration ledger, instance
// settings (credentials, instance id), the flows directory's file map (paths of this machine),
// and derived tables (stats_*: re-derived from the executions, which mark them dirty).

import type { Db } from '../../shared/db.ts';

const NOT_STATE = new Set(['schema_migrations', 'settings', 'flow_files']);
const isDerived = (name: string) => name.startsWith('stats_');

/**
 * What a column holds, as far as an import can check it: `json` columns hold a JSON document
 * the stores parse on every read (named json, document, flow, labels, tags or value, declared
 * TEXT: the naming every store follows), `number` columns are declared INTEGER or REAL.
 */
export type ColumnKind = 'json' | 'number' | 'other';

export interface TableInfo { name: string; columns: string[]; kinds: ColumnKind[]; rowid: boolean }

const JSON_COLUMN = new Set(['json', 'document', 'flow', 'labels', 'tags', 'value']);

function kindOf(column: { name: string; type: string }): ColumnKind {
  const type = column.type.toUpperCase();
  if (type.includes('INT') || type === 'REAL') return 'number';
  return type === 'TEXT' && JSON_COLUMN.has(column.name) ? 'json' : 'other';
}

function tables(db: Db): { name: string; sql: string }[] {
  return db.query<{ name: string; sql: string }, []>(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
  ).all();
}
const tableNames = (db: Db) => tables(db).map((t) => t.name);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** the state tables, sorted by name, with their columns in declaration order */
export function stateTables(db: Db): TableInfo[] {
  return tables(db).filter((t) => !NOT_STATE.has(t.name) && !isDerived(t.name)).map(({ name, sql }) => {
    const info = db.query<{ name: string; type: string }, []>(`PRAGMA table_info(${quote(name)})`).all();
    return { name, rowid: !/WITHOUT\s+ROWID\s*$/i.test(sql.trim()), columns: info.map((c) => c.name), kinds: info.map(kindOf) };
  });
}

/** derived tables, emptied whenever the state is replaced */
export const derivedTables = (db: Db): string[] => tableNames(db).filter(isDerived);

/** the storage schema: the latest migration of every store module */
export function schemaVersions(db: Db): Record<string, number> {
  const rows = db.query<{ module: string; version: number }, []>('SELECT module, MAX(version) AS version FROM schema_migrations GROUP BY module ORDER BY module').all();
  return Object.fromEntries(rows.map((r) => [r.module, r.version]));
}

export type Cell = string | number | null | { base64: string };

/** every row of a table, values as JSON cells (binary values in base64) */
export function readRows(db: Db, table: TableInfo): Cell[][] {
  const cols = table.columns.map(quote).join(', ');
  return db.query<Record<string, unknown>, []>(`SELECT ${cols} FROM ${quote(table.name)}${table.rowid ? ' ORDER BY rowid' : ''}`).values().map((row) =>
    row.map((v): Cell => (v instanceof Uint8Array ? { base64: Buffer.from(v).toString('base64') } : typeof v === 'bigint' ? Number(v) : (v as Cell))));
}

/**
 * Empties the given tables and the derived ones (inside the caller's transaction). A trigger of
 * an emptied table that writes only to tables emptied too (the stats triggers marking executions
 * dirty) is dropped for the DELETE and created again: its effect would be wiped anyway, and
 * without triggers SQLite empties a table at once instead of row by row (1,000 executions: 4 ms
 * → 0.1 ms).
 */
export function emptyTables(db: Db, names: string[]): void {
  const emptied = new Set([...names, ...derivedTables(db)]);
  const kept = stateTables(db).map((t) => t.name).filter((n) => !emptied.has(n));
  const triggers = db.query<{ name: string; tbl_name: string; sql: string }, []>("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").all()
    .filter((t) => emptied.has(t.tbl_name) && !kept.some((k) => t.sql.includes(k)));
  for (const t of triggers) db.exec(`DROP TRIGGER ${quote(t.name)}`);
  for (const name of emptied) db.exec(`DELETE FROM ${quote(name)}`);
  for (const t of triggers) db.exec(t.sql);
}

/** inserts rows whose cells were validated (inside the caller's transaction) */
export function insertRows(db: Db, table: string, columns: string[], rows: Cell[][]): void {
  if (!rows.length) return;
  const insert = db.prepare(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  for (const row of rows) {
    insert.run(...row.map((c) => (c !== null && typeof c === 'object' ? Buffer.from(c.base64, 'base64') : c)) as never[]);
  }
  insert.finalize();
}
