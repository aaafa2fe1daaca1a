// KV TTLs at the edges of the range (review findings 6 and 11f): a TTL whose expiry cannot be
// represented is refused when the value is written (it used to make every later list answer 500),
// and `PT0S` stores an entry that is already expired: the first read answers 410, then 404, as
// Kestra does (KVMetadata: expirationDate = now + ttl; InternalKVStore: expired once now is past it).
import { describe, expect, test } from 'bun:test';
import { fakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';

const put = (c: TestClient, key: string, ttl: string) =>
  c.json('PUT', `/api/v1/namespaces/ns/kv/${key}`, { body: '1', type: 'application/json', headers: { ttl } });

describe('KV TTL range', () => {
  test('a TTL past year 9999 is a 422 at PUT; nothing is stored and every list still answers', async () => {
    const c = await testRuntime({ clock: fakeClock() });
    expect((await put(c, 'ok', 'PT1H')).status).toBe(200);
    for (const ttl of ['PT99999999999999H', 'PT2500000000H', 'P3000000D']) {
      const r = await put(c, 'far', ttl);
      expect(r.status).toBe(422);
      expect(r.body.message).toStartWith('Illegal argument: ttl');
      expect(r.body.message).toContain('9999-12-31');
    }
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv/far')).status).toBe(404);
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv')).body.map((e: any) => e.key)).toEqual(['ok']);
    expect((await c.json('GET', '/api/v1/kv')).status).toBe(200);
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv/inheritance')).status).toBe(200);
  });

  test('the longest TTL that still fits is accepted', async () => {
    const c = await testRuntime({ clock: fakeClock(Date.UTC(2025, 0, 1)) });
    expect((await put(c, 'long', 'P2900000D')).status).toBe(200);
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv')).body[0].expirationDate).toStartWith('9964-');
  });

  test('kv.Set with a TTL out of range fails the task, not the server', async () => {
    const c = await testRuntime({ clock: fakeClock() });
    const flow = 'id: setter\nnamespace: ns\ntasks:\n  - id: set\n    type: io.kestra.plugin.core.kv.Set\n    key: far\n    value: x\n    ttl: PT2500000000H\n';
    expect((await c.json('POST', '/api/v1/flows', { body: flow, type: 'application/x-yaml' })).status).toBe(200);
    const e = (await c.json('POST', '/api/v1/executions/ns/setter?wait=true', { body: new FormData() })).body;
    expect(e.state.current).toBe('FAILED');
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv')).status).toBe(200);
  });

  test('ttl PT0S: the first read is 410, the next 404; the entry is in no list', async () => {
    const c = await testRuntime({ clock: fakeClock() });
    expect((await put(c, 'zero', 'PT0S')).status).toBe(200);
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv')).body).toEqual([]);
    const first = await c.json('GET', '/api/v1/namespaces/ns/kv/zero');
    expect(first.status).toBe(410);
    expect(first.body.message).toBe('Resource has expired: The requested value has expired');
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv/zero')).status).toBe(404);
  });

  test('ttl PT0S read before any list: 410 once', async () => {
    const c = await testRuntime({ clock: fakeClock() });
    expect((await put(c, 'zero', 'PT0S')).status).toBe(200);
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv/zero')).status).toBe(410);
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv/zero')).status).toBe(404);
  });
});
