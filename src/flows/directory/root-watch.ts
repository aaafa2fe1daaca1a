// Waits for the flows directory to exist again after it was deleted or moved away. The watcher of
// a deleted directory watches nothing (inotify follows the gone inode), so the parent is watched
// instead, non-recursively, until an entry with the directory's name is a directory again.

import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

const isDir = (p: string) => { try { return statSync(p).isDirectory(); } catch { return false; } };

/** Calls `onBack` once when `dir` is a directory again; returns a cancel function. */
export function waitForRoot(dir: string, onBack: () => void, onError: (message: string) => void): () => void {
  let watcher: FSWatcher | undefined;
  let done = false;
  const stop = () => { done = true; watcher?.close(); watcher = undefined; };
  const check = () => {
    if (done || !isDir(dir)) return;
    stop();
    onBack();
  };
  const parent = dirname(dir);
  if (!existsSync(parent)) {
    onError(`the flows directory and its parent ${parent} are gone: restart to watch again`);
    return stop;
  }
  try {
    watcher = watch(parent, { persistent: false }, (_event, name) => { if (name === null || String(name) === basename(dir)) check(); });
    watcher.on('error', () => stop());
  } catch (err) {
    onError(`cannot watch ${parent} for the flows directory to come back: ${(err as Error).message}`);
    return stop;
  }
  check(); // it may have come back before the watch started
  return stop;
}
