import { describe, expect, test } from 'bun:test';
import { INVALID_KEY_MESSAGE } from '../../src/kv/model.ts';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';

const T0 = '2025-01-01T00:00:00Z';
const PREFIXES = ['/api/v1', '/api/v1/main'];
const put = (c: TestClient, path: string, body: string, headers: Record<string, string> = {}, type = 'application/json') =>
  c.json('PUT', path, { body, type, headers });

describe('PUT then GET /namespaces/{ns}/kv/{key}: Kestra value typing', () => {
  const cases: [string, string, unknown][] = [
    ['"hello"', 'STRING', 'hello'],
    ['hello', 'STRING', 'hello'], // a bare Ion symbol
    ["'two words'", 'STRING', 'two words'],
    ['1', 'NUMBER', 1],
    ['-3.5', 'NUMBER', -3.5],
    ['true', 'BOOLEAN', true],
    ['false', 'BOOLEAN', false],
    ['2021-09-01', 'DATE', '2021-09-01'],
    ['2021-09-01T01:02:03Z', 'DATETIME', '2021-09-01T01:02:03Z'],
    ['2021-09-01T03:02:03.5+02:00', 'DATETIME', '2021-09-01T01:02:03.500Z'],
    ['"PT5S"', 'DURATION', 'PT5S'],
    ['"P1D"', 'DURATION', 'PT24H'],
    ['PT1H30M', 'DURATION', 'PT1H30M'],
    ['{"hello":"world","n":[1,2]}', 'JSON', { hello: 'world', n: [1, 2] }],
    ['{a: 1, b: [x, "y"]}', 'JSON', { a: 1, b: ['x', 'y'] }],
    ['["a","b"]', 'JSON', ['a', 'b']],
  ];
  for (const prefix of PREFIXES) {
    test(`every type round-trips under ${prefix}`, async () => {
      const c = await testRuntime();
      for (const [body, type, value] of cases) {
        const w = await put(c, `${prefix}/namespaces/company.team/kv/k`, body);
        expect(w.status).toBe(200);
        expect(w.body).toBeUndefined();
        const r = await c.json('GET', `${prefix}/namespaces/company.team/kv/k`);
        expect(r.status).toBe(200);
        expect(r.body).toEqual({ type, value });
      }
    });
  }

  test('text/plain and a missing content type are read the same way; other types are 415', async () => {
    const c = await testRuntime();
    expect((await put(c, '/api/v1/namespaces/ns/kv/a', '42', {}, 'text/plain')).status).toBe(200);
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv/a')).body).toEqual({ type: 'NUMBER', value: 42 });
    const bare = await c.rt.app.handle(new Request('http://localhost/api/v1/namespaces/ns/kv/b', { method: 'PUT', body: new Blob(['"x"']) }));
    expect(bare.status).toBe(200);
    const xml = await put(c, '/api/v1/namespaces/ns/kv/c', '<a/>', {}, 'application/xml');
    expect(xml.status).toBe(415);
    expect(xml.body.message).toStartWith('Unsupported Media Type');
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv/c')).status).toBe(404);
  });

  test('overwrite replaces value, type and TTL; description header is kept', async () => {
    const c = await testRuntime();
    await put(c, '/api/v1/namespaces/ns/kv/k', '1', { ttl: 'PT1M' });
    await put(c, '/api/v1/namespaces/ns/kv/k', '"now a string"', { description: 'my entry' });
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv/k')).body).toEqual({ type: 'STRING', value: 'now a string' });
    const list = await c.json('GET', '/api/v1/namespaces/ns/kv');
    expect(list.body).toEqual([{ key: 'k', creationDate: T0, updateDate: T0 }]);
  });
});

