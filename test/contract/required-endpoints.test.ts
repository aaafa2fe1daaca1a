// Every line of Kestra's required-endpoint lists is routed — under /api/v1 and /api/v1/main — and,
// called with plausible values, reaches its handler: never the router's 404 (no route, or a route
// shadowed by another), never 405, 501 or 5xx. Behaviour per endpoint is asserted by each area's
// own tests; this walk proves the surface is complete.

import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';
import { readOperations, walk } from './endpoints.ts';

for (const list of ['required-endpoints-0.21.txt', 'required-endpoints-2.0.txt']) {
  describe(list, () => {
    const ops = readOperations(list);
    for (const prefix of ['/api/v1', '/api/v1/main'] as const) {
      test(`all ${ops.length} operations are routed and answered under ${prefix}`, async () => {
        const client = await testRuntime();
        const { unrouted, failing } = await walk(client, ops, prefix);
        expect(unrouted).toEqual([]);
        expect(failing).toEqual([]);
      }, 60_000);
    }
  });
}
