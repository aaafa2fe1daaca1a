// Reset, export and import of a runtime's whole state. Replacing state underneath running
// features goes: validate everything → every feature suspends (the engine drops running
// executions, the scheduler its timer) → one SQLite transaction empties and refills the state
// tables → blobs are swapped → every feature reloads (caches re-read, running executions
// recovered, triggers re-armed). A refused import never reaches the suspend step.

import type { BlobStore } from '../../shared/blobs.ts';
import type { Db } from '../../shared/db.ts';
import { ApiError } from '../../shared/errors.ts';
import type { StateLifecycle } from '../../shared/feature.ts';
import { exportState, validateImport, type StateDocument, type ValidImport } from './document.ts';
import { emptyTables, insertRows, stateTables } from './tables.ts';

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

  async function replace(write: () => void, blobsAfter: ValidImport['blobs'] | undefined) {
    await deps.lifecycle.suspend();
    try {
      db.transaction(write)();
      if (blobsAfter) {
        for (const b of blobs.list('')) blobs.delete(b.key);
        for (const b of blobsAfter) blobs.put(b.key, b.data);
      }
    } finally {
      await deps.lifecycle.reload();
    }
  }

  return {
    /** back to an empty runtime (flows kept with keepFlows); the clock and the configuration stay */
    async reset(opts: { keepFlows?: boolean } = {}) {
      const names = stateTables(db).map((t) => t.name).filter((n) => !(opts.keepFlows && FLOW_TABLES.has(n)));
      deps.clearAdmin();
      await replace(() => emptyTables(db, names), []);
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
        await replace(() => {
          emptyTables(db, stateTables(db).map((t) => t.name));
          for (const t of valid.tables) insertRows(db, t.name, t.columns, t.rows);
        }, valid.blobs);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        // a constraint the rows break: the transaction rolled back, nothing changed
        throw new ApiError('UNPROCESSABLE', `the import was refused, nothing changed: ${(err as Error).message}`);
      }
    },
  };
}

export type StateService = ReturnType<typeof createStateService>;
