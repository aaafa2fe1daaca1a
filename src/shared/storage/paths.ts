// Internal storage layout (engine-contract §7): `kestra:///<ns as path>/<flow slug>/executions/<id>/...`.

export const KESTRA_SCHEME = 'kestra://';

/** Kestra's Slugify: lower-case, `_` → `-`, anything but word chars and `-` removed. */
export function slugify(text: string): string {
  return text.toLowerCase().replace(/_/g, '-').replace(/[^\w-]/g, '');
}

/**
 * Kestra's layout puts namespace `a.b` at `a/b`, its files at `a/b/_files/`. Taken literally that
 * is ambiguous: `a..b` and `a.` lose their empty segment (so they would share `a.b`'s and `a`'s
 * storage), and namespace `q._files` would be namespace `q`'s folder `/_files/`. So a segment that
 * is empty or `_files` (or that starts with `~`) is written with a `~` in front: no namespace
 * character is `~`, so every namespace has its own folder and the first `_files` segment of a key
 * always ends the namespace. Every other namespace keeps Kestra's layout byte for byte, so the
 * `kestra:///company/team/_files/...` URIs flows use are unchanged.
 */
const FILES_SEGMENT = '_files';
const ESCAPE = '~';
const escapeSegment = (s: string) => (s === '' || s === FILES_SEGMENT || s.startsWith(ESCAPE) ? ESCAPE + s : s);

export const namespacePath = (namespace: string) => namespace.split('.').map(escapeSegment).join('/');

/** The inverse of `namespacePath` for the segments of a stored key. */
export const namespaceOfSegments = (segments: string[]) => segments.map((s) => (s.startsWith(ESCAPE) ? s.slice(1) : s)).join('.');

/** `/<ns as path>/_files`: the root of a namespace's files (no trailing slash). */
export const namespaceFilesRoot = (namespace: string) => `/${namespacePath(namespace)}/${FILES_SEGMENT}`;

/** Where the namespace-file part of a stored key starts (-1: not a namespace file). */
export const filesSegmentIndex = (segments: string[]) => segments.indexOf(FILES_SEGMENT);

export function flowPrefix(namespace: string, flowId: string): string {
  return `/${namespacePath(namespace)}/${slugify(flowId)}`;
}

export function executionPrefix(namespace: string, flowId: string, executionId: string): string {
  return `${flowPrefix(namespace, flowId)}/executions/${executionId}`;
}

export function taskRunPrefix(namespace: string, flowId: string, executionId: string, taskId: string, taskRunId: string): string {
  return `${executionPrefix(namespace, flowId, executionId)}/tasks/${slugify(taskId)}/${taskRunId}`;
}

export function inputFilePath(namespace: string, flowId: string, executionId: string, inputId: string, fileName: string): string {
  return `${executionPrefix(namespace, flowId, executionId)}/inputs/${inputId}/${fileName}`;
}

export const toUri = (path: string) => `${KESTRA_SCHEME}${path.startsWith('/') ? path : `/${path}`}`;

/** `kestra:///a/b` → `/a/b`; undefined when not an internal-storage URI. */
export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith(KESTRA_SCHEME)) return undefined;
  const path = uri.slice(KESTRA_SCHEME.length);
  const clean = path.startsWith('/') ? path : `/${path}`;
  return clean.split('/').includes('..') ? undefined : clean;
}

/** Blob-store key of an internal path, per tenant (so tenants never see each other's files). */
export const blobKey = (tenant: string, path: string) => `${tenant}${path.startsWith('/') ? path : `/${path}`}`;
