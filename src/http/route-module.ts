// A feature's routes, written with Elysia's chained API (`.get(path, handler, hooks)`) and typed
// as an Elysia instance so every handler keeps its typed context — but only recorded. The app
// (app.ts) registers each recorded route once, straight into its own router. A sub-app per
// feature `.use`d by the app registered every route twice, once per instance: ~3 ms of a binary's
// ~35 ms start for some 450 routes.

import type { Elysia } from 'elysia';

export interface RecordedRoute {
  method: string;
  /** the full path, prefix included, as Elysia's own route history holds it */
  path: string;
  handler: unknown;
  hooks?: Record<string, unknown>;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Records routes under `prefix`. Only the five methods above exist at run time: anything else of
 * Elysia's API (hooks, guards, plugins) belongs to the app's edge, not to a feature's routes.
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

/** Registers every route of `modules` once into `app` (the app's router, or a test's). */
export function mountRoutes<App extends Elysia<any, any, any, any, any, any, any>>(app: App, modules: Iterable<unknown>): App {
  let mounted: any = app;
  for (const module of modules) {
    for (const r of (module as { routes: RecordedRoute[] }).routes) mounted = mounted.route(r.method, r.path, r.handler, r.hooks);
  }
  return mounted;
}
