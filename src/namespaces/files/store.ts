// Namespace files over the BlobStore (engine-contract §7): a file `<path>` of namespace `a.b`
// is the blob `blobKey(tenant, '/a/b/_files/<path>')`, so `kestra:///a/b/_files/<path>` reads it
// too (odd namespaces such as `a..b` are escaped: shared/storage/paths.ts). Shared by the namespace.* tasks and the Namespace Files API. The blob store has no
// directories: a folder exists when a file lies below it or when it was created explicitly
// (files-folders.ts). Every write and delete keeps the previous revision (files-history.ts).

import { blobKey, namespaceFilesRoot, toUri } from '../../shared/storage/paths.ts';
import { isNamespaceId } from '../../shared/namespace-id.ts';
import type { BlobStore } from '../../shared/storage/blobs.ts';
import { fileHistory, type FileRevision } from './history.ts';
import { ancestorsOf, folderSet, type FolderSet } from './folders.ts';

/** A namespace file; `path` is absolute inside the namespace ("/dir/file.txt"). */
export interface NamespaceFileEntry { path: string; size: number; modified: number }

export interface NamespaceDirEntry { name: string; path: string; type: 'File' | 'Directory'; size: number; modified: number }

/** Namespace files of one tenant (what a RunContext gets). */
export interface NamespaceFilesAccess {
  /** files under `dir` (default "/"), recursive, sorted by path */
  list(namespace: string, dir?: string): NamespaceFileEntry[];
  /** the direct children of `dir`: files, and folders (explicit or implied by deeper paths) */
  children(namespace: string, dir?: string): NamespaceDirEntry[];
  stat(namespace: string, path: string): NamespaceFileEntry | undefined;
  get(namespace: string, path: string): Uint8Array | undefined;
  /** writes a new revision; refused when `path` is a folder or lies below a file */
  put(namespace: string, path: string, data: Uint8Array | string): NamespaceFileEntry;
  delete(namespace: string, path: string): boolean;
  /** the `kestra:///<ns>/_files/<path>` URI of a file */
  uri(namespace: string, path: string): string;
  /** revisions of an existing file, oldest first ([] when it does not exist) */
  revisions(namespace: string, path: string): FileRevision[];
  /** content of one revision of an existing file */
  revision(namespace: string, path: string, revision: number): Uint8Array | undefined;
  /** true for the root, explicit folders and folders implied by files or explicit sub-folders */
  isDirectory(namespace: string, path: string): boolean;
  /** creates an (empty) folder and, implicitly, its parents; refused below a file */
  mkdir(namespace: string, path: string): void;
  /** renames one file and carries its revision history; the target must be free */
  rename(namespace: string, from: string, to: string): void;
  /** the explicit folders of a namespace */
  folders(namespace: string): FolderSet;
}

export interface NamespaceFilesStore {
  forTenant(tenant: string): NamespaceFilesAccess;
}

/** Why a namespace file operation was refused; callers map it (TaskError, HTTP 422/409/404). */
export type NamespaceFilesErrorKind = 'invalid' | 'conflict' | 'not-found';

/** Bad namespace or path; callers turn it into their own error (TaskError, HTTP 422). */
export class NamespaceFilesError extends Error {
  constructor(message: string, readonly kind: NamespaceFilesErrorKind = 'invalid') {
    super(message);
    this.name = 'NamespaceFilesError';
  }
}

// A file name must fit the disk store (255 bytes, minus the temporary-write suffix).
const MAX_SEGMENT_BYTES = 200;
const MAX_PATH_LENGTH = 1024;

/**
 * `/<ns as path>/_files` (no trailing slash). Only Kestra namespace ids (lower case): on a
 * case-insensitive disk `Team` and `team` would otherwise share one folder.
 */
export function namespaceFilesPrefix(namespace: string): string {
  if (!isNamespaceId(namespace)) throw new NamespaceFilesError(`Invalid namespace '${namespace}'`);
  return namespaceFilesRoot(namespace);
}

/** "a//b/./c" → "/a/b/c"; refuses `..`, control characters and names no disk could store. */
export function normalizeNamespacePath(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.');
  if (parts.includes('..')) throw new NamespaceFilesError(`Invalid namespace file path '${path}'`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) throw new NamespaceFilesError('Invalid namespace file path: control characters are not allowed');
  if (path.length > MAX_PATH_LENGTH) throw new NamespaceFilesError(`Invalid namespace file path: longer than ${MAX_PATH_LENGTH} characters`);
  if (parts.some((p) => Buffer.byteLength(p) > MAX_SEGMENT_BYTES)) {
    throw new NamespaceFilesError(`Invalid namespace file path: a name is longer than ${MAX_SEGMENT_BYTES} bytes`);
  }
  return '/' + parts.join('/');
}

export function createNamespaceFilesStore(blobs: BlobStore, now: () => number = Date.now): NamespaceFilesStore {
  return { forTenant: (tenant) => namespaceFilesAccess(blobs, tenant, now) };
}

const byPath = <T extends { path: string }>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

