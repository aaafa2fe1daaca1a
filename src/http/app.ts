// The HTTP edge: tenant path splitting, auth, body-size limit, then Elysia routing of the
// feature route modules (each a `new Elysia({ prefix: '/api/v1' })` plugin) with one error plugin.

import { Elysia } from 'elysia';
import { ApiError } from '../shared/errors.ts';
import type { FeatureRoutes } from '../shared/feature.ts';
import { apiPage } from './api-page.ts';
import { errorPlugin, errorResponse, unauthorized } from './error-plugin.ts';
import { openApiDocument, openApiYaml, type RouteDetail, type RouteInfo } from './openapi.ts';
import { rememberTenant, splitTenant } from './tenant.ts';
import { malformedPath } from './uri-guard.ts';

export type { RouteModule } from '../shared/feature.ts';

/** What the edge asks before routing (the auth feature's service). */
export interface AuthCheck { check(method: string, path: string, authorization: string | null, cookie?: string | null): boolean }

export interface HttpDeps {
  auth: AuthCheck;
  maxBodyBytes: number;
  modules: FeatureRoutes[];
  /** the version written in the API reference */
  version?: string;
  onInternalError?: (err: unknown) => void;
}

export interface HttpApp {
  handle(request: Request): Promise<Response>;
  elysia: Elysia;
  /** every route with the feature it belongs to */
  routeTable(): RouteInfo[];
  /** the route a method + path (tenant already stripped) reaches, with its params; undefined when none */
  match(method: string, path: string): { params: Record<string, string> } | undefined;
}

/** The API reference routes: built from the route table on first request, then cached. */
function referenceRoutes(table: () => RouteInfo[], version: string) {
  let doc: Record<string, unknown> | undefined;
  const document = () => (doc ??= openApiDocument(table(), version));
  return new Elysia({ name: 'kestra-lite-reference' })
    .get('/api/v1/openapi.json', () => Response.json(document()))
    .get('/api/v1/openapi.yml', () => new Response(openApiYaml(document()), { headers: { 'content-type': 'application/yaml' } }))
    .get('/api', () => new Response(apiPage(document() as never), { headers: { 'content-type': 'text/html; charset=utf-8' } }));
}

export function createApp(deps: HttpDeps): HttpApp {
  let elysia: any = new Elysia({ name: 'kestra-lite' })
    .use(errorPlugin(deps.onInternalError))
    .get('/ping', () => new Response('pong', { headers: { 'content-type': 'text/plain' } }))
    .get('/', ({ set }) => { set.status = 307; set.headers.location = '/ui/'; return ''; });
  const routeTable = (): RouteInfo[] => [
    ...deps.modules.flatMap(({ feature, module }) => (module as unknown as { routes: { method: string; path: string; hooks?: { detail?: RouteDetail } }[] }).routes
      .map((r) => ({ method: r.method, path: r.path, feature, detail: r.hooks?.detail }))),
    ...['openapi.json', 'openapi.yml'].map((f) => ({ method: 'GET', path: `/api/v1/${f}`, feature: 'reference' })),
  ];
  elysia = elysia.use(referenceRoutes(routeTable, deps.version ?? ''));
  for (const { module } of deps.modules) elysia = elysia.use(module);
  const router = elysia as Elysia;
  const fetch = router.fetch.bind(router);

  async function handle(request: Request): Promise<Response> {
    const url = request.url;
    const pathStart = url.indexOf('/', url.indexOf('//') + 2);
    const queryStart = url.indexOf('?', pathStart);
    const pathname = url.slice(pathStart, queryStart < 0 ? undefined : queryStart);
    const { tenant, path } = splitTenant(pathname);

    if (!deps.auth.check(request.method, path, request.headers.get('authorization'), request.headers.get('cookie'))) return unauthorized();
    const malformed = malformedPath(path);
    if (malformed) return errorResponse(malformed, request);

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

  // Elysia's router: static paths in a map, the others in a radix tree (its `find` takes ALL too).
  const internal = router.router as unknown as {
    static: Record<string, Record<string, unknown>>;
    http: { find(method: string, path: string): { params?: Record<string, string> } | null };
  };
  const match = (method: string, path: string) => {
    if (internal.static[path]?.[method] || internal.static[path]?.ALL) return { params: {} };
    const found = internal.http.find(method, path) ?? internal.http.find('ALL', path);
    return found ? { params: found.params ?? {} } : undefined;
  };

  return { handle, elysia: router, routeTable, match };
}
