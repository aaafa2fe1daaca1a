// One interface for binary blobs (namespace files, execution files, uploads): on disk in
// persisted mode, in memory otherwise. Keys are '/'-separated paths; they never escape the root.

import { readFileSync, rmSync, statSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';

export interface BlobStat { key: string; size: number; modified: number }

export interface BlobStore {
  put(key: string, data: Uint8Array | string): void;
  get(key: string): Uint8Array | undefined;
  stat(key: string): BlobStat | undefined;
  delete(key: string): boolean;
  /** keys under a prefix (recursive), sorted */
  list(prefix: string): BlobStat[];
}

function normalize(key: string): string {
  const parts = key.split('/').filter((p) => p && p !== '.');
  if (parts.some((p) => p === '..')) throw new Error(`Invalid blob key: ${key}`);
  return parts.join('/');
}

const bytes = (data: Uint8Array | string) => (typeof data === 'string' ? new TextEncoder().encode(data) : data);

export function memoryBlobStore(now: () => number = Date.now): BlobStore {
  const blobs = new Map<string, { data: Uint8Array; modified: number }>();
  return {
    put: (key, data) => void blobs.set(normalize(key), { data: bytes(data), modified: now() }),
    get: (key) => blobs.get(normalize(key))?.data,
    stat(key) {
      const k = normalize(key);
      const b = blobs.get(k);
      return b ? { key: k, size: b.data.byteLength, modified: b.modified } : undefined;
    },
    delete: (key) => blobs.delete(normalize(key)),
    list(prefix) {
      const p = normalize(prefix);
      return [...blobs.entries()]
        .filter(([k]) => !p || k === p || k.startsWith(p + '/'))
        .map(([k, b]) => ({ key: k, size: b.data.byteLength, modified: b.modified }))
        .sort((a, b) => a.key.localeCompare(b.key));
    },
  };
}

export function diskBlobStore(root: string): BlobStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const full = join(base, normalize(key));
    if (full !== base && !full.startsWith(base + sep)) throw new Error(`Invalid blob key: ${key}`);
    return full;
  };
  const keyOf = (full: string) => full.slice(base.length + 1).split(sep).join('/');
  const walk = (dir: string, out: BlobStat[]) => {
    let top;
    try { top = statSync(dir); } catch { return; }
    // a prefix naming one blob lists that blob, as the memory store does
    if (top.isFile()) { out.push({ key: keyOf(dir), size: top.size, modified: top.mtimeMs }); return; }
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full, out);
      else if (!entry.name.endsWith('.tmp-write')) {
        const s = statSync(full);
        out.push({ key: keyOf(full), size: s.size, modified: s.mtimeMs });
      }
    }
  };
  return {
    put(key, data) {
      // write-fsync-rename so a crash never leaves a half-written blob under the real name
      const file = pathOf(key);
      writeFileAtomic(file, `${file}.${process.pid}.tmp-write`, data);
    },
    get(key) {
      try { return new Uint8Array(readFileSync(pathOf(key))); } catch { return undefined; }
    },
    stat(key) {
      try {
        const s = statSync(pathOf(key));
        return s.isFile() ? { key: normalize(key), size: s.size, modified: s.mtimeMs } : undefined;
      } catch { return undefined; }
    },
    delete(key) {
      const file = pathOf(key);
      if (!existsSync(file)) return false;
      rmSync(file, { force: true });
      return true;
    },
    list(prefix) {
      const out: BlobStat[] = [];
      walk(pathOf(prefix), out);
      return out.sort((a, b) => a.key.localeCompare(b.key));
    },
  };
}
