// Flows created, changed or deleted through the API are mirrored into the flows directory, so
// the files stay the source of truth a developer edits and commits. The write is synchronous
// inside the `flow.changed` listener: the file is on disk, and the mapping claimed, before the
// API call returns. When the watcher later reports our own write, the reconcile reads back the
// exact source that was just saved, and the identical-save rule makes it a no-op (no revision,
// no event loop).

import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EventBus, EventMap } from '../../shared/events.ts';
import { errorText, writeAtomic } from './io.ts';
import type { Reconciler } from './reconcile.ts';
import type { FlowKey } from './store.ts';

export interface WriteBackDeps { dir: string; tenant: string; events: EventBus; reconciler: Reconciler }

/** Subscribes; returns the unsubscribe function. */
export function startWriteBack(deps: WriteBackDeps): () => void {
  const { dir, tenant, events, reconciler } = deps;
  let writes = 0;

  // Kestra ids and namespaces are already file-name safe; this only guards against surprises
  // (a path separator or a leading dot would escape the directory or hide the file).
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');

  /** `<namespace>.<id>.yml` at the root, or `-2`, `-3`... if that name is taken by something else. */
  function newFileFor(key: FlowKey): string {
    const base = `${safe(key.namespace)}.${safe(key.id)}`;
    for (let n = 1; ; n++) {
      const rel = n === 1 ? `${base}.yml` : `${base}-${n}.yml`;
      if (!existsSync(join(dir, rel)) && !reconciler.isMapped(rel)) return rel;
    }
  }

  function write(e: EventMap['flow.changed']) {
    const key = { namespace: e.namespace, id: e.id };
    const rel = reconciler.fileOf(key) ?? newFileFor(key);
    try {
      writeAtomic(join(dir, rel), e.source, `${process.pid}-${++writes}`);
      // Claimed only once the file exists: a mapping to a file that was never written would make
      // the next start-up scan delete the flow as "file vanished while stopped".
      reconciler.claim(rel, key);
    } catch (err) {
      events.emit('flow.file-error', { file: rel, message: `cannot write flow ${e.namespace}.${e.id}: ${errorText(err)}` });
    }
  }

  /** Every file defining the flow goes, or the next start-up scan would bring the flow back. */
  function remove(e: EventMap['flow.changed']) {
    for (const rel of reconciler.pathsOf({ namespace: e.namespace, id: e.id })) {
      try {
        reconciler.forget(rel);
        rmSync(join(dir, rel), { force: true });
      } catch (err) {
        events.emit('flow.file-error', { file: rel, message: `cannot delete file of flow ${e.namespace}.${e.id}: ${errorText(err)}` });
      }
    }
  }

  return events.on('flow.changed', (e) => {
    if (e.origin !== 'api' || e.tenant !== tenant) return;
    if (e.deleted) remove(e);
    // a draft is not deployed: the file keeps the deployed revision (a watcher re-read of the
    // draft would otherwise make it a live, non-draft revision)
    else if (!e.draft) write(e);
  });
}
