// Routes kestra-lite serves that open-source Kestra 2.0 does not have: with `--kestra-version 2.0`
// each answers exactly as Kestra 2.0 answers an unknown route (404 `{"message":"Not Found"}`),
// under /api/v1/... and /api/v1/main/...; the default mode still serves every one of them.

import { describe, expect, test } from 'bun:test';
import { createGate } from '../../src/compat/gate.ts';
import { operations20 } from '../../src/compat/operations.ts';
import { testRuntime } from '../helpers/runtime.ts';
import { concretePath } from './endpoints.ts';

/** 1.x/2.0 removed these (versions.md): stats, templates, taskruns/search, PUT /triggers, the old action paths, list routes. */
const REMOVED = [
  'POST /api/v1/templates', 'GET /api/v1/templates/search', 'GET /api/v1/templates/distinct-namespaces',
  'POST /api/v1/templates/validate', 'GET /api/v1/templates/export/by-query', 'POST /api/v1/templates/export/by-ids',
  'POST /api/v1/templates/import', 'DELETE /api/v1/templates/delete/by-ids', 'DELETE /api/v1/templates/delete/by-query',
  'POST /api/v1/templates/:namespace', 'GET /api/v1/templates/:namespace/:id', 'PUT /api/v1/templates/:namespace/:id',
  'DELETE /api/v1/templates/:namespace/:id',
  'GET /api/v1/namespaces/:namespace/kv', 'GET /api/v1/namespaces/:namespace/secrets', 'GET /api/v1/namespaces/autocomplete',
  'POST /api/v1/executions/:executionId/eval/:taskRunId', 'DELETE /api/v1/executions/:executionId/kill',
  'POST /api/v1/executions/:executionId/pause', 'POST /api/v1/executions/:executionId/resume',
  'POST /api/v1/executions/:executionId/restart', 'POST /api/v1/executions/:executionId/replay',
  'POST /api/v1/executions/:executionId/unqueue', 'POST /api/v1/executions/:executionId/force-run',
  'POST /api/v1/executions/:executionId/change-status', 'POST /api/v1/executions/:executionId/state',
  'POST /api/v1/executions/:executionId/labels',
  'PUT /api/v1/triggers',
  'POST /api/v1/stats/summary', 'POST /api/v1/stats/executions/daily', 'POST /api/v1/stats/taskruns/daily',
  'POST /api/v1/stats/executions/daily/group-by-flow', 'POST /api/v1/stats/executions/daily/group-by-namespace',
  'POST /api/v1/stats/executions/latest/group-by-flow', 'POST /api/v1/stats/logs/daily',
  'GET /api/v1/taskruns/search',
];

/**
 * The 0.21 execution actions are not mounted at all in 2.0 mode (executions/routes/shadowed.ts): the
 * router answers as Kestra 2.0's does. The POST ones are then the create of a flow named like the
 * action (`POST /executions/{namespace}/restart`): a 404 for the flow here, as none exists.
 */
/** `GET /namespaces/autocomplete` (1.x) is not mounted either: Kestra 2.0 reads a namespace named `autocomplete` there. */
const NAMESPACE_IN_20 = 'GET /api/v1/namespaces/autocomplete';
const UNMOUNTED_IN_20 = [...REMOVED.filter((r) => r.includes('/executions/:executionId/')), NAMESPACE_IN_20];
const CREATE_IN_20 = new Set(UNMOUNTED_IN_20.filter((r) => r.startsWith('POST ') && r.split('/').length === 6));

const route = (r: string) => { const [method, path] = r.split(' ') as [string, string]; return { method, path }; };
const bodyOf = (method: string) => (['POST', 'PUT'].includes(method) ? { body: {} } : undefined);

test('the routes the 2.0 gate refuses are exactly the removed ones', async () => {
  const c = await testRuntime();
  const gate = createGate(operations20());
  const refused = c.rt.app.routeTable()
    .filter((r) => gate({ method: r.method, path: concretePath(r.path), tenantGiven: false, template: r.path }).kind === 'refuse')
    .map((r) => `${r.method} ${r.path}`);
  expect(refused.sort()).toEqual([...REMOVED].sort());
});

describe.each(REMOVED)('%s', (removed) => {
  const { method, path } = route(removed);
  const concrete = concretePath(path.replace(/:(\w+)/g, '{$1}'));

  const title = removed === NAMESPACE_IN_20 ? 'is the read of a namespace named `autocomplete` in 2.0 mode'
    : CREATE_IN_20.has(removed) ? 'is the create of a flow in 2.0 mode (404: no such flow)' : 'answers 404 as an unknown route in 2.0 mode, with and without the tenant';
  test(title, async () => {
    const c = await testRuntime({ kestraVersion: '2.0' });
    if (removed === NAMESPACE_IN_20) {
      for (const url of [concrete, concrete.replace('/api/v1/', '/api/v1/main/')]) expect((await c.json(method, url)).body.id).toBe('autocomplete');
      return;
    }
    const message = CREATE_IN_20.has(removed) ? 'Not Found: Requested Flow is not found.' : 'Not Found';
    for (const url of [concrete, concrete.replace('/api/v1/', '/api/v1/main/')]) {
      // the create takes multipart inputs (a JSON body gets its 415)
      const r = await c.json(method, url, CREATE_IN_20.has(removed) ? { body: new FormData() } : bodyOf(method));
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ message, _links: { self: { href: url, templated: false } } });
    }
  });

  test('is served in the default mode', async () => {
    const c = await testRuntime();
    // the router reaches the route's own handler (a missing resource may still answer 404)...
    expect(c.rt.app.match(method, concrete)?.route).toBe(path);
    const r = await c.json(method, concrete.replace('/api/v1/', '/api/v1/main/'), bodyOf(method));
    expect(r.status).toBeLessThan(500);
    // ...and in 2.0 mode the same route is matched but refused by the gate, before any handler
    // (the 0.21 execution actions are not even mounted)
    const v2 = await testRuntime({ kestraVersion: '2.0' });
    if (UNMOUNTED_IN_20.includes(removed)) expect(v2.rt.app.match(method, concrete)?.route).not.toBe(path);
    else expect(v2.rt.app.match(method, concrete)?.route).toBe(path);
  });
});
