// Tenant-aware paths (decisions.md): every route answers under /api/v1/... and /api/v1/{tenant}/....
// Rather than registering every route twice, the edge routes on the path without the tenant segment
// and remembers the tenant per request. A first segment that is a resource name is the resource, never a tenant.

export const DEFAULT_TENANT = 'main';

export const RESOURCE_SEGMENTS = new Set([
  'flows', 'executions', 'logs', 'triggers', 'namespaces', 'plugins', 'stats', 'metrics', 'dashboards',
  'templates', 'blueprints', 'configs', 'usages', 'basicAuth', 'taskruns', 'kv', 'secrets', 'files',
  'apps', 'cluster', 'misc', 'auths', 'users', 'me', 'search', 'ai', 'login', 'logout', 'oauth', 'assets',
  'outputs', 'tests',
  'expressions', 'pebble', 'concurrency-limit', 'mcp', 'basicAuthValidationErrors',
]);

const PREFIX = '/api/v1/';

export interface TenantRoute { tenant: string; path: string }

/** Splits `/api/v1/{tenant}/rest` into tenant + `/api/v1/rest`; other paths pass through. */
export function splitTenant(pathname: string): TenantRoute {
  if (!pathname.startsWith(PREFIX)) return { tenant: DEFAULT_TENANT, path: pathname };
  const slash = pathname.indexOf('/', PREFIX.length);
  if (slash < 0) return { tenant: DEFAULT_TENANT, path: pathname };
  // `/api/v1/openapi.json/`: a first segment with nothing after its slash is the route itself
  if (slash === pathname.length - 1) return { tenant: DEFAULT_TENANT, path: pathname };
  const first = pathname.slice(PREFIX.length, slash);
  let tenant = first;
  if (first.includes('%')) {
    try { tenant = decodeURIComponent(first); } catch { /* malformed: the edge answers 400 for the whole path */ }
  }
  // a resource name, even percent-encoded (`flow%73`), is the resource, as the router reads it
  if (RESOURCE_SEGMENTS.has(tenant) || tenant === '') return { tenant: DEFAULT_TENANT, path: pathname };
  return { tenant, path: PREFIX + pathname.slice(slash + 1) };
}

const tenants = new WeakMap<Request, string>();

/** Records the tenant of a routed request (its URL keeps the path as the client sent it). */
export function rememberTenant(request: Request, tenant: string): void {
  if (tenant !== DEFAULT_TENANT) tenants.set(request, tenant);
}

/** The tenant of a request that went through the edge ('main' when none was given). */
export function tenantOf(request: Request): string {
  return tenants.get(request) ?? DEFAULT_TENANT;
}
