import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/clock.ts';
import { testRuntime, YAML } from '../helpers/runtime.ts';

const tick = () => new Promise((r) => setImmediate(r));
const limited = `id: limited\nnamespace: company.team\nconcurrency:\n  limit: 2\n  behavior: QUEUE\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1M\n`;
const free = `id: free\nnamespace: company.team\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`;

describe('concurrency limits', () => {
  for (const prefix of ['/api/v1', '/api/v1/main']) {
    test(`search lists flows with a limit and their running executions (${prefix})`, async () => {
      const c = await testRuntime();
      for (const f of [limited, free]) await c.json('POST', `${prefix}/flows`, { body: f, type: YAML });
      expect((await c.json('GET', `${prefix}/concurrency-limit/search`)).body)
        .toEqual({ results: [{ tenantId: 'main', namespace: 'company.team', flowId: 'limited', running: 0 }], total: 1 });
      for (let i = 0; i < 3; i++) { await c.json('POST', `${prefix}/executions/company.team/limited`); await tick(); }
      const busy = await c.json('GET', `${prefix}/concurrency-limit/search`);
      expect(busy.body.results[0].running).toBe(2); // the third one is QUEUED
      (c.rt.clock as FakeClock).advance(60_000);
      await tick(); await tick();
      expect((await c.json('GET', `${prefix}/concurrency-limit/search`)).body.results[0].running).toBe(1);
    });
  }

  test('PUT answers the limit with its true count; tenants are isolated', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/t2/flows', { body: limited, type: YAML });
    const put = await c.json('PUT', '/api/v1/t2/concurrency-limit/company.team/limited', { body: { tenantId: 't2', namespace: 'company.team', flowId: 'limited', running: 0 } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ tenantId: 't2', namespace: 'company.team', flowId: 'limited', running: 0 });
    expect((await c.json('GET', '/api/v1/concurrency-limit/search')).body.total).toBe(0);
    expect((await c.json('PUT', '/api/v1/concurrency-limit/company.team/limited', { body: { running: 0 } })).status).toBe(404);
  });

  test('bad input: a flow without a limit is a 404, mismatched ids or a negative count a 422', async () => {
    const c = await testRuntime();
    for (const f of [limited, free]) await c.json('POST', '/api/v1/flows', { body: f, type: YAML });
    const none = await c.json('PUT', '/api/v1/concurrency-limit/company.team/free', { body: { running: 0 } });
    expect(none.status).toBe(404);
    const other = await c.json('PUT', '/api/v1/concurrency-limit/company.team/limited', { body: { namespace: 'company.team', flowId: 'free' } });
    expect(other.status).toBe(422);
    expect(other.body.message).toContain('concurrencyLimit.flowId');
    expect((await c.json('PUT', '/api/v1/concurrency-limit/company.team/limited', { body: { running: -1 } })).status).toBe(422);
    expect((await c.json('PUT', '/api/v1/concurrency-limit/company.team/limited', { body: '[]', type: 'application/json' })).status).toBe(422);
  });
});
