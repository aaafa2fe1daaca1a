// CORS, off unless `--cors ORIGIN` (comma-separated origins, or `*`): when off the server adds no
// header and answers OPTIONS like any other method; when on, a preflight from an allowed origin
// is answered 204 before auth (browsers send preflights without credentials) and every response
// to an allowed origin carries the headers a browser needs to read it, credentials included.

import type { EdgeHandler } from './stream-limit.ts';

const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const DEFAULT_HEADERS = 'authorization, content-type, accept';

export function parseCorsOrigins(text: string): string[] {
  return text.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
}

export function withCors(origins: string[], next: EdgeHandler): EdgeHandler {
  if (origins.length === 0) return next;
  const allowed = (origin: string | null): origin is string => origin !== null && (origins.includes('*') || origins.includes(origin));

  return async (request, server) => {
    const origin = request.headers.get('origin');
    if (!allowed(origin)) return next(request, server);
    const cors: Record<string, string> = {
      'access-control-allow-origin': origin, // echoed, never `*`: credentials (basic auth) need the exact origin
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    };
    if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
      return new Response(null, {
        status: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': METHODS,
          'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? DEFAULT_HEADERS,
          'access-control-max-age': '600',
        },
      });
    }
    const response = await next(request, server);
    const headers = new Headers(response.headers);
    for (const [k, v] of Object.entries(cors)) headers.set(k, v);
    headers.set('access-control-expose-headers', 'content-disposition, location, www-authenticate');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}
