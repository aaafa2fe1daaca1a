// The state document of GET /_kestra-lite/export and POST /_kestra-lite/import (Firebase's
// emulator export, as one JSON file): every state table as columns + rows, every blob (namespace
// files, execution files) in base64, the storage schema it was written with, and a SHA-256
// checksum over all of it. An import is validated whole (down to every JSON cell) before anything
// is written.

import { createHash } from 'node:crypto';
import type { BlobStore } from '../../shared/storage/blobs.ts';
import { isoInstant } from '../../shared/time/clock.ts';
import type { Db } from '../../shared/db.ts';
import { invalidEntity, type ErrorItem } from '../../shared/errors.ts';
import { readRows, schemaVersions, stateTables, type Cell, type ColumnKind } from './tables.ts';

export const FORMAT = 'kestra-lite-state';
export const FORMAT_VERSION = 1;

export interface StateDocument {
  format: typeof FORMAT;
  formatVersion: number;
  kestraLiteVersion: string;
  exportedAt: string;
  /** latest migration of every store module: an import needs the same */
  schema: Record<string, number>;
  tables: Record<string, { columns: string[]; rows: Cell[][] }>;
  blobs: { key: string; base64: string }[];
  /** `sha256:` + hex of the canonical JSON of every other field */
  checksum: string;
}

/** JSON with object keys sorted at every level: the same content always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function checksumOf(doc: Omit<StateDocument, 'checksum'> | Record<string, unknown>): string {
  const { checksum: _, ...rest } = doc as Record<string, unknown>;
  return `sha256:${createHash('sha256').update(canonical(rest)).digest('hex')}`;
}

export function exportState(deps: { db: Db; blobs: BlobStore; now: number; version: string }): StateDocument {
  const read = deps.db.transaction(() => Object.fromEntries(stateTables(deps.db).map((t) => [t.name, { columns: t.columns, rows: readRows(deps.db, t) }])));
  const body = {
    format: FORMAT, formatVersion: FORMAT_VERSION, kestraLiteVersion: deps.version, exportedAt: isoInstant(deps.now),
    schema: schemaVersions(deps.db), tables: read(),
    blobs: deps.blobs.list('').map((b) => ({ key: b.key, base64: Buffer.from(deps.blobs.get(b.key) ?? new Uint8Array()).toString('base64') })),
  } as const;
  return { ...body, checksum: checksumOf(body) };
}

/** What an import writes, once every check passed. */
export interface ValidImport {
  tables: { name: string; columns: string[]; rows: Cell[][] }[];
  blobs: { key: string; data: Uint8Array }[];
}

const TOP_LEVEL = new Set(['format', 'formatVersion', 'kestraLiteVersion', 'exportedAt', 'schema', 'tables', 'blobs', 'checksum']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCell = (c: unknown) => c === null || typeof c === 'string' || (typeof c === 'number' && Number.isFinite(c))
  || (isObject(c) && Object.keys(c).length === 1 && typeof c.base64 === 'string' && BASE64.test(c.base64));

const refuse = (path: string, message: string): never => { throw invalidEntity([{ path, message }]); };

/**
 * What the stores will read back must be readable: a JSON column that does not parse would make
 * the reload (and every later start-up) fail, so it is refused here, before anything is written.
 */
function checkCells(row: Cell[], columns: string[], kinds: ColumnKind[], path: string): void {
  row.forEach((cell, i) => {
    if (cell === null) return;
    if (kinds[i] === 'number' && typeof cell !== 'number') refuse(`${path}.${columns[i]}`, 'must be a number');
    if (kinds[i] !== 'json') return;
    if (typeof cell !== 'string') refuse(`${path}.${columns[i]}`, 'must be a JSON document as a string');
    try { JSON.parse(cell as string); } catch (err) { refuse(`${path}.${columns[i]}`, `is not a JSON document: ${(err as Error).message}`); }
  });
}

/** Checks a parsed document against this runtime's storage; throws a 422 naming the first problem. */
export function validateImport(doc: unknown, db: Db): ValidImport {
  if (!isObject(doc) || doc.format !== FORMAT) refuse('import', `not a kestra-lite state export (expected "format": "${FORMAT}")`);
  const d = doc as Record<string, unknown>;
  if (d.formatVersion !== FORMAT_VERSION) refuse('import.formatVersion', `format version ${String(d.formatVersion)} is not supported: this kestra-lite reads version ${FORMAT_VERSION}`);
  const unknown = Object.keys(d).filter((k) => !TOP_LEVEL.has(k));
  if (unknown.length) refuse(`import.${unknown[0]}`, 'unknown field');
  if (typeof d.checksum !== 'string' || d.checksum !== checksumOf(d)) refuse('import.checksum', 'checksum mismatch: the file is corrupted or was edited');
  if (!isObject(d.schema)) refuse('import.schema', 'must be an object');
  const here = schemaVersions(db);
  const problems: ErrorItem[] = [];
  for (const module of new Set([...Object.keys(here), ...Object.keys(d.schema as object)])) {
    const theirs = (d.schema as Record<string, unknown>)[module];
    if (theirs !== here[module]) problems.push({ path: `import.schema.${module}`, message: `exported with storage version ${String(theirs ?? 'none')}, this kestra-lite has ${here[module] ?? 'none'}` });
  }
  if (problems.length) throw invalidEntity([{ path: 'import', message: `exported by kestra-lite ${String(d.kestraLiteVersion)} with another storage schema` }, ...problems.slice(0, 5)]);

  if (!isObject(d.tables)) refuse('import.tables', 'must be an object');
  const known = new Map(stateTables(db).map((t) => [t.name, t]));
  const tables: ValidImport['tables'] = [];
  for (const [name, t] of Object.entries(d.tables as Record<string, unknown>)) {
    const info = known.get(name) ?? refuse(`import.tables.${name}`, 'unknown table');
    if (!isObject(t) || !Array.isArray(t.columns) || !Array.isArray(t.rows)) refuse(`import.tables.${name}`, 'needs columns and rows arrays');
    const columns = (t as { columns: unknown[] }).columns;
    if (columns.length !== info!.columns.length || !columns.every((c) => typeof c === 'string' && info!.columns.includes(c))) {
      refuse(`import.tables.${name}.columns`, `expected the columns ${info!.columns.join(', ')}`);
    }
    const rows = (t as { rows: unknown[] }).rows;
    const kinds = (columns as string[]).map((c) => info!.kinds[info!.columns.indexOf(c)]!);
    rows.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== columns.length || !row.every(isCell)) refuse(`import.tables.${name}.rows[${i}]`, `must be an array of ${columns.length} values (string, number, null or {"base64": ...})`);
      checkCells(row as Cell[], columns as string[], kinds, `import.tables.${name}.rows[${i}]`);
    });
    tables.push({ name, columns: columns as string[], rows: rows as Cell[][] });
  }
  if (!Array.isArray(d.blobs)) refuse('import.blobs', 'must be an array');
  const blobs = (d.blobs as unknown[]).map((b, i) => {
    if (!isObject(b) || typeof b.key !== 'string' || !b.key || b.key.split('/').includes('..') || typeof b.base64 !== 'string' || !BASE64.test(b.base64)) {
      return refuse(`import.blobs[${i}]`, 'must be {"key": "a/relative/path", "base64": "..."}');
    }
    return { key: b.key, data: new Uint8Array(Buffer.from(b.base64, 'base64')) };
  });
  return { tables, blobs };
}