function namespaceFilesAccess(blobs: BlobStore, tenant: string, now: () => number): NamespaceFilesAccess {
  const internalPath = (namespace: string, path: string) => `${namespaceFilesPrefix(namespace)}${normalizeNamespacePath(path)}`;
  const key = (namespace: string, path: string) => blobKey(tenant, internalPath(namespace, path));
  // blob keys come back normalised (no leading slash): strip the namespace's own prefix
  const rootKey = (namespace: string) => blobKey(tenant, namespaceFilesPrefix(namespace)).replace(/^\/+/, '');
  const history = (namespace: string) => fileHistory(blobs, tenant, namespace, (p) => key(namespace, p));
  const folders = (namespace: string) => folderSet(blobs, tenant, namespace);

  const list = (namespace: string, dir = '/'): NamespaceFileEntry[] => {
    const root = rootKey(namespace);
    const base = normalizeNamespacePath(dir);
    return blobs
      .list(key(namespace, base))
      .map((b) => ({ path: b.key.slice(root.length), size: b.size, modified: b.modified }))
      .filter((f) => f.path.startsWith('/'))
      .sort(byPath);
  };

  const isDirectory = (namespace: string, path: string): boolean => {
    const p = normalizeNamespacePath(path);
    if (p === '/') return true;
    if ([...folders(namespace).all().keys()].some((f) => f === p || f.startsWith(`${p}/`))) return true;
    return list(namespace, p).some((f) => f.path.startsWith(`${p}/`));
  };

  /** refuses to create `path` (file or folder) below an existing file */
  const requireFolderAncestors = (namespace: string, path: string) => {
    const file = ancestorsOf(path).find((a) => blobs.stat(key(namespace, a)));
    if (file) throw new NamespaceFilesError(`Cannot create '${path}': '${file}' is a file`, 'conflict');
  };

  return {
    list,
    children(namespace, dir = '/') {
      const base = normalizeNamespacePath(dir);
      const prefix = base === '/' ? '/' : `${base}/`;
      const out = new Map<string, NamespaceDirEntry>();
      const folder = (name: string, modified: number) => {
        const existing = out.get(name);
        if (!existing) out.set(name, { name, path: prefix + name, type: 'Directory', size: 0, modified });
        else existing.modified = Math.max(existing.modified, modified);
      };
      for (const f of list(namespace, base)) {
        if (!f.path.startsWith(prefix)) continue;
        const [name, ...rest] = f.path.slice(prefix.length).split('/');
        if (!name) continue;
        if (rest.length > 0) folder(name, f.modified);
        else out.set(name, { name, path: f.path, type: 'File', size: f.size, modified: f.modified });
      }
      for (const [path, created] of folders(namespace).all()) {
        if (!path.startsWith(prefix)) continue;
        const name = path.slice(prefix.length).split('/')[0];
        if (name && out.get(name)?.type !== 'File') folder(name, created);
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
      if (isDirectory(namespace, normalized)) throw new NamespaceFilesError(`Cannot write '${normalized}': it is a directory`, 'conflict');
      requireFolderAncestors(namespace, normalized);
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      history(namespace).recordWrite(normalized, bytes.byteLength, now());
      blobs.put(key(namespace, normalized), bytes);
      const s = blobs.stat(key(namespace, normalized));
      return { path: normalized, size: s?.size ?? 0, modified: s?.modified ?? 0 };
    },
    delete(namespace, path) {
      const normalized = normalizeNamespacePath(path);
      if (!blobs.stat(key(namespace, normalized))) return false;
      history(namespace).recordDelete(normalized);
      return blobs.delete(key(namespace, normalized));
    },
    uri: (namespace, path) => toUri(internalPath(namespace, path)),
    revisions: (namespace, path) => history(namespace).revisions(normalizeNamespacePath(path)),
    revision(namespace, path, revision) {
      const normalized = normalizeNamespacePath(path);
      return blobs.stat(key(namespace, normalized)) ? history(namespace).content(normalized, revision) : undefined;
    },
    isDirectory,
    mkdir(namespace, path) {
      const normalized = normalizeNamespacePath(path);
      if (normalized === '/') return;
      if (blobs.stat(key(namespace, normalized))) throw new NamespaceFilesError(`Cannot create directory '${normalized}': it is a file`, 'conflict');
      requireFolderAncestors(namespace, normalized);
      folders(namespace).add([normalized], now());
    },
    rename(namespace, from, to) {
      const source = normalizeNamespacePath(from);
      const target = normalizeNamespacePath(to);
      const data = blobs.get(key(namespace, source));
      if (!data) throw new NamespaceFilesError(`File '${source}' was not found in namespace '${namespace}'.`, 'not-found');
      if (target === '/' || blobs.stat(key(namespace, target)) || isDirectory(namespace, target)) {
        throw new NamespaceFilesError(`File '${target}' already exists in namespace '${namespace}'.`, 'conflict');
      }
      requireFolderAncestors(namespace, target);
      history(namespace).move(source, target);
      blobs.put(key(namespace, target), data);
      blobs.delete(key(namespace, source));
    },
    folders,
  };
}
