import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';

const put = (c: TestClient, path: string, body: string, headers: Record<string, string> = {}) =>
  c.json('PUT', path, { body, type: 'text/plain', headers });
const keysOf = (body: { results: { namespace: string; key: string }[] }) => body.results.map((e) => `${e.namespace}/${e.key}`);

async function seed(c: TestClient, prefix = '/api/v1') {
  const clock = c.rt.clock as FakeClock;
  await put(c, `${prefix}/namespaces/company/kv/shared`, '"root"');
  clock.advance(1000);
  await put(c, `${prefix}/namespaces/company.team/kv/shared`, '"team"', { description: 'team value' });
  clock.advance(1000);
  await put(c, `${prefix}/namespaces/company.team/kv/api_key`, '"k"', { ttl: 'PT1H' });
  clock.advance(1000);
  await put(c, `${prefix}/namespaces/company.team.sub/kv/local`, '1');
  await put(c, `${prefix}/namespaces/other/kv/x`, '2');
}

describe('GET /{tenant}/kv (1.x/2.0 tenant-wide search)', () => {
  for (const prefix of ['/api/v1', '/api/v1/main', '/api/v1/t2']) {
    test(`every namespace, 2.0 entry shape, paging under ${prefix}`, async () => {
      const c = await testRuntime();
      await seed(c, prefix);
      const all = await c.json('GET', `${prefix}/kv`);
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(5);
      expect(keysOf(all.body)).toEqual(['company/shared', 'company.team/api_key', 'company.team/shared', 'company.team.sub/local', 'other/x']);
      expect(all.body.results[1]).toEqual({
        namespace: 'company.team', key: 'api_key', revision: 1,
        creationDate: '2025-01-01T00:00:02Z', updateDate: '2025-01-01T00:00:02Z', expirationDate: '2025-01-01T01:00:02Z',
      });
      expect(all.body.results[2].description).toBe('team value');
      const page = await c.json('GET', `${prefix}/kv?page=2&size=2`);
      expect(page.body.total).toBe(5);
      expect(keysOf(page.body)).toEqual(['company.team/shared', 'company.team.sub/local']);
      expect((await c.json('GET', `${prefix}/kv?page=9`)).body).toEqual({ results: [], total: 5 });
    });
  }

  test('tenants do not see each other', async () => {
    const c = await testRuntime();
    await seed(c, '/api/v1/t2');
    expect((await c.json('GET', '/api/v1/kv')).body.total).toBe(0);
    expect((await c.json('GET', '/api/v1/t3/kv')).body.total).toBe(0);
  });

  test('filters: namespace (exact, prefix, in), key and q, dates', async () => {
    const c = await testRuntime();
    await seed(c);
    const get = async (qs: string) => keysOf((await c.json('GET', `/api/v1/kv?${qs}`)).body);
    expect(await get('filters[namespace][EQUALS]=company.team')).toEqual(['company.team/api_key', 'company.team/shared']);
    expect(await get('filters[namespace][PREFIX]=company.team')).toEqual(['company.team/api_key', 'company.team/shared', 'company.team.sub/local']);
    expect(await get('filters[namespace][STARTS_WITH]=comp&filters[namespace][NOT_EQUALS]=company')).toHaveLength(3);
    expect(await get('filters[namespace][IN]=company,other')).toEqual(['company/shared', 'other/x']);
    expect(await get('filters[key][EQUALS]=shared')).toEqual(['company/shared', 'company.team/shared']);
    expect(await get('filters[key][REGEX]=^a')).toEqual(['company.team/api_key']);
    expect(await get('filters[q][EQUALS]=API')).toEqual(['company.team/api_key']);
    expect(await get('filters[q][EQUALS]=team%20value')).toEqual(['company.team/shared']);
    expect(await get('filters[updated][GREATER_THAN]=2025-01-01T00:00:02Z')).toEqual(['company.team.sub/local', 'other/x']);
    expect(await get('filters[expirationDate][LESS_THAN]=2025-01-02T00:00:00Z')).toEqual(['company.team/api_key']);
  });

  test('sort by key, namespace, updateDate; revision counts overwrites', async () => {
    const c = await testRuntime();
    await seed(c);
    await put(c, '/api/v1/namespaces/other/kv/x', '3');
    const byKey = await c.json('GET', '/api/v1/kv?sort=key:desc&sort=namespace:asc');
    expect(keysOf(byKey.body)).toEqual(['other/x', 'company/shared', 'company.team/shared', 'company.team.sub/local', 'company.team/api_key']);
    const byDate = await c.json('GET', '/api/v1/kv?sort=updateDate:asc&size=1');
    expect(keysOf(byDate.body)).toEqual(['company/shared']);
    expect((await c.json('GET', '/api/v1/kv?filters[key][EQUALS]=x')).body.results[0].revision).toBe(2);
  });

  test('bad paging, sort and filters are 422 with Kestra-style messages', async () => {
    const c = await testRuntime();
    const cases: [string, string][] = [
      ['page=0', 'Invalid entity: page: must be greater than or equal to 1'],
      ['size=0', 'Invalid entity: size: must be greater than or equal to 1'],
      ['sort=key', 'Unprocessable Entity: Invalid sort parameter'],
      ['sort=value:asc', "Unprocessable Entity: Invalid sort parameter, unknown field 'value'"],
      ['filters[state][EQUALS]=x', "Unprocessable Entity: Unsupported filter field 'state'"],
      ['filters[namespace][GREATER_THAN]=x', "Unprocessable Entity: Unsupported operation 'GREATER_THAN' for filter field 'namespace'"],
      ['filters[updated][LESS_THAN]=yesterday', "Unprocessable Entity: Invalid date 'yesterday' for filter 'updated'"],
      ['filters[key][REGEX]=(', "Unprocessable Entity: Invalid regular expression '('"],
    ];
    for (const [qs, message] of cases) {
      const r = await c.json('GET', `/api/v1/kv?${qs}`);
      expect(r.status).toBe(422);
      expect(r.body.message).toStartWith(message);
    }
  });
});

