import { describe, expect, test } from 'bun:test';
import { MAX_BODY_CHARS } from '../../src/admin/journal.ts';
import { YAML } from '../helpers/runtime.ts';
import { adminRuntime, logFlow } from './helpers.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('GET /_kestra-lite/requests', () => {
  test('records every Kestra request with its answer, oldest first, admin calls excluded', async () => {
    const c = await adminRuntime();
    await c.call('POST', '/api/v1/flows', { body: logFlow('a'), type: YAML });
    await c.call('GET', '/api/v1/main/flows/t/a?source=false', { headers: { 'x-client': 'app' } });
    await c.call('GET', '/api/v1/flows/t/missing');
    await c.call('GET', '/_kestra-lite/clock');
    const { status, body } = await c.json('GET', '/_kestra-lite/requests');
    expect(status).toBe(200);
    expect(body.results.map((e: any) => [e.method, e.path, e.status])).toEqual([
      ['POST', '/api/v1/flows', 200],
      ['GET', '/api/v1/main/flows/t/a', 200],
      ['GET', '/api/v1/flows/t/missing', 404],
    ]);
    const [created, read] = body.results;
    expect(created.body).toBe(logFlow('a'));
    expect(created.headers['content-type']).toBe(YAML);
    expect(created.timestamp).toBe('2025-01-01T00:00:00.000Z');
    expect(typeof created.durationMs).toBe('number');
    expect(read.query).toEqual({ source: 'false' });
    expect(read.headers['x-client']).toBe('app');
    expect(read.body).toBeNull();
  });

  test('filters by method and path pattern (tenant-prefixed paths match too)', async () => {
    const c = await adminRuntime();
    await c.call('POST', '/api/v1/flows', { body: logFlow('a'), type: YAML });
    await c.call('GET', '/api/v1/flows/t/a');
    await c.call('GET', '/api/v1/main/flows/t/a');
    await c.call('GET', '/api/v1/executions/search');
    const list = async (q: string) => (await c.json('GET', `/_kestra-lite/requests?${q}`)).body.results.map((e: any) => `${e.method} ${e.path}`);
    expect(await list('method=get&path=/api/v1/flows/*/*')).toEqual(['GET /api/v1/flows/t/a', 'GET /api/v1/main/flows/t/a']);
    expect(await list('path=/api/v1/**')).toHaveLength(4);
    expect(await list('method=POST')).toEqual(['POST /api/v1/flows']);
    const bad = await c.json('GET', '/_kestra-lite/requests?verb=GET');
    expect(bad.status).toBe(422);
    expect(bad.body.message).toContain('unknown query parameter');
  });

  test('masks credentials, password fields and secret values; truncates long bodies', async () => {
    const c = await adminRuntime({ env: { SECRET_DB_PASSWORD: b64('hunter2-very-secret') } });
    await c.call('POST', '/api/v1/basicAuth', { body: { username: 'me@x.io', password: 'p4ssw0rd' }, headers: { authorization: 'Basic dTpw' } });
    await c.call('PUT', '/api/v1/namespaces/t/kv/conn', { body: '"user=x;pwd=hunter2-very-secret"', type: 'application/json', headers: { authorization: 'Bearer abc.def', cookie: 'session=1' } });
    await c.call('PUT', '/api/v1/namespaces/t/kv/big', { body: JSON.stringify('x'.repeat(MAX_BODY_CHARS * 2)), type: 'application/json' });
    const [auth, kv, big] = (await c.json('GET', '/_kestra-lite/requests')).body.results;
    expect(auth.headers.authorization).toBe('Basic ******');
    expect(JSON.parse(auth.body)).toEqual({ username: 'me@x.io', password: '******' });
    expect(kv.headers.authorization).toBe('Bearer ******');
    expect(kv.headers.cookie).toBe('******');
    expect(kv.body).toBe('"user=x;pwd=******"');
    expect(big.body.length).toBeLessThan(MAX_BODY_CHARS + 100);
    expect(big.body).toContain('…[truncated,');
  });

  test('DELETE empties it; the ring keeps the newest journalSize entries', async () => {
    const c = await adminRuntime({ journalSize: 2 });
    for (const ns of ['a', 'b', 'c']) await c.call('GET', `/api/v1/namespaces/${ns}`);
    expect((await c.json('GET', '/_kestra-lite/requests')).body.results.map((e: any) => e.path)).toEqual(['/api/v1/namespaces/b', '/api/v1/namespaces/c']);
    expect((await c.call('DELETE', '/_kestra-lite/requests')).status).toBe(204);
    expect((await c.json('GET', '/_kestra-lite/requests')).body.results).toEqual([]);
  });
});
