// kestra-lite's own API reference, generated from the live route table: every route of every
// feature (tagged with its feature's name), its path parameters, the tenant form, and whatever a
// route declares in Elysia's `detail` (summary, description, query parameters). Served as
// `/api/v1/openapi.json` and `.yml`; `/api` renders it as a page.

import { Type, type Static } from '@sinclair/typebox';
import { yaml } from '../shared/yaml.ts';

export interface RouteInfo {
  method: string; path: string; feature: string; detail?: RouteDetail;
  /** not served under /api/v1/{tenant}/... (Kestra 2.0's configs, plugins, pebble, login) */
  noTenant?: boolean;
}

/** What a route may declare with `{ detail: {...} }` in Elysia. */
export interface RouteDetail {
  summary?: string;
  description?: string;
  query?: { name: string; description?: string; required?: boolean }[];
  deprecated?: boolean;
}

/** Kestra's error JSON (api-contract §1.8), the body of every 4xx/5xx with a body. */
export const ErrorBody = Type.Object({
  message: Type.String(),
  _links: Type.Object({ self: Type.Object({ href: Type.String(), templated: Type.Boolean() }) }),
  _embedded: Type.Optional(Type.Object({
    errors: Type.Array(Type.Object({ message: Type.String(), path: Type.Optional(Type.String()) })),
  })),
});
export type ErrorBody = Static<typeof ErrorBody>;

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

/** `/api/v1/flows/:namespace/:id` → `/api/v1/flows/{namespace}/{id}`; `*` → `{path}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\/\*$/, '/{path}');
}

const paramsOf = (path: string) => [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] as string);

function operationId(method: string, path: string): string {
  const words = path.replace(/^\/api\/v1\/?/, '').split(/[/{}\-_.]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function operation(route: RouteInfo, path: string, tenant: boolean) {
  const params = paramsOf(path).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  const query = (route.detail?.query ?? []).map((q) => ({ name: q.name, in: 'query', required: q.required === true, description: q.description, schema: { type: 'string' } }));
  return {
    tags: [route.feature],
    operationId: operationId(route.method, path) + (tenant ? 'WithTenant' : ''),
    summary: route.detail?.summary,
    description: route.detail?.description,
    deprecated: route.detail?.deprecated,
    parameters: [...params, ...query],
    responses: {
      '200': { description: 'Kestra-shaped JSON (or the file, stream or empty body the route answers)' },
      default: { description: "Kestra's error JSON", content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
    },
  };
}

/** The OpenAPI 3.0 document of a route table. API routes appear twice: plain and with `{tenant}`. */
export function openApiDocument(routes: RouteInfo[], version: string, kestraRelease?: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const add = (path: string, route: RouteInfo, tenant: boolean) => {
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route, path, tenant);
  };
  for (const r of routes) {
    // `.all()` routes (webhooks) answer every method a client may send
    for (const method of r.method === 'ALL' ? ['GET', 'POST', 'PUT', 'DELETE'] : [r.method]) {
      if (!METHODS.has(method)) continue;
      const route = { ...r, method };
      const path = openApiPath(route.path);
      add(path, route, false);
      if (path.startsWith('/api/v1/') && !r.noTenant) add(path.replace('/api/v1/', '/api/v1/{tenant}/'), route, true);
    }
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'kestra-lite API',
      version,
      description: `Kestra's /api/v1 as served by kestra-lite${kestraRelease ? `, answering as Kestra ${kestraRelease}` : ''}. The /api/v1 routes listed with a {tenant} form also answer under /api/v1/{tenant}; 'main' and no tenant are the same tenant.`,
      ...(kestraRelease ? { 'x-kestra-version': kestraRelease } : {}),
    },
    tags: [...new Set(routes.map((r) => r.feature))].map((name) => ({ name })),
    paths,
    components: { schemas: { ErrorBody } },
  };
}

export const openApiYaml = (doc: Record<string, unknown>) => yaml().stringify(JSON.parse(JSON.stringify(doc)));