describe('GET /{tenant}/namespaces/{ns}/kv/inheritance', () => {
  for (const prefix of ['/api/v1', '/api/v1/main', '/api/v1/t2']) {
    test(`entries of the parents only, nearest parent wins, under ${prefix}`, async () => {
      const c = await testRuntime();
      await seed(c, prefix);
      const r = await c.json('GET', `${prefix}/namespaces/company.team.sub/kv/inheritance`);
      expect(r.status).toBe(200);
      expect(r.body.map((e: { namespace: string; key: string }) => `${e.namespace}/${e.key}`)).toEqual(['company.team/api_key', 'company.team/shared']);
      expect(r.body[1]).toMatchObject({ namespace: 'company.team', key: 'shared', description: 'team value', revision: 1 });
      const fromTeam = await c.json('GET', `${prefix}/namespaces/company.team/kv/inheritance`);
      expect(fromTeam.body.map((e: { namespace: string }) => e.namespace)).toEqual(['company']);
      expect((await c.json('GET', `${prefix}/namespaces/company/kv/inheritance`)).body).toEqual([]);
      expect((await c.json('GET', `${prefix}/namespaces/unknown.ns/kv/inheritance`)).body).toEqual([]);
    });
  }

  test('a key literally named "inheritance" is still writable; its GET is the inheritance list (as in Kestra)', async () => {
    const c = await testRuntime();
    expect((await put(c, '/api/v1/namespaces/a.b/kv/inheritance', '1')).status).toBe(200);
    expect((await c.json('GET', '/api/v1/namespaces/a.b/kv')).body.map((e: { key: string }) => e.key)).toEqual(['inheritance']);
    expect((await c.json('GET', '/api/v1/namespaces/a.b/kv/inheritance')).body).toEqual([]);
  });
});
