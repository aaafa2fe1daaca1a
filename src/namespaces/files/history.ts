// Revision history of namespace files (Kestra 1.x versions every write). The current content
// stays at `/<ns>/_files/<path>` so `kestra:///` reads and listings are unchanged; the history
// lives outside `_files`, under `/_nsfiles/<namespace id>/files/`:
//   `<sha256 of path>.json`  the index {path, revisions: [{revision, created, size}]}
//   `<sha256 of path>/<n>`   the content of revision n once a newer write or a delete replaced it
// Hashing the path gives one flat name per file (no file/folder clashes, no name-length limits).
// Namespace ids start with an alphanumeric, so `_nsfiles` is never a namespace's storage prefix.

import { createHash } from 'node:crypto';
import { blobKey } from '../../shared/storage/paths.ts';
import type { BlobStore } from '../../shared/storage/blobs.ts';

export interface FileRevision { revision: number; created: number; size: number }
interface RevisionIndex { path: string; revisions: FileRevision[] }

/** `/_nsfiles/<namespace>` (no trailing slash): the side data of one namespace. */
export const sideDataPrefix = (namespace: string) => `/_nsfiles/${namespace}`;

export interface FileHistory {
  /** revisions of a file, oldest first; a file written before history existed counts as revision 1 */
  revisions(path: string): FileRevision[];
  /** records a write that is about to replace the current content (archiving that content) */
  recordWrite(path: string, size: number, now: number): FileRevision;
  /** archives the current content before a delete, so a re-created file continues the numbering */
  recordDelete(path: string): void;
  /** content of revision n (the current blob for the latest one) */
  content(path: string, revision: number): Uint8Array | undefined;
  /** carries the whole history of `from` to `to` (a move); any stale history of `to` is dropped */
  move(from: string, to: string): void;
}

export function fileHistory(blobs: BlobStore, tenant: string, namespace: string, currentKey: (path: string) => string): FileHistory {
  const base = `${sideDataPrefix(namespace)}/files`;
  const hash = (path: string) => createHash('sha256').update(path).digest('hex');
  const indexKey = (path: string) => blobKey(tenant, `${base}/${hash(path)}.json`);
  const archiveKey = (path: string, n: number) => blobKey(tenant, `${base}/${hash(path)}/${n}`);

  const readIndex = (path: string): RevisionIndex => {
    const raw = blobs.get(indexKey(path));
    if (raw) {
      try { return JSON.parse(new TextDecoder().decode(raw)) as RevisionIndex; } catch { /* rebuilt below */ }
    }
    const current = blobs.stat(currentKey(path));
    return { path, revisions: current ? [{ revision: 1, created: current.modified, size: current.size }] : [] };
  };
  const writeIndex = (index: RevisionIndex) => blobs.put(indexKey(index.path), JSON.stringify(index));

  /** copies the current content into the archive slot of the latest revision */
  const archiveCurrent = (path: string, index: RevisionIndex) => {
    const latest = index.revisions.at(-1);
    const data = blobs.get(currentKey(path));
    if (latest && data) blobs.put(archiveKey(path, latest.revision), data);
  };

  return {
    revisions: (path) => (blobs.stat(currentKey(path)) ? readIndex(path).revisions : []),
    recordWrite(path, size, now) {
      const index = readIndex(path);
      archiveCurrent(path, index);
      const next: FileRevision = { revision: (index.revisions.at(-1)?.revision ?? 0) + 1, created: now, size };
      index.revisions.push(next);
      writeIndex(index);
      return next;
    },
    recordDelete(path) {
      const index = readIndex(path);
      archiveCurrent(path, index);
      if (index.revisions.length) writeIndex(index);
    },
    content(path, revision) {
      const index = readIndex(path);
      const latest = index.revisions.at(-1)?.revision;
      if (!index.revisions.some((r) => r.revision === revision)) return undefined;
      return revision === latest ? blobs.get(currentKey(path)) : blobs.get(archiveKey(path, revision));
    },
    move(from, to) {
      for (const stale of blobs.list(blobKey(tenant, `${base}/${hash(to)}`))) blobs.delete(stale.key);
      blobs.delete(indexKey(to));
      const index = readIndex(from);
      for (const r of index.revisions) {
        const data = blobs.get(archiveKey(from, r.revision));
        if (data) blobs.put(archiveKey(to, r.revision), data);
        blobs.delete(archiveKey(from, r.revision));
      }
      blobs.delete(indexKey(from));
      if (index.revisions.length) writeIndex({ path: to, revisions: index.revisions });
    },
  };
}
