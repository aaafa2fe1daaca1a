// Watching a directory without delaying start-up. The flows directory and the fixture set load
// every file at once, start their chokidar watcher a little later (chokidar itself is loaded
// then), and when it is ready reload only the files that moved meanwhile: fingerprints tell.

import { statSync } from 'node:fs';

type Chokidar = typeof import('chokidar');
let chokidarModule: Chokidar | undefined;

/** chokidar, required when the first watcher starts: evaluating it is start-up time nobody needs. */
export function chokidar(): Chokidar {
  return (chokidarModule ??= require('chokidar') as Chokidar);
}

/** Identity of a file's current content as far as stat can tell (inode, size, mtime in ns). */
export function fingerprint(abs: string): string {
  try {
    const st = statSync(abs, { bigint: true });
    return `${st.ino}:${st.size}:${st.mtimeNs}`;
  } catch {
    return 'missing';
  }
}

/** path → fingerprint for each path (`abs` turns a listed path into one stat can read) */
export function fingerprints(paths: Iterable<string>, abs: (path: string) => string = (p) => p): Map<string, string> {
  const prints = new Map<string, string>();
  for (const p of paths) prints.set(p, fingerprint(abs(p)));
  return prints;
}

/** the paths that appeared, vanished or changed between two looks */
export function changedBetween(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [p, print] of after) if (before.get(p) !== print) changed.push(p);
  for (const p of before.keys()) if (!after.has(p)) changed.push(p);
  return changed;
}

/**
 * How long a watcher waits before its first walk. Start-up has loaded every file already; the
 * walk costs ~5 ms of cold CPU on the one thread, so it runs once the first requests (a client
 * polling for the port, a CI script) have been answered instead of ahead of them.
 */
export const WATCH_START_DELAY_MS = 30;

/** Resolves after WATCH_START_DELAY_MS, or as soon as `closed` does. */
export function watchStartDelay(closed: Promise<void>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([new Promise<void>((resolve) => { timer = setTimeout(resolve, WATCH_START_DELAY_MS); }), closed])
    .finally(() => clearTimeout(timer));
}

/**
 * Resolves on chokidar's `ready`, or as soon as `closed` does: a watcher closed during its first
 * walk never reports ready, and nobody should wait for it forever.
 */
export function watcherReady(watcher: { once(event: 'ready', listener: () => void): unknown }, closed: Promise<void>): Promise<void> {
  return Promise.race([new Promise<void>((resolve) => void watcher.once('ready', resolve)), closed]);
}
