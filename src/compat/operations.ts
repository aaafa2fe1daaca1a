// The open-source operations of Kestra 2.0 (required-endpoints-2.0.txt, bundled as text by
// `bun build --compile`), keyed by method + normalised path template so that a route of the
// router (`/api/v1/executions/:namespace/:id`) and an operation of the list
// (`/api/v1/{tenant}/executions/{namespace}/{id}`) meet on one key.

import LIST from './required-endpoints-2.0.txt' with { type: 'text' };

export interface CompatOperation {
  method: string;
  /** as listed: `/api/v1/{tenant}/executions/{executionId}` */
  path: string;
  /** `GET /api/v1/executions/{}` */
  key: string;
  /** false for the few 2.0 routes without a tenant segment (configs, plugins, pebble, login, ...) */
  tenant: boolean;
}

const TENANT = '/api/v1/{tenant}/';

/** Every parameter (`{name}`, `:name`, a trailing `*`) becomes `{}`; no trailing slash. */
export function normalizeTemplate(path: string): string {
  const out = path.replace(/\/(?:\{[^/}]+\}|:[^/]+|\*)(?=\/|$)/g, '/{}');
  return out.length > 1 && out.endsWith('/') ? out.slice(0, -1) : out;
}

export const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${normalizeTemplate(path)}`;

export function parseOperations(text: string): CompatOperation[] {
  return text.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean).map((line) => {
    const [method, path] = line.split(/\s+/) as [string, string];
    const tenant = path.startsWith(TENANT);
    const routed = tenant ? '/api/v1/' + path.slice(TENANT.length) : path;
    return { method, path, key: operationKey(method, routed), tenant };
  });
}

let cached: CompatOperation[] | undefined;
/** Kestra 2.0's 202 open-source operations. */
export function operations20(): CompatOperation[] {
  return (cached ??= parseOperations(LIST));
}
