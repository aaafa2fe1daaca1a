// Store refusals (bad path, clash between a file and a folder, missing file) as API errors.

import { illegalArgument, illegalState, notFound, type ApiError } from '../shared/errors.ts';
import { NamespaceFilesError } from '../namespaces/files/store.ts';

function toApiError(e: NamespaceFilesError): ApiError {
  if (e.kind === 'not-found') return notFound(e.message);
  if (e.kind === 'conflict') return illegalState(e.message);
  return illegalArgument(e.message);
}

/** Runs a store operation, turning its refusals into Kestra-style 404/409/422 errors. */
export function storeCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NamespaceFilesError) throw toApiError(e);
    throw e;
  }
}

export const fileNotFound = (path: string, namespace: string) => notFound(`File '${path}' was not found in namespace '${namespace}'.`);
