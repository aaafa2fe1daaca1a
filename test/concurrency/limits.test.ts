import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/time/clock.ts';
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

  test('search: page and size are optional (Kestra declares none and answers every limit) but follow §1.4 when given', async () => {
    const c = await testRuntime();
    for (const id of ['a', 'b', 'c']) await c.json('POST', '/api/v1/flows', { body: limited.replace('id: limited', `id: ${id}`), type: YAML });
    expect((await c.json('GET', '/api/v1/main/concurrency-limit/search')).body.total).toBe(3);
    const page2 = await c.json('GET', '/api/v1/main/concurrency-limit/search?page=2&size=2');
    expect(page2.body).toEqual({ results: [{ tenantId: 'main', namespace: 'company.team', flowId: 'c', running: 0 }], total: 3 });
    for (const q of ['page=0', 'size=0', 'size=-1', 'page=abc']) {
      const r = await c.json('GET', `/api/v1/main/concurrency-limit/search?${q}`);
      expect([q, r.status]).toEqual([q, 422]);
    }
  });

  test('PUT: a running count of the wrong JSON type is a mapping error, not a range error', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/flows', { body: limited, type: YAML });
    for (const running of ['abc', '', true, { n: 1 }, [1]]) {
      const r = await c.json('PUT', '/api/v1/concurrency-limit/company.team/limited', { body: { running } });
      expect([JSON.stringify(running), r.status, r.body.message]).toEqual([JSON.stringify(running), 422, 'Invalid json mapping']);
      expect(r.body._embedded.errors[0]).toMatchObject({ path: 'concurrencyLimit.running' });
      expect(r.body._embedded.errors[0].message).toStartWith('Cannot deserialize value of type `java.lang.Integer` from');
    }
    // what Jackson coerces into an Integer is accepted: a numeric text, a float (truncated)
    for (const running of ['2', 1.5]) expect((await c.json('PUT', '/api/v1/concurrency-limit/company.team/limited', { body: { running } })).status).toBe(200);
    const negative = await c.json('PUT', '/api/v1/concurrency-limit/company.team/limited', { body: { running: -1 } });
    expect(negative.body.message).toBe('Invalid entity: concurrencyLimit.running: must be greater than or equal to 0');
  });
});
