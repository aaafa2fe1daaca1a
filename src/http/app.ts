// The HTTP edge: tenant path splitting, auth, body-size limit, then Elysia routing of the
// features' recorded routes (route-module.ts) with one error plugin.

import { Elysia } from 'elysia';
import type { CompatEdge } from '../compat/edge.ts';
import { ApiError } from '../shared/errors.ts';
import { ADMIN_PREFIX, type EdgeExchange, type EdgeHook, type FeatureRoutes, type RouteModule } from '../shared/feature.ts';
import { routeModule, type RecordedRoute, type RouteHandler } from './route-module.ts';
import { createRouter, type RouteMatch } from './router.ts';
import { apiPage } from './api-page.ts';
import { readBounded } from './body-limit.ts';
import { errorPlugin, errorResponse, internalErrorResponse, renderError, unauthorized } from './error-plugin.ts';
import { openApiDocument, openApiYaml, type RouteDetail, type RouteInfo } from './openapi.ts';
import { withCors } from './cors.ts';
import { DEFAULT_MAX_STREAMS_PER_CLIENT, limitStreams, type ClientInfo } from './stream-limit.ts';
import { rememberTenant, splitTenant } from './tenant.ts';
import { malformedPath } from './uri-guard.ts';
import { isEventStream, markEventStream } from './sse.ts';
import { json } from './respond.ts';

export type { RouteModule } from '../shared/feature.ts';

/** What the edge asks before routing (the auth feature's service). */
export interface AuthCheck { check(method: string, path: string, authorization: string | null, cookie?: string | null): boolean }

export interface HttpDeps {
  auth: AuthCheck;
  maxBodyBytes: number;
  /** concurrent SSE streams per remote address (stream-limit.ts) */
  maxStreamsPerClient?: number;
  /** allowed CORS origins; empty = CORS off (cors.ts) */
  corsOrigins?: string[];
  modules: FeatureRoutes[];
  /** run around every request (the admin feature's journal and faults), in order */
  hooks?: EdgeHook[];
  /** the version written in the API reference */
  version?: string;
  /** the Kestra release answered as, also written in the API reference (shared/kestra-version.ts) */
  kestraRelease?: string;
  onInternalError?: (err: unknown) => void;
  /** `--kestra-version 2.0`: route gate and response shaper (src/compat); none in default mode */
  compat?: CompatEdge;
}

export interface HttpApp {
  /** `server` is Bun's (it tells the client's address); absent for in-process requests */
  handle(request: Request, server?: ClientInfo): Promise<Response>;
  /** every route with the feature it belongs to */
  routeTable(): RouteInfo[];
  /** the route a method + path (tenant already stripped) reaches, with its params; undefined when none */
  match(method: string, path: string): { params: Record<string, string>; route: string | undefined } | undefined;
}

/** Where a request goes, worked out once at the edge. */
/** A request's URL read once at the edge: the path as sent, its tenant, the path routed. */
interface Parsed { url: string; pathname: string; query: string; tenant: string; path: string }

function parse(request: Request): Parsed {
  const url = request.url;
  const pathStart = url.indexOf('/', url.indexOf('//') + 2);
  const queryStart = url.indexOf('?', pathStart);
  const pathname = queryStart < 0 ? url.slice(pathStart) : url.slice(pathStart, queryStart);
  return { url, pathname, query: queryStart < 0 ? '' : url.slice(queryStart + 1), ...splitTenant(pathname) };
}

interface Where extends Parsed {
  /** --kestra-version 2.0: the answer in 2.0's shape */
  shape?: (response: Response) => Response | Promise<Response>;
  /** the route, when the 2.0 gate already looked it up (null: none) */
  found?: RouteMatch | null;
}

/** HEAD: the GET answer's status and headers, its length, no body. */
async function withoutBody(response: Response): Promise<Response> {
  const headers = new Headers(response.headers);
  // an event stream never ends: no length to tell
  if (headers.get('content-type')?.startsWith('text/event-stream')) await response.body?.cancel();
  else if (response.body !== null && !headers.has('content-length')) headers.set('content-length', String((await response.arrayBuffer()).byteLength));
  return new Response(null, { status: response.status, statusText: response.statusText, headers });
}

/** The API reference routes: built from the route table on first request, then cached. */
function referenceRoutes(table: () => RouteInfo[], version: string, kestraRelease?: string) {
  let doc: Record<string, unknown> | undefined;
  const document = () => (doc ??= openApiDocument(table(), version, kestraRelease));
  return routeModule('')
    .get('/api/v1/openapi.json', () => Response.json(document()))
    .get('/api/v1/openapi.yml', () => new Response(openApiYaml(document()), { headers: { 'content-type': 'application/yaml' } }))
    .get('/api', () => new Response(apiPage(document() as never), { headers: { 'content-type': 'text/html; charset=utf-8' } }));
}

