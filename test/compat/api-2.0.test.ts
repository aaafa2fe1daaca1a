// `--kestra-version 2.0` at the HTTP edge: 2.0's shapes (executions, task runs, configs, KV,
// flows, triggers, bulk actions, SSE frames), 2.0's tenant rules and kestra-lite's own paths;
// the default mode answers the same calls in its 0.21 shapes.

import { describe, expect, test } from 'bun:test';
import { sseReader } from '../helpers/sse.ts';
import { flowYaml, testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const FLOW = `${flowYaml('hello')}triggers:\n  - id: schedule\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "0 0 1 1 *"\n`;

async function withRun(kestraVersion: '0.21' | '2.0', base = '/api/v1/main'): Promise<{ c: TestClient; id: string }> {
  const c = await testRuntime({ kestraVersion });
  expect((await c.json('POST', `${base}/flows`, { body: FLOW, type: YAML })).status).toBe(200);
  const r = await c.json('POST', `${base}/executions/company.team/hello?wait=true`, { body: new FormData() });
  expect(r.body.state.current).toBe('SUCCESS');
  return { c, id: r.body.id };
}

describe('executions in 2.0 shapes', () => {
  test('GET an execution: tenantId always, no deleted, task runs without outputs, executionId, namespace, flowId', async () => {
    for (const [base, tenant] of [['/api/v1/main', 'main'], ['/api/v1', 'main'], ['/api/v1/t2', 't2']] as const) {
      const { c, id } = await withRun('2.0', base);
      const e = (await c.json('GET', `${base}/executions/${id}`)).body;
      expect(e.tenantId).toBe(tenant);
      expect(e).not.toHaveProperty('deleted');
      expect(Object.keys(e.taskRunList[0]).sort()).toEqual(['attempts', 'id', 'state', 'taskId']);
      expect(e.metadata.attemptNumber).toBe(1);
    }
  });

  test('the default mode keeps the 0.21 execution', async () => {
    const { c, id } = await withRun('0.21');
    const e = (await c.json('GET', `/api/v1/main/executions/${id}`)).body;
    expect(e).not.toHaveProperty('tenantId');
    expect(e.deleted).toBe(false);
    expect(e.taskRunList[0]).toMatchObject({ executionId: id, namespace: 'company.team', flowId: 'hello', outputs: {} });
  });

  test('search items are light: no task runs, variables, metadata or deleted', async () => {
    const { c, id } = await withRun('2.0');
    const page = (await c.json('GET', '/api/v1/main/executions/search')).body;
    expect(page.total).toBe(1);
    expect(page.results[0]).toMatchObject({ tenantId: 'main', id, flowId: 'hello' });
    for (const gone of ['taskRunList', 'variables', 'metadata', 'deleted']) expect(page.results[0]).not.toHaveProperty(gone);
    expect((await c.json('GET', '/api/v1/main/executions/search')).body.results[0]).toEqual(page.results[0]);
  });

  test('an action answers the full Execution: deleted and tenantId kept, task runs keep their ids but lose outputs', async () => {
    const { c, id } = await withRun('2.0');
    const e = (await c.json('POST', `/api/v1/main/executions/${id}/actions/labels`, { body: [{ key: 'team', value: 'data' }] })).body;
    expect(e.deleted).toBe(false);
    // Kestra's serialiser writes the model's tenantId, which the description hides (compat/shape.ts)
    expect(e.tenantId).toBe('main');
    expect(e.taskRunList[0]).toMatchObject({ executionId: id, namespace: 'company.team', flowId: 'hello' });
    expect(e.taskRunList[0]).not.toHaveProperty('outputs');
  });

  test('follow SSE frames are shaped too', async () => {
    const { c, id } = await withRun('2.0');
    const res = await c.call('GET', `/api/v1/main/executions/${id}/follow`);
    const reader = sseReader(res);
    const frame = await reader.next();
    await reader.cancel();
    expect(frame!.data.id).toBe(id);
    expect(frame!.data.deleted).toBe(false);
    expect(frame!.data.taskRunList[0]).not.toHaveProperty('outputs');
  });

  test('bulk actions answer an asynchronous operation', async () => {
    const { c, id } = await withRun('2.0');
    const r = await c.json('POST', '/api/v1/main/executions/labels/by-ids', { body: { executionsId: [id], executionLabels: [{ key: 'a', value: 'b' }] } });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['operationId', 'totalItems']);
    expect(r.body.totalItems).toBe(1);
  });
});

