// The flows directory (decisions.md, "The flows directory"): every `.yml`/`.yaml` file below it
// is a flow. Start-up scan, hot reload through chokidar (debounced per path), write-back of API
// changes. The pieces live in directory-*.ts; this file only composes them and owns the watcher.

import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FSWatcher } from 'chokidar';
import type { Db } from '../../shared/db.ts';
import type { EventBus } from '../../shared/events.ts';
import type { Violation } from '../model.ts';
import type { FlowService } from '../service.ts';
import { createDebouncer } from '../../shared/debounce.ts';
import { changedBetween, chokidar, fingerprint, fingerprints, watchStartDelay, watcherReady } from '../../shared/watching.ts';
import { errorText } from './io.ts';
import { isFlowFile, listFlowFiles, toRelative, watcherIgnore } from './paths.ts';
import { createReconciler, type DocumentClaimer } from './reconcile.ts';
import { waitForRoot } from './root-watch.ts';
import { createFlowFileMap } from './store.ts';
import { startWriteBack } from './write-back.ts';

export interface FlowDirectoryDeps {
  dir: string;                  // absolute path; created if missing
  tenant: string;               // 'main'
  flows: FlowService; events: EventBus; db: Db;   // db: for the persisted file<->flow mapping table
  debounceMs: number;           // per-path debounce
  watch: boolean;               // false = scan once at start, no watcher (API changes are still written back)
  /** files above this size are reported, never parsed (default 10 MiB) */
  maxFileBytes?: number;
}

export interface FlowDirectory {
  start(): Promise<{ loaded: number; invalid: number; deleted: number }>;
  close(): Promise<void>;
  invalidFiles(): { file: string; violations: Violation[] }[];
  fileOf(namespace: string, id: string): string | undefined;
  /** resolves after every pending debounced path has been processed (tests await this instead of sleeping) */
  idle(): Promise<void>;
  /** routes YAML documents that are not flows (test suites) to another store; call before start */
  addClaimer(claimer: DocumentClaimer): void;
}

const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

// chokidar drops a 'change' that follows another one on the same path within 50 ms, and an
// unlink within 100 ms of the previous one, without any trailing event: an editor's second write
// can go unreported. So every reconcile is followed by one look, after those windows have
// closed, and a file that changed since we read it is reconciled again.
const FOLLOW_UP_MS = 110;

const isDirectory = (abs: string) => { try { return statSync(abs).isDirectory(); } catch { return false; } };

