// Route gating of `--kestra-version 2.0`: a request answers only when the route it reaches is one
// of Kestra 2.0's open-source operations (or one of kestra-lite's own paths); anything else gets
// the answer Kestra 2.0 gives an unknown route (404 "Not Found"). Decided on the method and the
// route's path template after tenant stripping, so `POST /executions/{id}/pause` (0.21) is refused
// although its concrete path looks like `POST /executions/{namespace}/{id}`.

import { operationKey, type CompatOperation } from './operations.ts';

export type GateDecision =
  | { kind: 'pass' }
  | { kind: 'refuse' }
  | { kind: 'operation'; operation: CompatOperation };

/** What the edge knows about a request once the tenant is split off. */
export interface GateRequest {
  method: string;
  /** the path after tenant stripping */
  path: string;
  /** whether the client sent a tenant segment (`/api/v1/{tenant}/...`) */
  tenantGiven: boolean;
  /** the template of the route the router reaches (`/api/v1/flows/:namespace`), undefined when none */
  template: string | undefined;
}

/** kestra-lite's own API paths (the reference) and the flow test-suite API (openapi-2.0-tests.yml). */
const OWN_EXACT = new Set(['/api/v1/openapi.json', '/api/v1/openapi.yml']);
const isTestSuiteRoute = (template: string) => template === '/api/v1/tests' || template.startsWith('/api/v1/tests/');

export function createGate(operations: CompatOperation[]): (req: GateRequest) => GateDecision {
  const byKey = new Map(operations.map((o) => [o.key, o]));
  return ({ method, path, tenantGiven, template }) => {
    // /ping, /api, /ui, /_kestra-lite/... are kestra-lite's own; Kestra's API lives under /api/v1/
    if (!path.startsWith('/api/v1/')) return { kind: 'pass' };
    // the router's own 404 is already Kestra's unknown-route answer
    if (template === undefined) return { kind: 'pass' };
    if (OWN_EXACT.has(template)) return tenantGiven ? { kind: 'refuse' } : { kind: 'pass' };
    if (isTestSuiteRoute(template)) return { kind: 'pass' };
    const operation = byKey.get(operationKey(method === 'HEAD' ? 'GET' : method, template));
    if (!operation) return { kind: 'refuse' };
    // Kestra 2.0 rewrites a tenant-less path to the `main` tenant, but never the other way round
    if (!operation.tenant && tenantGiven) return { kind: 'refuse' };
    return { kind: 'operation', operation };
  };
}