describe('other 2.0 shapes', () => {
  test('/configs reports 2.0, its edition and basic auth as initialized; 0.21-only flags are gone', async () => {
    const c = await testRuntime({ kestraVersion: '2.0' });
    const r = (await c.json('GET', '/api/v1/configs')).body;
    expect(r).toMatchObject({ version: '2.0.0', edition: 'OSS', isBasicAuthInitialized: false, isCustomDashboardsEnabled: true });
    for (const gone of ['isTaskRunEnabled', 'isTemplateEnabled', 'isBasicAuthEnabled']) expect(r).not.toHaveProperty(gone);
    expect((await (await testRuntime()).json('GET', '/api/v1/configs')).body.version).toBe('0.21.0');
  });

  test('a KV value is the 2.0 detail (revision, update date); the default mode answers the typed value', async () => {
    for (const [kestraVersion, keys] of [['2.0', ['revision', 'type', 'updated', 'value']], ['0.21', ['type', 'value']]] as const) {
      const c = await testRuntime({ kestraVersion });
      await c.call('PUT', '/api/v1/main/namespaces/company.team/kv/k', { body: '"v"', type: 'application/json' });
      const r = (await c.json('GET', '/api/v1/main/namespaces/company.team/kv/k')).body;
      expect(Object.keys(r).sort()).toEqual([...keys]);
      expect(r.value).toBe('v');
      if (kestraVersion === '2.0') expect(r.revision).toBe(1);
    }
  });

  test('flows carry draft: false; trigger states use the 2.0 names', async () => {
    const { c } = await withRun('2.0');
    expect((await c.json('GET', '/api/v1/main/flows/company.team/hello')).body.draft).toBe(false);
    const t = (await c.json('GET', '/api/v1/main/triggers/search')).body.results[0];
    expect(Object.keys(t).sort()).toEqual(['state', 'trigger']);
    expect(t.trigger.id).toBe('schedule');
    expect(t.state).toMatchObject({ namespace: 'company.team', flowId: 'hello', triggerId: 'schedule', locked: false });
    expect(typeof t.state.updatedAt).toBe('string');
    for (const gone of ['date', 'nextExecutionDate', 'updatedDate']) expect(t.state).not.toHaveProperty(gone);
  });

  test('the plugin list is a page', async () => {
    const c = await testRuntime({ kestraVersion: '2.0' });
    const r = (await c.json('GET', '/api/v1/plugins')).body;
    expect(r.total).toBe(r.results.length);
    expect(r.results.length).toBeGreaterThan(0);
    expect(Array.isArray((await (await testRuntime()).json('GET', '/api/v1/plugins')).body)).toBe(true);
  });
});

describe('2.0 routes and tenants', () => {
  test('tenant-less 2.0 routes refuse a tenant segment; tenant routes still answer without one (rewritten to main)', async () => {
    const c = await testRuntime({ kestraVersion: '2.0' });
    expect((await c.json('GET', '/api/v1/configs')).status).toBe(200);
    expect((await c.json('GET', '/api/v1/main/configs')).status).toBe(404);
    expect((await c.json('GET', '/api/v1/main/plugins')).status).toBe(404);
    expect((await c.json('GET', '/api/v1/flows/search')).status).toBe(200);
    expect((await c.json('GET', '/api/v1/main/flows/search')).status).toBe(200);
    const d = await testRuntime();
    expect((await d.json('GET', '/api/v1/main/configs')).status).toBe(200);
  });

  test("kestra-lite's own paths answer; the API reference takes no tenant", async () => {
    const c = await testRuntime({ kestraVersion: '2.0' });
    expect(await (await c.call('GET', '/ping')).text()).toBe('pong');
    expect((await c.call('GET', '/api/v1/openapi.json')).status).toBe(200);
    expect((await c.call('GET', '/api/')).status).toBeLessThan(500);
    expect((await c.json('GET', '/api/v1/main/openapi.json')).status).toBe(404);
  });

  test('the API reference lists only what answers: no route the 2.0 gate refuses', async () => {
    const paths = async (c: Awaited<ReturnType<typeof testRuntime>>) => Object.keys((await c.json('GET', '/api/v1/openapi.json')).body.paths);
    const v2 = await paths(await testRuntime({ kestraVersion: '2.0' }));
    const v021 = await paths(await testRuntime());
    for (const removed of ['/api/v1/stats/executions/daily', '/api/v1/templates/search', '/api/v1/taskruns/search']) {
      expect(v021.some((p) => p.endsWith(removed.slice('/api/v1'.length)))).toBe(true);
      expect(v2.some((p) => p.endsWith(removed.slice('/api/v1'.length)))).toBe(false);
    }
    expect(v2.some((p) => p.endsWith('/executions/{executionId}/actions/kill'))).toBe(true);
    expect(v2.some((p) => p.endsWith('/flows/search'))).toBe(true);
  });

  test('an old action path is the execution create it has the shape of (Kestra 2.0 has no such action)', async () => {
    const { c, id } = await withRun('2.0');
    const r = await c.json('POST', `/api/v1/main/executions/${id}/replay`, { body: new FormData() });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ message: 'Not Found: Requested Flow is not found.', _links: { self: { href: `/api/v1/main/executions/${id}/replay`, templated: false } } });
    expect((await c.json('POST', `/api/v1/main/executions/${id}/actions/replay`)).status).toBe(200);
  });

  test('with basic auth on, a removed route answers 401 first, as every route does', async () => {
    const c = await testRuntime({ kestraVersion: '2.0', basicAuth: { username: 'u@x.io', password: 'p' } });
    expect((await c.call('POST', '/api/v1/main/stats/summary', { body: {} })).status).toBe(401);
    const auth = { authorization: `Basic ${btoa('u@x.io:p')}` };
    expect((await c.call('POST', '/api/v1/main/stats/summary', { body: {}, headers: auth })).status).toBe(404);
  });
});
