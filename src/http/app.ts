// The HTTP edge: tenant path splitting, auth, body-size limit, then Elysia routing of the
// feature route modules (each a `new Elysia({ prefix: '/api/v1' })` plugin) with one error plugin.

import { Elysia } from 'elysia';
import { ApiError } from '../shared/errors.ts';
import type { AuthService } from './auth.ts';
import { errorPlugin, errorResponse, unauthorized } from './error-plugin.ts';
import { rememberTenant, splitTenant } from './tenant.ts';

export type RouteModule = Elysia<any, any, any, any, any, any, any>;

export interface HttpDeps {
  auth: AuthService;
  maxBodyBytes: number;
  modules: RouteModule[];
  onInternalError?: (err: unknown) => void;
}

export interface HttpApp {
  handle(request: Request): Promise<Response>;
  elysia: Elysia;
}

export function createApp(deps: HttpDeps): HttpApp {
  let elysia: any = new Elysia({ name: 'kestra-lite' })
    .use(errorPlugin(deps.onInternalError))
    .get('/ping', () => new Response('pong', { headers: { 'content-type': 'text/plain' } }))
    .get('/', ({ set }) => { set.status = 307; set.headers.location = '/ui/'; return ''; });
  for (const module of deps.modules) elysia = elysia.use(module);
  const router = elysia as Elysia;
  const fetch = router.fetch.bind(router);

  async function handle(request: Request): Promise<Response> {
    const url = request.url;
    const pathStart = url.indexOf('/', url.indexOf('//') + 2);
    const queryStart = url.indexOf('?', pathStart);
    const pathname = url.slice(pathStart, queryStart < 0 ? undefined : queryStart);
    const { tenant, path } = splitTenant(pathname);

    if (!deps.auth.check(request.method, path, request.headers.get('authorization'))) return unauthorized();

    const tooLarge = () => errorResponse(new ApiError('PAYLOAD_TOO_LARGE', `The content length [${length}] exceeds the maximum allowed content length [${deps.maxBodyBytes}]`), request);
    let length: number | string | null = request.headers.get('content-length');
    if (length !== null && Number(length) > deps.maxBodyBytes) return tooLarge();

    let routed = request;
    if (length === null && request.body !== null) {
      // No declared length (chunked upload, or an in-process Request): measure the body itself.
      const body = await request.arrayBuffer();
      length = body.byteLength;
      if (body.byteLength > deps.maxBodyBytes) return tooLarge();
      routed = new Request(request.url, { method: request.method, headers: request.headers, body });
    }
    if (path !== pathname) {
      routed = new Request(url.slice(0, pathStart) + path + (queryStart < 0 ? '' : url.slice(queryStart)), routed);
      rememberTenant(routed, tenant, url.slice(pathStart));
    } else {
      rememberTenant(routed, tenant);
    }
    return fetch(routed);
  }

  return { handle, elysia: router };
}
