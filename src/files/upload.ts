// POST /namespaces/{ns}/files: one file, or a ZIP archive extracted into the namespace root, as
// Kestra does when the uploaded file name ends with ".zip" (the `path` is then ignored). A file
// at `/_flows/<name>` is not stored: it is imported as a flow of this namespace (its top-level
// `namespace` set in the parsed document, whatever the style: flows/set-namespace.ts), the way a namespace export is restored. Everything is checked
// (paths, flow sources, file/folder clashes) before the first write, so a refused upload
// leaves the namespace and its flows untouched.

import { readZip } from '../shared/zip/zip.ts';
import { ApiError, illegalArgument, illegalState } from '../shared/errors.ts';
import { normalizeNamespacePath, NamespaceFilesError, type NamespaceFilesAccess } from '../namespaces/files/store.ts';
import { ancestorsOf } from '../namespaces/files/folders.ts';
import type { FlowService, ParsedFlow } from '../flows/service.ts';
import { withNamespace } from '../flows/set-namespace.ts';
import { FLOWS_FOLDER, isFlowsPath } from './paths.ts';
import { storeCall } from './errors.ts';

export interface UploadTarget { tenant: string; namespace: string; files: NamespaceFilesAccess; flows: FlowService; maxZipBytes: number }

interface Plan { writes: Map<string, Uint8Array>; flows: ParsedFlow[] }

export function uploadFile(t: UploadTarget, path: string, fileName: string, data: Uint8Array): void {
  const plan: Plan = { writes: new Map(), flows: [] };
  if (fileName.toLowerCase().endsWith('.zip')) {
    for (const entry of unzip(data, t.maxZipBytes)) {
      if (!entry.directory) planEntry(t, plan, zipEntryPath(entry.name), entry.data);
    }
  } else {
    planEntry(t, plan, path, data);
  }
  checkWrites(t, plan.writes);
  for (const flow of plan.flows) t.flows.save(t.tenant, flow, 'api');
  for (const [p, bytes] of plan.writes) storeCall(() => t.files.put(t.namespace, p, bytes));
}

function planEntry(t: UploadTarget, plan: Plan, path: string, data: Uint8Array): void {
  if (path.startsWith(`/${FLOWS_FOLDER}/`)) {
    if (path.split('/').length !== 3) throw illegalArgument(`Invalid flow file path: ${path}`);
    plan.flows.push(t.flows.parseYaml(withNamespace(new TextDecoder().decode(data), t.namespace)));
    return;
  }
  if (isFlowsPath(path)) throw illegalArgument(`Forbidden path: ${path}`);
  if (path === '/') throw illegalArgument(`Invalid namespace file path '${path}'`);
  plan.writes.set(path, data);
}

function unzip(data: Uint8Array, maxBytes: number) {
  try {
    return readZip(data, { maxTotalBytes: maxBytes });
  } catch (err) {
    const message = (err as Error).message;
    if (message.includes('exceeds')) throw new ApiError('PAYLOAD_TOO_LARGE', message);
    throw illegalArgument(message);
  }
}

/** Entry names are relative: absolute names, drive letters, backslashes and ".." are refused. */
function zipEntryPath(name: string): string {
  const refuse = (why: string) => illegalArgument(`Invalid zip entry '${name}': ${why}`);
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) throw refuse('absolute paths are not allowed');
  if (name.includes('\\')) throw refuse('backslashes are not allowed');
  if (name.split('/').includes('..')) throw refuse("relative '..' paths are not allowed");
  try {
    return normalizeNamespacePath(name);
  } catch (err) {
    if (err instanceof NamespaceFilesError) throw refuse(err.message);
    throw err;
  }
}

/** A path cannot be a file and a folder at once, in the archive or against what is stored. */
function checkWrites(t: UploadTarget, writes: Map<string, Uint8Array>): void {
  for (const path of writes.keys()) {
    const clash = ancestorsOf(path).find((a) => writes.has(a));
    if (clash) throw illegalArgument(`Invalid zip file: '${clash}' is both a file and a folder`);
    if (storeCall(() => t.files.isDirectory(t.namespace, path))) throw illegalState(`Cannot write '${path}': it is a directory`);
    const file = ancestorsOf(path).find((a) => !writes.has(a) && t.files.stat(t.namespace, a));
    if (file) throw illegalState(`Cannot create '${path}': '${file}' is a file`);
  }
}
