// Namespace files over the BlobStore (engine-contract §7): a file `<path>` of namespace `a.b`
// is the blob `blobKey(tenant, '/a/b/_files/<path>')`, so `kestra:///a/b/_files/<path>` reads it
// too. Shared by the namespace.* tasks and the Namespace Files API. The blob store has no
// directories: folders are derived from the file paths (an empty folder cannot exist).

import { blobKey, namespacePath, toUri } from '../shared/storage-paths.ts';
import type { BlobStore } from '../shared/blobs.ts';

/** A namespace file; `path` is absolute inside the namespace ("/dir/file.txt"). */
export interface NamespaceFileEntry { path: string; size: number; modified: number }

export interface NamespaceDirEntry { name: string; path: string; type: 'File' | 'Directory'; size: number; modified: number }

/** Namespace files of one tenant (what a RunContext gets). */
export interface NamespaceFilesAccess {
  /** files under `dir` (default "/"), recursive, sorted by path */
  list(namespace: string, dir?: string): NamespaceFileEntry[];
  /** the direct children of `dir`: files and the folders derived from deeper paths */
  children(namespace: string, dir?: string): NamespaceDirEntry[];
  stat(namespace: string, path: string): NamespaceFileEntry | undefined;
  get(namespace: string, path: string): Uint8Array | undefined;
  put(namespace: string, path: string, data: Uint8Array | string): NamespaceFileEntry;
  delete(namespace: string, path: string): boolean;
  /** the `kestra:///<ns>/_files/<path>` URI of a file */
  uri(namespace: string, path: string): string;
}

export interface NamespaceFilesStore {
  forTenant(tenant: string): NamespaceFilesAccess;
}

/** Bad namespace or path; callers turn it into their own error (TaskError, HTTP 422). */
export class NamespaceFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NamespaceFilesError';
  }
}

const NAMESPACE = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;

/** `/<ns as path>/_files` (no trailing slash). */
export function namespaceFilesPrefix(namespace: string): string {
  if (!NAMESPACE.test(namespace)) throw new NamespaceFilesError(`Invalid namespace '${namespace}'`);
  return `/${namespacePath(namespace)}/_files`;
}

/** "a//b/./c" → "/a/b/c"; refuses `..` so a path never leaves its namespace. */
export function normalizeNamespacePath(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.');
  if (parts.includes('..')) throw new NamespaceFilesError(`Invalid namespace file path '${path}'`);
  return '/' + parts.join('/');
}

export function createNamespaceFilesStore(blobs: BlobStore): NamespaceFilesStore {
  return { forTenant: (tenant) => namespaceFilesAccess(blobs, tenant) };
}

function namespaceFilesAccess(blobs: BlobStore, tenant: string): NamespaceFilesAccess {
  const internalPath = (namespace: string, path: string) => `${namespaceFilesPrefix(namespace)}${normalizeNamespacePath(path)}`;
  const key = (namespace: string, path: string) => blobKey(tenant, internalPath(namespace, path));
  // blob keys come back normalised (no leading slash): strip the namespace's own prefix
  const rootKey = (namespace: string) => blobKey(tenant, namespaceFilesPrefix(namespace)).replace(/^\/+/, '');

  const list = (namespace: string, dir = '/'): NamespaceFileEntry[] => {
    const root = rootKey(namespace);
    const base = normalizeNamespacePath(dir);
    return blobs
      .list(key(namespace, base))
      .map((b) => ({ path: b.key.slice(root.length), size: b.size, modified: b.modified }))
      .filter((f) => f.path.startsWith('/'))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  };

  return {
    list,
    children(namespace, dir = '/') {
      const base = normalizeNamespacePath(dir);
      const prefix = base === '/' ? '/' : `${base}/`;
      const out = new Map<string, NamespaceDirEntry>();
      for (const f of list(namespace, base)) {
        if (!f.path.startsWith(prefix)) continue;
        const [name, ...rest] = f.path.slice(prefix.length).split('/');
        if (!name) continue;
        const isDir = rest.length > 0;
        const existing = out.get(name);
        if (!existing) {
          out.set(name, { name, path: prefix + name, type: isDir ? 'Directory' : 'File', size: isDir ? 0 : f.size, modified: f.modified });
        } else if (existing.type === 'Directory') {
          existing.modified = Math.max(existing.modified, f.modified);
        }
      }
      return [...out.values()];
    },
    stat(namespace, path) {
      const s = blobs.stat(key(namespace, path));
      return s ? { path: normalizeNamespacePath(path), size: s.size, modified: s.modified } : undefined;
    },
    get: (namespace, path) => blobs.get(key(namespace, path)),
    put(namespace, path, data) {
      const normalized = normalizeNamespacePath(path);
      if (normalized === '/') throw new NamespaceFilesError(`Invalid namespace file path '${path}'`);
      blobs.put(key(namespace, normalized), data);
      const s = blobs.stat(key(namespace, normalized));
      return { path: normalized, size: s?.size ?? 0, modified: s?.modified ?? 0 };
    },
    delete: (namespace, path) => blobs.delete(key(namespace, path)),
    uri: (namespace, path) => toUri(internalPath(namespace, path)),
  };
}
