// Explicitly created folders of a namespace. The blob store has no directories, so a folder
// that holds files is derived from their paths, and an empty folder (POST files/directory, the
// UI's "new folder") is remembered here: one small JSON map path → creation time at
// `/_nsfiles/<namespace>/folders.json`, outside `_files` so no listing or task ever sees it.

import { blobKey } from '../../shared/storage/paths.ts';
import type { BlobStore } from '../../shared/storage/blobs.ts';
import { sideDataPrefix } from './history.ts';

export interface FolderSet {
  /** folder path ("/a/b") → creation time (epoch ms) */
  all(): Map<string, number>;
  /** adds folders (their ancestors are implied); keeps existing creation times */
  add(paths: string[], now: number): void;
  /** drops every folder the predicate selects; true when something changed */
  remove(select: (path: string) => boolean): boolean;
  /** renames `from` and everything below it to live under `to` */
  move(from: string, to: string): void;
}

export function folderSet(blobs: BlobStore, tenant: string, namespace: string): FolderSet {
  const key = blobKey(tenant, `${sideDataPrefix(namespace)}/folders.json`);
  const read = (): Map<string, number> => {
    const raw = blobs.get(key);
    if (!raw) return new Map();
    try {
      return new Map(Object.entries(JSON.parse(new TextDecoder().decode(raw)) as Record<string, number>));
    } catch {
      return new Map(); // a damaged side file only loses empty folders, never files
    }
  };
  const write = (folders: Map<string, number>) => {
    if (folders.size === 0) blobs.delete(key);
    else blobs.put(key, JSON.stringify(Object.fromEntries([...folders].sort(([a], [b]) => (a < b ? -1 : 1)))));
  };
  const below = (root: string) => (p: string) => p === root || p.startsWith(`${root}/`);

  return {
    all: read,
    add(paths, now) {
      const folders = read();
      const before = folders.size;
      for (const p of paths) if (p !== '/' && !folders.has(p)) folders.set(p, now);
      if (folders.size !== before) write(folders);
    },
    remove(select) {
      const folders = read();
      const kept = new Map([...folders].filter(([p]) => !select(p)));
      if (kept.size === folders.size) return false;
      write(kept);
      return true;
    },
    move(from, to) {
      const folders = read();
      const inside = below(from);
      if (![...folders.keys()].some(inside)) return;
      write(new Map([...folders].map(([p, created]) => [inside(p) ? to + p.slice(from.length) : p, created])));
    },
  };
}

/** "/a/b/c" → ["/a", "/a/b"] (not the root, not the path itself) */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, i) => `/${parts.slice(0, i + 1).join('/')}`);
}
