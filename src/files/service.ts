// The Namespace Files API (api-contract §3.12; Kestra 1.x revisions) over the namespace files
// store the namespace.* tasks share, so a file uploaded here is what `read()`,
// `kestra:///<ns>/_files/...` and namespace.DownloadFiles see. Services take plain values;
// paths arrive raw and are checked here (paths.ts) before any read or write.

import type { BlobStore } from '../shared/storage/blobs.ts';
import type { Clock } from '../shared/time/clock.ts';
import { illegalArgument, illegalState, notFound } from '../shared/errors.ts';
import { createZip } from '../shared/zip/zip.ts';
import { requireNamespaceId } from '../shared/namespace-id.ts';
import { createNamespaceFilesStore, type NamespaceFilesAccess } from '../namespaces/files/store.ts';
import { ancestorsOf } from '../namespaces/files/folders.ts';
import type { FlowService } from '../flows/service.ts';
import type { FileAttributes, NamespaceFileRevision } from './model.ts';
import { apiPath, readablePath } from './paths.ts';
import { fileNotFound, storeCall } from './errors.ts';
import { uploadFile } from './upload.ts';
import { namespacesWithFiles } from './namespaces-in-use.ts';

export interface FilesServiceDeps { blobs: BlobStore; clock: Clock; flows: FlowService; maxZipBytes: number }

export type FilesService = ReturnType<typeof createFilesService>;

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';
const isBelow = (root: string) => (p: string) => root === '/' || p === root || p.startsWith(`${root}/`);