describe('KV errors: Kestra messages, nothing stored', () => {
  test('missing key 404, invalid key 422 on every keyed route', async () => {
    const c = await testRuntime();
    const missing = await c.json('GET', '/api/v1/namespaces/company.team/kv/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe("Not Found: No value found for key 'nope' in namespace 'company.team'");
    expect(missing.body._links.self.href).toBe('/api/v1/namespaces/company.team/kv/nope');
    for (const [method, body] of [['GET', undefined], ['PUT', '"x"'], ['DELETE', undefined]] as const) {
      const r = await c.json(method, '/api/v1/namespaces/ns/kv/_bad%20key', body ? { body, type: 'application/json' } : {});
      expect(r.status).toBe(422);
      expect(r.body.message).toBe(`Illegal argument: ${INVALID_KEY_MESSAGE}`);
    }
    const bulk = await c.json('DELETE', '/api/v1/namespaces/ns/kv', { body: { keys: ['ok', '-bad'] } });
    expect(bulk.status).toBe(422);
    expect(bulk.body.message).toBe(`Illegal argument: ${INVALID_KEY_MESSAGE}`);
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv')).body).toEqual([]);
  });

  test('unparsable values, empty bodies, bad or negative ttl, bad namespace: 4xx and nothing stored', async () => {
    const c = await testRuntime();
    const bad = await put(c, '/api/v1/namespaces/ns/kv/k', '{"a": ');
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe('Illegal argument: Invalid JSON value for: {"a": ');
    expect((await put(c, '/api/v1/namespaces/ns/kv/k', 'two words')).body.message).toBe('Illegal argument: Invalid JSON value for: two words');
    expect((await put(c, '/api/v1/namespaces/ns/kv/k', '2021-13-45')).status).toBe(422);
    const empty = await put(c, '/api/v1/namespaces/ns/kv/k', '');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('Bad Request: Required Body [value] not specified');
    const negative = await put(c, '/api/v1/namespaces/ns/kv/k', '1', { ttl: '-PT5M' });
    expect(negative.status).toBe(422);
    expect(negative.body.message).toBe('Illegal argument: ttl cannot be negative');
    const garbage = await put(c, '/api/v1/namespaces/ns/kv/k', '1', { ttl: '5 minutes' });
    expect(garbage.status).toBe(422);
    expect(garbage.body.message).toStartWith("Illegal argument: Invalid ttl '5 minutes'");
    expect((await put(c, '/api/v1/namespaces/ns/kv/k', '1', { ttl: 'P1W' })).status).toBe(422); // not a java.time.Duration
    const ns = await put(c, '/api/v1/namespaces/bad%20ns/kv/k', '1');
    expect(ns.status).toBe(422);
    expect(ns.body.message).toBe('Invalid entity: namespace: must match "^[a-z0-9][a-z0-9._-]*"');
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv')).body).toEqual([]);
    expect((await c.json('GET', '/api/v1/kv')).body).toEqual({ results: [], total: 0 });
  });

  test('bulk delete body errors', async () => {
    const c = await testRuntime();
    expect((await c.json('DELETE', '/api/v1/namespaces/ns/kv', { body: '{"keys":', type: 'application/json' })).status).toBe(422);
    expect((await c.json('DELETE', '/api/v1/namespaces/ns/kv', { body: { keys: 'k' } })).status).toBe(422);
    expect((await c.json('DELETE', '/api/v1/namespaces/ns/kv', { body: [1] })).status).toBe(422);
    const none = await c.json('DELETE', '/api/v1/namespaces/ns/kv', { body: '', type: 'application/json' });
    expect(none.status).toBe(400);
    expect((await c.json('DELETE', '/api/v1/namespaces/ns/kv', { body: 'keys', type: 'text/plain' })).status).toBe(415);
  });
});

describe('GET /namespaces/{ns}/kv and deletes', () => {
  for (const prefix of PREFIXES) {
    test(`list, delete one, bulk delete under ${prefix}`, async () => {
      const c = await testRuntime();
      const clock = c.rt.clock as FakeClock;
      expect((await c.json('GET', `${prefix}/namespaces/company.team/kv`)).body).toEqual([]);
      await put(c, `${prefix}/namespaces/company.team/kv/b`, '1', { ttl: 'PT10M' });
      clock.advance(1500);
      await put(c, `${prefix}/namespaces/company.team/kv/a`, '2');
      await put(c, `${prefix}/namespaces/company.team.child/kv/c`, '3'); // another namespace, not listed
      const list = await c.json('GET', `${prefix}/namespaces/company.team/kv`);
      expect(list.body).toEqual([
        { key: 'a', creationDate: '2025-01-01T00:00:01.500Z', updateDate: '2025-01-01T00:00:01.500Z' },
        { key: 'b', creationDate: T0, updateDate: T0, expirationDate: '2025-01-01T00:10:00Z' },
      ]);
      const one = await c.json('DELETE', `${prefix}/namespaces/company.team/kv/a`);
      expect(one.status).toBe(200);
      expect(one.body).toBe(true);
      expect((await c.json('DELETE', `${prefix}/namespaces/company.team/kv/a`)).body).toBe(false);
      await put(c, `${prefix}/namespaces/company.team/kv/d`, '4');
      const bulk = await c.json('DELETE', `${prefix}/namespaces/company.team/kv`, { body: { keys: ['b', 'zz', 'd'] } });
      expect(bulk.status).toBe(200);
      expect(bulk.body).toEqual({ keys: ['b', 'd'] });
      expect((await c.json('DELETE', `${prefix}/namespaces/company.team/kv`, { body: {} })).body).toEqual({ keys: [] });
      expect((await c.json('GET', `${prefix}/namespaces/company.team/kv`)).body).toEqual([]);
      expect((await c.json('GET', `${prefix}/namespaces/company.team.child/kv/c`)).body).toEqual({ type: 'NUMBER', value: 3 });
    });
  }

  test('tenants are isolated; main and no tenant are the same', async () => {
    const c = await testRuntime();
    await put(c, '/api/v1/namespaces/ns/kv/k', '"main"');
    await put(c, '/api/v1/t2/namespaces/ns/kv/k', '"t2"');
    expect((await c.json('GET', '/api/v1/main/namespaces/ns/kv/k')).body.value).toBe('main');
    expect((await c.json('GET', '/api/v1/t2/namespaces/ns/kv/k')).body.value).toBe('t2');
    expect((await c.json('DELETE', '/api/v1/t3/namespaces/ns/kv/k')).body).toBe(false);
    expect((await c.json('GET', '/api/v1/t3/namespaces/ns/kv/k')).status).toBe(404);
  });
});

describe('TTL on the injected clock', () => {
  test('an entry lives until its TTL, then reads 410 once and is gone (404), and leaves the lists', async () => {
    const c = await testRuntime();
    const clock = c.rt.clock as FakeClock;
    await put(c, '/api/v1/namespaces/ns/kv/k', '"v"', { ttl: 'PT5M' });
    await put(c, '/api/v1/namespaces/ns/kv/keep', '"v"');
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv')).body[0]).toEqual({ key: 'k', creationDate: T0, updateDate: T0, expirationDate: '2025-01-01T00:05:00Z' });
    clock.advance(5 * 60_000 - 1);
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv/k')).status).toBe(200);
    clock.advance(1);
    const gone = await c.json('GET', '/api/v1/namespaces/ns/kv/k');
    expect(gone.status).toBe(410);
    expect(gone.body.message).toBe('Resource has expired: The requested value has expired');
    const after = await c.json('GET', '/api/v1/namespaces/ns/kv/k');
    expect(after.status).toBe(404);
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv')).body.map((e: { key: string }) => e.key)).toEqual(['keep']);
  });

  test('expired entries leave list, search and delete results without being read first', async () => {
    const c = await testRuntime();
    const clock = c.rt.clock as FakeClock;
    await put(c, '/api/v1/namespaces/ns/kv/a', '1', { ttl: 'PT1S' });
    await put(c, '/api/v1/namespaces/ns/kv/b', '1', { ttl: 'PT1S' });
    clock.advance(1000);
    expect((await c.json('GET', '/api/v1/namespaces/ns/kv')).body).toEqual([]);
    expect((await c.json('GET', '/api/v1/kv')).body.total).toBe(0);
    expect((await c.json('DELETE', '/api/v1/namespaces/ns/kv/a')).body).toBe(false);
  });

  test('a day TTL and a fractional TTL', async () => {
    const c = await testRuntime();
    await put(c, '/api/v1/namespaces/ns/kv/d', '1', { ttl: 'P1D' });
    await put(c, '/api/v1/namespaces/ns/kv/f', '1', { ttl: 'PT0.25S' });
    const list = (await c.json('GET', '/api/v1/namespaces/ns/kv')).body;
    expect(list.map((e: { expirationDate: string }) => e.expirationDate)).toEqual(['2025-01-02T00:00:00Z', '2025-01-01T00:00:00.250Z']);
  });
});