export function createApp(deps: HttpDeps): HttpApp {
  const routesOf = (module: RouteModule) => (module as unknown as { routes: RecordedRoute[] }).routes;
  const routeTable = (): RouteInfo[] => [
    ...deps.modules.flatMap(({ feature, module }) => routesOf(module)
      .map((r) => ({ method: r.method, path: r.path, feature, detail: (r.hooks as { detail?: RouteDetail } | undefined)?.detail }))),
    ...['openapi.json', 'openapi.yml'].map((f) => ({ method: 'GET', path: `/api/v1/${f}`, feature: 'reference' })),
  ];
  // the reference lists what answers: in 2.0 mode not the routes the gate refuses, nor the tenant
  // form of those it refuses with a tenant
  const documented = (): RouteInfo[] => {
    const compat = deps.compat;
    if (!compat) return routeTable();
    const refused = (r: RouteInfo, tenantGiven: boolean) =>
      compat.decide({ method: r.method, path: r.path.replace(/:[^/]+|\*$/g, 'x'), tenantGiven, template: r.path }).kind === 'refuse';
    return routeTable().filter((r) => !refused(r, false)).map((r) => (refused(r, true) ? { ...r, noTenant: true } : r));
  };
  // Our router finds a request's route (router.ts says why); Elysia runs the route found.
  const routes = createRouter([referenceRoutes(documented, deps.version ?? '', deps.kestraRelease), ...deps.modules.map((m) => m.module)].flatMap(routesOf));
  // the route found for a request, handed to Elysia's onRequest hook on the request itself
  const MATCH = Symbol('route');
  type Routed = Request & { [MATCH]?: RouteMatch };
  const router = new Elysia({ name: 'kestra-lite' })
    .use(errorPlugin(deps.onInternalError))
    // A request whose route our table found is answered here, before Elysia's own router (which
    // would only find a catch-all again: ~5% of a GET). Only `request` is named: Elysia reads a
    // hook's source to decide what to prepare. A thrown error goes to the error plugin; a rejected
    // answer is rendered the same way below. Anything else falls through to the routes below.
    .onRequest(({ request }) => {
      const match = (request as Routed)[MATCH];
      if (!match) return;
      return answer((match.route.handler as RouteHandler)({ request, params: match.params }), request);
    })
    .get('/ping', () => new Response('pong', { headers: { 'content-type': 'text/plain' } }))
    .get('/', () => new Response('', { status: 307, headers: { location: '/ui/' } }));
  /**
   * A handler's answer: `undefined` is an empty 200 (not "no answer"), a plain object or array its
   * JSON (`application/json`, as every other answer), a rejection its error JSON; Responses, text
   * and binary go to Elysia as they are.
   */
  const plain = (v: unknown) => Array.isArray(v) || (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype);
  const settle = (v: unknown): unknown => (v === undefined ? new Response('') : plain(v) ? json(v) : v);
  const answer = (out: unknown, request: Request): unknown => {
    if (out instanceof Promise) return out.then(settle, (err) => renderError('UNKNOWN', err, request, deps.onInternalError));
    return settle(out);
  };
  const fetch = router.fetch.bind(router);

  const hooks = deps.hooks ?? [];
  const tooLarge = (request: Request, length: number | string) =>
    errorResponse(new ApiError('PAYLOAD_TOO_LARGE', `The content length [${length}] exceeds the maximum allowed content length [${deps.maxBodyBytes}]`), request);

  /** the features' edge hooks (the admin API's journal and faults) around routing */
  function hooked(request: Request): Promise<Response> {
    return hooks.length ? withHooks(request) : edge(request);
  }

  function withHooks(request: Request): Promise<Response> {
    const parsed = parse(request);
    const x: EdgeExchange = {
      request, method: request.method, rawPath: parsed.pathname, path: parsed.path, query: parsed.query, startedAt: performance.now(),
    };
    return beforeFrom(x, 0, parsed);
  }

  /** the before-hooks from `i` on; a hook answering synchronously costs no promise (see edge) */
  function beforeFrom(x: EdgeExchange, i: number, parsed: Parsed): Promise<Response> {
    for (; i < hooks.length; i++) {
      const answer = hooks[i]!.before?.(x);
      if (answer instanceof Promise) {
        const next = i + 1;
        return answer.then((r) => (r ? afterAll(x, r) : beforeFrom(x, next, parsed)));
      }
      if (answer) return Promise.resolve(afterAll(x, answer));
    }
    return Promise.resolve(edge(x.request, parsed)).then((r) => afterAll(x, r));
  }

  function afterAll(x: EdgeExchange, response: Response): Response {
    for (const h of hooks) {
      // an after-hook only observes (the journal): its failure must not change the answer
      try { h.after?.(x, response); } catch (err) { deps.onInternalError?.(err); }
    }
    return response;
  }

  // Not async on purpose: most requests are routed straight away, and an async wrapper costs a
  // promise and a microtask per request (~10% of a GET /flows/{ns}/{id} in process).
  // `parsed`: the URL as the hooks already read it (read once per request)
  function edge(request: Request, parsed: Parsed = parse(request)): Promise<Response> {
    const { pathname, tenant, path } = parsed;
    const method = request.method;

    // Bun.serve builds a request's Headers object on first access, which a bare server answering
    // the same bytes never pays: a request that needs no credentials (auth off, or an open path)
    // and a GET/HEAD without a body are routed without touching the headers. The admin API guards
    // itself (its own token, open otherwise), whatever Kestra's auth says.
    const admin = path === ADMIN_PREFIX || path.startsWith(ADMIN_PREFIX + '/');
    if (!admin && !deps.auth.check(method, path, null, null) && !deps.auth.check(method, path, request.headers.get('authorization'), request.headers.get('cookie'))) {
      return Promise.resolve(unauthorized());
    }
    // a path whose percent-encoding cannot be decoded is the client's error (400), not a 500 later on
    const malformed = malformedPath(pathname); // the tenant segment too
    if (malformed) return Promise.resolve(errorResponse(malformed, request));
    // --kestra-version 2.0: only 2.0's routes, answered in 2.0's shapes (absent in the default mode)
    const found = deps.compat ? routes.find(method, path) ?? null : undefined;
    const compat = deps.compat?.decide({ method, path, tenantGiven: path !== pathname, template: found?.route.path });
    if (compat?.kind === 'refuse') return Promise.resolve(errorResponse(new ApiError('NOT_FOUND'), request));
    // a shaped event stream is still one (http/sse.ts: the stream cap goes by that mark)
    const shape = compat?.kind === 'operation'
      ? (r: Response) => Promise.resolve(deps.compat!.shape(r, compat.operation, tenant)).then((s) => (isEventStream(r) ? markEventStream(s) : s))
      : undefined;

    const at: Where = { ...parsed, shape, found };
    if ((method === 'GET' || method === 'HEAD') && request.body === null) return route(request, at);
    const length = request.headers.get('content-length');
    if (length !== null && Number(length) > deps.maxBodyBytes) return Promise.resolve(tooLarge(request, length));
    // No declared length (chunked upload, or an in-process Request): measure the body itself, bounded.
    if (length === null && request.body !== null) return measured(request, at);
    return route(request, at);
  }

  async function measured(request: Request, at: Where): Promise<Response> {
    const read = await readBounded(request.body!, deps.maxBodyBytes);
    if (!read.ok) return tooLarge(request, read.received);
    return route(new Request(at.url, { method: request.method, headers: request.headers, body: read.bytes }), at);
  }

  function route(request: Request, at: Where): Promise<Response> {
    // Routed on the path without the tenant; the request keeps the URL the client sent (handlers
    // read only its query, and error links show the path as sent).
    rememberTenant(request, at.tenant);
    const match = at.found === undefined ? routes.find(request.method, at.path) : at.found;
    if (match) (request as Routed)[MATCH] = match;
    // Elysia answers some routes synchronously: a plain Response, not a promise
    const response = fetch(request) as Promise<Response> | Response;
    if (request.method === 'HEAD') return Promise.resolve(response).then((r) => (at.shape ? at.shape(r) : r)).then(withoutBody);
    return at.shape ? Promise.resolve(response).then(at.shape) : (response as Promise<Response>);
  }

  /** the last resort: whatever escapes the hooks and routing is Kestra's 500 JSON, never Bun's HTML error page */
  function guarded(request: Request): Promise<Response> {
    const fail = (err: unknown) => {
      deps.onInternalError?.(err);
      return internalErrorResponse(err, request);
    };
    // not async (see edge): a synchronous throw and a rejected promise are both caught here
    try {
      return Promise.resolve(hooked(request)).catch(fail);
    } catch (err) {
      return Promise.resolve(fail(err));
    }
  }

  const handle = withCors(deps.corsOrigins ?? [], limitStreams(deps.maxStreamsPerClient ?? DEFAULT_MAX_STREAMS_PER_CLIENT, guarded));

  const match = (method: string, path: string) => {
    const m = routes.find(method, path);
    return m && { params: m.params, route: m.route.path };
  };

  return { handle, routeTable, match };
}
