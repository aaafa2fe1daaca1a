// Renders every error once, as Kestra's error JSON (api-contract §1.8). Services throw ApiError;
// Elysia's own errors (unknown route, unparsable body) and unexpected exceptions map here too;
// app.ts catches whatever still escapes, so no request ever gets Bun's HTML error page.

import { Elysia } from 'elysia';
import { ApiError, errorBody } from '../shared/errors.ts';
import { publicMessage } from '../shared/server-paths.ts';

/** The path and query the client sent (tenant included), for error `_links.self.href`. */
export function hrefOf(request: Request): string {
  const url = request.url;
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start < 0 ? '/' : url.slice(start);
}

export function errorResponse(error: ApiError, request: Request): Response {
  if (error.code === 'UNAUTHORIZED') return unauthorized();
  return new Response(JSON.stringify(errorBody(error, hrefOf(request))), {
    status: error.status,
    headers: { 'content-type': 'application/json' },
  });
}

export function unauthorized(): Response {
  return new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm=Kestra' } });
}

export function toApiError(code: string | number, error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  switch (code) {
    case 'NOT_FOUND': return new ApiError('NOT_FOUND');
    case 'PARSE': return new ApiError('INVALID_JSON', (error as Error)?.message ?? 'Unable to parse body');
    case 'VALIDATION': return new ApiError('UNPROCESSABLE', (error as Error)?.message ?? 'Invalid request');
    // an unexpected exception: its first line, without server paths (never a stack trace)
    default: return new ApiError('INTERNAL', publicMessage(error));
  }
}

/** The last resort of the edge: any exception as Kestra's 500 error JSON. */
export function internalErrorResponse(error: unknown, request: Request): Response {
  return errorResponse(toApiError('UNKNOWN', error), request);
}

/** Any error of a request as its Kestra error JSON; an unexpected one is also reported to `onInternal`. */
export function renderError(code: string | number, error: unknown, request: Request, onInternal?: (err: unknown) => void): Response {
  const apiError = toApiError(code, error);
  if (apiError.code === 'INTERNAL') onInternal?.(error);
  return errorResponse(apiError, request);
}

export function errorPlugin(onInternal?: (err: unknown) => void) {
  return new Elysia({ name: 'kestra-errors' }).onError({ as: 'global' }, ({ code, error, request }) => renderError(code, error, request, onInternal));
}