export function createFilesService(deps: FilesServiceDeps) {
  const store = createNamespaceFilesStore(deps.blobs, deps.clock.now);
  const access = (tenant: string, namespace: string): NamespaceFilesAccess => {
    requireNamespaceId(namespace); // Kestra's namespace rule, 422 before anything is read or written
    return store.forTenant(tenant);
  };

  /** A folder's times: its own creation when it was made explicitly, else those of its contents. */
  function directoryAttributes(files: NamespaceFilesAccess, namespace: string, path: string): FileAttributes {
    const inside = isBelow(path);
    const explicit = [...files.folders(namespace).all()].filter(([p]) => inside(p));
    const times = [...files.list(namespace, path).map((f) => f.modified), ...explicit.map(([, t]) => t)];
    const created = explicit.find(([p]) => p === path)?.[1] ?? (times.length ? Math.min(...times) : deps.clock.now());
    const modified = times.length ? Math.max(created, ...times) : created;
    return { fileName: path === '/' ? '_files' : baseName(path), lastModifiedTime: modified, creationTime: created, type: 'Directory', size: 0 };
  }

  function attributes(files: NamespaceFilesAccess, namespace: string, path: string): FileAttributes | undefined {
    const stat = path === '/' ? undefined : files.stat(namespace, path);
    if (stat) {
      const created = files.revisions(namespace, path)[0]?.created ?? stat.modified;
      return { fileName: baseName(path), lastModifiedTime: stat.modified, creationTime: created, type: 'File', size: stat.size };
    }
    return files.isDirectory(namespace, path) ? directoryAttributes(files, namespace, path) : undefined;
  }

  return {
    content(tenant: string, namespace: string, raw: string, revision?: number): Uint8Array {
      const files = access(tenant, namespace);
      const path = readablePath(namespace, raw);
      const data = path === '/' ? undefined : revision === undefined ? files.get(namespace, path) : files.revision(namespace, path, revision);
      if (data) return data;
      if (revision !== undefined && files.stat(namespace, path)) {
        throw notFound(`Version ${revision} of file '${path}' was not found in namespace '${namespace}'.`);
      }
      throw fileNotFound(path, namespace);
    },

    stats(tenant: string, namespace: string, raw?: string): FileAttributes {
      const files = access(tenant, namespace);
      const path = raw ? readablePath(namespace, raw) : '/';
      const found = attributes(files, namespace, path);
      if (!found) throw fileNotFound(path, namespace);
      return found;
    },

    list(tenant: string, namespace: string, raw?: string): FileAttributes[] {
      const files = access(tenant, namespace);
      const path = raw ? readablePath(namespace, raw) : '/';
      if (path !== '/' && !files.isDirectory(namespace, path)) throw notFound(`Directory not found: ${path}`);
      return files.children(namespace, path).flatMap((child) => attributes(files, namespace, child.path) ?? []);
    },

    mkdir(tenant: string, namespace: string, raw?: string): void {
      const files = access(tenant, namespace);
      const path = raw ? readablePath(namespace, raw) : '/';
      storeCall(() => files.mkdir(namespace, path));
    },

    upload(tenant: string, namespace: string, raw: string, fileName: string, data: Uint8Array): void {
      const files = access(tenant, namespace);
      uploadFile({ tenant, namespace, files, flows: deps.flows, maxZipBytes: deps.maxZipBytes }, apiPath(namespace, raw), fileName, data);
    },

    move(tenant: string, namespace: string, rawFrom: string, rawTo: string): void {
      const files = access(tenant, namespace);
      const from = readablePath(namespace, rawFrom);
      const to = readablePath(namespace, rawTo);
      if (from === '/') throw illegalArgument('Cannot move the namespace root');
      const isFile = files.stat(namespace, from) !== undefined;
      if (!isFile && !files.isDirectory(namespace, from)) throw fileNotFound(from, namespace);
      if (!isFile && to.startsWith(`${from}/`)) throw illegalArgument(`Cannot move '${from}' into itself`);
      if (to === '/' || files.stat(namespace, to) || files.isDirectory(namespace, to)) {
        throw illegalState(`File '${to}' already exists in namespace '${namespace}'.`);
      }
      const file = ancestorsOf(to).find((a) => files.stat(namespace, a));
      if (file) throw illegalState(`Cannot create '${to}': '${file}' is a file`);
      // a move creates no folders: the destination's parent must exist (Kestra's storage move: 404)
      const parent = parentOf(to);
      if (parent !== '/' && !files.isDirectory(namespace, parent)) throw notFound(`Directory not found: ${parent}`);
      if (isFile) return storeCall(() => files.rename(namespace, from, to));
      for (const f of files.list(namespace, from)) {
        if (f.path.startsWith(`${from}/`)) storeCall(() => files.rename(namespace, f.path, to + f.path.slice(from.length)));
      }
      files.folders(namespace).move(from, to);
    },

    /** A file or a whole folder; then, as Kestra does, every parent left empty (never the root). */
    remove(tenant: string, namespace: string, raw: string): void {
      const files = access(tenant, namespace);
      const path = readablePath(namespace, raw);
      if (path === '/') throw illegalArgument('Cannot delete the namespace root');
      if (!files.delete(namespace, path)) {
        for (const f of files.list(namespace, path)) if (f.path.startsWith(`${path}/`)) files.delete(namespace, f.path);
        files.folders(namespace).remove(isBelow(path));
      }
      for (let dir = parentOf(path); dir !== '/'; dir = parentOf(dir)) {
        if (files.children(namespace, dir).length > 0) break;
        files.folders(namespace).remove((p) => p === dir);
      }
    },

    search(tenant: string, namespace: string, q: string): string[] {
      return access(tenant, namespace).list(namespace).map((f) => f.path).filter((p) => p.includes(q));
    },

    revisions(tenant: string, namespace: string, raw?: string): NamespaceFileRevision[] {
      const files = access(tenant, namespace);
      const path = raw ? readablePath(namespace, raw) : '/';
      const revisions = path === '/' ? [] : files.revisions(namespace, path);
      if (!revisions.length) throw notFound(`File not found: ${path}`);
      return revisions.map((r) => ({ revision: r.revision }));
    },

    /** Every file (entry names without the leading "/") plus the namespace's flows as `_flows/<id>.yml`. */
    exportZip(tenant: string, namespace: string): Uint8Array {
      const files = access(tenant, namespace);
      const entries = files.list(namespace).map((f) => ({ name: f.path.slice(1), data: files.get(namespace, f.path) ?? new Uint8Array() }));
      const flows = deps.flows.list(tenant).filter((r) => r.namespace === namespace).sort((a, b) => (a.id < b.id ? -1 : 1));
      for (const flow of flows) entries.push({ name: `_flows/${flow.id}.yml`, data: new TextEncoder().encode(flow.source) });
      return createZip(entries, { modified: new Date(deps.clock.now()) });
    },

    namespacesInUse: (tenant: string) => namespacesWithFiles(deps.blobs, tenant),
  };
}
