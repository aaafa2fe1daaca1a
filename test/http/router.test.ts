// The edge's route table (src/http/router.ts): Elysia's matching rules, kept when the lookup moved
// out of Elysia — literals before params before a trailing `*`, with backtracking; decoded params;
// one ignored trailing slash; HEAD answered by the GET route.

import { describe, expect, test } from 'bun:test';
import { createRouter } from '../../src/http/router.ts';
import type { RecordedRoute } from '../../src/http/route-module.ts';
import { testRuntime, flowYaml, YAML } from '../helpers/runtime.ts';

const route = (method: string, path: string): RecordedRoute => ({ method, path, handler: () => path });

describe('router', () => {
  const router = createRouter([
    route('GET', '/api/v1/flows/search'),
    route('GET', '/api/v1/flows/:namespace/:id'),
    route('POST', '/api/v1/executions/:executionId/restart'),
    route('POST', '/api/v1/executions/:namespace/:id'),
    route('GET', '/api/v1/executions/webhook/:namespace/:flowId/:key'),
    route('GET', '/api/v1/executions/webhook/:namespace/:flowId/:key/*'),
    route('GET', '/api/v1/namespaces/:id/files/stats'),
    route('GET', '/api/v1/namespaces/autocomplete'),
  ]);
  const find = (method: string, path: string) => {
    const m = router.find(method, path);
    return m && { path: m.route.path, params: m.params };
  };

  test('a literal segment wins over a parameter at the same place', () => {
    expect(find('GET', '/api/v1/flows/search')).toEqual({ path: '/api/v1/flows/search', params: {} });
    expect(find('GET', '/api/v1/flows/company/hello')).toEqual({ path: '/api/v1/flows/:namespace/:id', params: { namespace: 'company', id: 'hello' } });
    expect(find('POST', '/api/v1/executions/e1/restart')?.path).toBe('/api/v1/executions/:executionId/restart');
  });

  test('routes sharing a position name their parameters each their own way', () => {
    expect(find('POST', '/api/v1/executions/e1/restart')?.params).toEqual({ executionId: 'e1' });
    expect(find('POST', '/api/v1/executions/company.team/hello')?.params).toEqual({ namespace: 'company.team', id: 'hello' });
  });

  test('a failed literal branch falls back to the parameter branch (backtracking)', () => {
    expect(find('GET', '/api/v1/flows/search/more')).toEqual({ path: '/api/v1/flows/:namespace/:id', params: { namespace: 'search', id: 'more' } });
    expect(find('GET', '/api/v1/namespaces/autocomplete/files/stats')).toEqual({ path: '/api/v1/namespaces/:id/files/stats', params: { id: 'autocomplete' } });
  });

  test('params are percent-decoded; a parameter never matches an empty segment', () => {
    expect(find('GET', '/api/v1/flows/my%20ns/a%2Fb')?.params).toEqual({ namespace: 'my ns', id: 'a/b' });
    expect(find('GET', '/api/v1/flows//hello')).toBeUndefined();
  });

  test('a trailing * takes the rest of the path, maybe empty', () => {
    expect(find('GET', '/api/v1/executions/webhook/ns/f/k')?.path).toBe('/api/v1/executions/webhook/:namespace/:flowId/:key');
    expect(find('GET', '/api/v1/executions/webhook/ns/f/k/a/b%20c')?.params).toEqual({ namespace: 'ns', flowId: 'f', key: 'k', '*': 'a/b c' });
    expect(find('GET', '/api/v1/executions/webhook/ns/f/k/')?.params['*']).toBe('');
  });

  test('one trailing slash is ignored when nothing matches with it', () => {
    expect(find('GET', '/api/v1/flows/search/')?.path).toBe('/api/v1/flows/search');
  });

  test('methods: another method is no match; HEAD takes the GET route', () => {
    expect(find('DELETE', '/api/v1/flows/search')).toBeUndefined();
    expect(find('HEAD', '/api/v1/flows/company/hello')?.path).toBe('/api/v1/flows/:namespace/:id');
  });
});

describe('routing at the edge', () => {
  test('plain values answer as application/json like every other JSON answer', async () => {
    const { call } = await testRuntime();
    const res = await call('GET', '/_kestra-lite/clock');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(typeof (await res.json())).toBe('object');
  });

  test('2.0 mode: the reference has no tenant form for routes Kestra 2.0 serves without one', async () => {
    const { json } = await testRuntime({ kestraVersion: '2.0' });
    const paths = Object.keys((await json('GET', '/api/v1/openapi.json')).body.paths);
    expect(paths).toContain('/api/v1/configs');
    expect(paths).toContain('/api/v1/{tenant}/flows/search');
    expect(paths.filter((p) => /\{tenant\}\/(configs|plugins|pebble|login|logout|openapi)/.test(p))).toEqual([]);
  });

  test('the API reference names every parameter as its route does (Kestra names: /executions/{namespace}/{id})', async () => {
    const { json } = await testRuntime();
    const paths = Object.keys((await json('GET', '/api/v1/openapi.json')).body.paths);
    expect(paths).toContain('/api/v1/executions/{namespace}/{id}');
    expect(paths).toContain('/api/v1/logs/{namespace}/{flowId}');
    expect(paths).toContain('/api/v1/metrics/aggregates/{namespace}/{flowId}/{taskId}/{metric}');
    expect(paths.some((p) => p.includes('/executions/{executionId}/{flowId}'))).toBe(false);
  });

  test('HEAD answers like GET, without a body; unknown paths and methods are Kestra 404s', async () => {
    const { call, json } = await testRuntime();
    await json('POST', '/api/v1/flows', { body: flowYaml('hello', 'company.team'), type: YAML });
    const get = await call('GET', '/api/v1/flows/company.team/hello');
    const head = await call('HEAD', '/api/v1/flows/company.team/hello');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(await head.text()).toBe('');
    const tenant = await json('GET', '/api/v1/main/flows/company.team/hello');
    expect(tenant.body.id).toBe('hello');
    const wrongMethod = await json('PATCH', '/api/v1/flows/company.team/hello');
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.body._links.self.href).toBe('/api/v1/flows/company.team/hello');
  });
});
