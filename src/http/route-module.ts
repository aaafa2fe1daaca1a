// A feature's routes, written with Elysia's chained API (`.get(path, handler, hooks)`) and typed
// as an Elysia instance so every handler keeps its typed context — but only recorded: the edge
// finds routes in its own table (router.ts) and lets Elysia run the one found.

import type { Elysia } from 'elysia';

export interface RecordedRoute {
  method: string;
  /** the full path, prefix included, as Elysia's own route history holds it */
  path: string;
  handler: unknown;
  hooks?: Record<string, unknown>;
}

/** What the edge passes a route's handler (handlers name only these: see app.ts); answers are Responses or values Elysia maps. */
export type RouteHandler = (ctx: { request: Request; params: Record<string, string> }) => unknown;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Records routes under `prefix`. Only the five methods above exist at run time: anything else of
 * Elysia's API (hooks, guards, plugins) belongs to the app's edge, not to a feature's routes.
 * Handlers get `{ request, params }` only — no `set`, `body` or `query` although the Elysia type
 * offers them: they read the request themselves and answer with a Response (or a JSON-able value).
 */
export function routeModule<const Prefix extends string = '/api/v1'>(prefix: Prefix = '/api/v1' as Prefix): Elysia<Prefix> {
  const routes: RecordedRoute[] = [];
  const module: Record<string, unknown> = { routes };
  for (const method of METHODS) {
    module[method] = (path: string, handler: unknown, hooks?: Record<string, unknown>) => {
      // Elysia's own rule: a path not starting with '/' gets one, then the prefix goes in front
      routes.push({ method: method.toUpperCase(), path: prefix + (path === '' || path.startsWith('/') ? path : `/${path}`), handler, hooks });
      return module;
    };
  }
  return module as unknown as Elysia<Prefix>;
}

