// Internal storage layout (engine-contract §7): `kestra:///<ns as path>/<flow slug>/executions/<id>/...`.

export const KESTRA_SCHEME = 'kestra://';

/** Kestra's Slugify: lower-case, `_` → `-`, anything but word chars and `-` removed. */
export function slugify(text: string): string {
  return text.toLowerCase().replace(/_/g, '-').replace(/[^\w-]/g, '');
}

export const namespacePath = (namespace: string) => namespace.replace(/\./g, '/');

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