export function createFlowDirectory(deps: FlowDirectoryDeps): FlowDirectory {
  const { dir, tenant, events } = deps;
  const claimers: DocumentClaimer[] = [];
  const reconciler = createReconciler({
    dir, tenant, flows: deps.flows, events, files: createFlowFileMap(deps.db, tenant), claimers,
    maxFileBytes: deps.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
  });
  let watcher: FSWatcher | undefined;
  let stopWriteBack: (() => void) | undefined;
  let closed = false;
  let markClosed = () => {};
  const closing = new Promise<void>((resolve) => { markClosed = resolve; });
  /** the start-up watcher's first walk and the look that follows it (see start) */
  let watching: Promise<void> | undefined;
  const reportError = (file: string, err: unknown) => events.emit('flow.file-error', { file, message: errorText(err) });
  const seen = new Map<string, string>(); // path -> fingerprint taken just before its last reconcile
  const deferred = new Set<string>();
  const debouncer = createDebouncer(deps.debounceMs, (rel) => {
    const print = fingerprint(join(dir, rel));
    // A vanished file whose flow may reappear under another pending path (a rename, a move)
    // waits one round for that path, so the flow moves instead of being deleted and re-created.
    if (print === 'missing' && debouncer.pending() > 0 && !deferred.has(rel)) {
      deferred.add(rel);
      debouncer.schedule(rel);
      return;
    }
    deferred.delete(rel);
    seen.set(rel, print);
    reconciler.reconcile(rel);
    if (watcher) followUps.schedule(rel);
    // A flow file replaced by a folder: chokidar reports a 'change' and never looks inside.
    if (watcher && isDirectory(join(dir, rel))) void resync();
  }, reportError);
  const followUps = createDebouncer(FOLLOW_UP_MS, (rel) => {
    const before = seen.get(rel);
    seen.delete(rel);
    if (!closed && before !== fingerprint(join(dir, rel))) debouncer.schedule(rel);
  }, reportError);

  function onWatchEvent(event: string, abs: string) {
    const rel = toRelative(dir, abs);
    if ((event === 'add' || event === 'change' || event === 'unlink') && isFlowFile(rel)) debouncer.schedule(rel);
    // A directory moved in or out of the tree: look at everything it holds (or held) instead of
    // relying on chokidar emitting one event per nested file.
    if (event === 'addDir' && rel !== '') {
      for (const f of listFlowFiles(dir, () => {}, abs)) debouncer.schedule(f.rel);
    }
    if (event === 'unlinkDir') for (const f of reconciler.mappedUnder(rel)) debouncer.schedule(f);
    // The directory itself went away (deleted, moved): its watcher is dead from now on.
    if (event === 'unlinkDir' && rel === '') void resync();
  }

  let resyncing: Promise<void> | undefined;
  let stopRootWait = () => {};
  /**
   * A fresh watcher and a look at every path, on disk or mapped, when the watcher can no longer
   * be trusted: the directory vanished (then wait for it to come back) or a path changed kind.
   */
  function resync(): Promise<void> {
    resyncing ??= (async () => {
      const old = watcher;
      watcher = undefined;
      await old?.close();
      if (closed) return;
      for (const f of reconciler.mappedUnder('')) debouncer.schedule(f);
      if (!isDirectory(dir)) {
        stopRootWait = waitForRoot(dir, () => void resync(), (message) => events.emit('flow.file-error', { file: '', message }));
        return;
      }
      await startWatcher();
      for (const f of listFlowFiles(dir, (file, message) => events.emit('flow.file-error', { file, message }))) debouncer.schedule(f.rel);
    })().finally(() => { resyncing = undefined; });
    return resyncing;
  }

  async function startWatcher(): Promise<void> {
    const w = chokidar().watch(dir, { ignoreInitial: true, ignored: watcherIgnore(dir), persistent: true });
    watcher = w;
    w.on('all', (event, abs) => {
      try { onWatchEvent(event, abs); } catch (err) { events.emit('flow.file-error', { file: toRelative(dir, abs), message: errorText(err) }); }
    });
    w.on('error', (err) => events.emit('flow.file-error', { file: '', message: `watcher: ${errorText(err)}` }));
    await watcherReady(w, closing);
  }

  /** every flow file under the directory with its fingerprint */
  const look = () => fingerprints(listFlowFiles(dir, () => {}).map((f) => f.rel), (rel) => join(dir, rel));

  return {
    async start() {
      mkdirSync(dir, { recursive: true });
      stopWriteBack = startWriteBack({ dir, tenant, events, reconciler });
      if (!deps.watch) return reconciler.scan();
      // Serving does not wait for chokidar (see watchStartDelay): the scan loads every file now;
      // once the watcher is ready, every path whose fingerprint moved since the scan is reconciled.
      const before = look();
      const loaded = reconciler.scan();
      watching = watchStartDelay(closing)
        .then(() => (closed ? undefined : startWatcher()))
        .then(() => { if (!closed) for (const rel of changedBetween(before, look())) debouncer.schedule(rel); })
        .catch((err) => reportError('', err));
      return loaded;
    },

    async close() {
      if (closed) return;
      closed = true;
      markClosed();
      stopWriteBack?.();
      stopRootWait();
      await resyncing;
      await watcher?.close();
      // Saves already seen by the watcher but still in their debounce window are applied, not lost.
      debouncer.flush();
      followUps.flush();
    },

    invalidFiles: () => reconciler.invalidFiles(),
    addClaimer: (claimer) => void claimers.push(claimer),
    fileOf: (namespace, id) => reconciler.fileOf({ namespace, id }),
    async idle() {
      await watching;
      while (debouncer.pending() > 0 || followUps.pending() > 0 || resyncing) {
        await resyncing;
        await debouncer.idle();
        await followUps.idle();
      }
    },
  };
}
