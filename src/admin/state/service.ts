// Reset, export and import of a runtime's whole state. Replacing state underneath running
// features goes: validate everything → every feature suspends (the engine drops running
// executions, the scheduler its timer) → one SQLite transaction empties and refills the state
// tables → blobs are swapped → every feature reloads (caches re-read, running executions
// recovered, triggers re-armed). An import refused by validation never reaches the suspend
// step; one that fails while writing or reloading puts the previous state back.

import type { BlobStore } from '../../shared/storage/blobs.ts';
import type { Db } from '../../shared/db.ts';
import { ApiError } from '../../shared/errors.ts';
import type { StateLifecycle } from '../../shared/feature.ts';
import { exportState, validateImport, type StateDocument, type ValidImport } from './document.ts';
import { emptyTables, insertRows, readRows, stateTables } from './tables.ts';

/** the tables `reset?keep=flows` leaves alone */
const FLOW_TABLES = new Set(['flow_revisions']);

export interface StateDeps {
  db: Db;
  blobs: BlobStore;
  now: () => number;
  version: string;
  lifecycle: StateLifecycle;
  /** the admin API's own state (journal, faults, added fixtures), cleared by reset */
  clearAdmin(): void;
}

export function createStateService(deps: StateDeps) {
  const { db, blobs } = deps;

  /** the stored state as it is (read once every feature is suspended): what a failed import goes back to */
  const snapshot = () => ({
    tables: stateTables(db).map((t) => ({ name: t.name, columns: t.columns, rows: readRows(db, t) })),
    blobs: blobs.list('').map((b) => ({ key: b.key, data: blobs.get(b.key) ?? new Uint8Array() })),
  });

  function write(state: ValidImport, tables: string[]) {
    db.transaction(() => {
      emptyTables(db, tables);
      for (const t of state.tables) insertRows(db, t.name, t.columns, t.rows);
    })();
    for (const b of blobs.list('')) blobs.delete(b.key);
    for (const b of state.blobs) blobs.put(b.key, b.data);
  }

  /**
   * Suspends every feature, writes, reloads. For an import (`restore`), when the write or the
   * reload fails, the state read before the write is written back and reloaded, and the error is
   * thrown: the runtime answers as before (a reload can fail on a document that parses but is
   * not what a store expects). A reset writes nothing a reload could trip on.
   */
  async function replace(state: ValidImport, tables: string[], restore: boolean) {
    await deps.lifecycle.suspend();
    if (!restore) {
      try { write(state, tables); } finally { await deps.lifecycle.reload(); }
      return;
    }
    const before = snapshot();
    try {
      write(state, tables);
      await deps.lifecycle.reload();
    } catch (err) {
      await deps.lifecycle.suspend();
      write(before, stateTables(db).map((t) => t.name));
      await deps.lifecycle.reload();
      throw err;
    }
  }

  return {
    /** back to an empty runtime (flows kept with keepFlows); the clock and the configuration stay */
    async reset(opts: { keepFlows?: boolean } = {}) {
      const names = stateTables(db).map((t) => t.name).filter((n) => !(opts.keepFlows && FLOW_TABLES.has(n)));
      deps.clearAdmin();
      await replace({ tables: [], blobs: [] }, names, false);
    },
    exportDocument: (): StateDocument => exportState({ db, blobs, now: deps.now(), version: deps.version }),
    /** text (JSON) or an already parsed document; throws a 4xx and changes nothing when refused */
    async importDocument(input: string | unknown) {
      let doc = input;
      if (typeof input === 'string') {
        try { doc = JSON.parse(input); } catch (err) { throw new ApiError('INVALID_JSON', `the import is not a JSON document: ${(err as Error).message}`); }
      }
      const valid = validateImport(doc, db);
      try {
        await replace(valid, stateTables(db).map((t) => t.name), true);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        // a constraint the rows break, or a feature that could not reload them: the state from
        // before is back (replace), nothing changed
        throw new ApiError('UNPROCESSABLE', `the import was refused, nothing changed: ${(err as Error).message}`);
      }
    },
  };
}

export type StateService = ReturnType<typeof createStateService>;
