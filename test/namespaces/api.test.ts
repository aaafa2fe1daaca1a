import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { flowYaml, testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

async function flow(c: TestClient, id: string, namespace: string, prefix = '/api/v1', extra = '') {
  const r = await c.json('POST', `${prefix}/flows`, { body: flowYaml(id, namespace, extra), type: YAML });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
}
const ids = (body: { results: { id: string }[] }) => body.results.map((n) => n.id);

describe('GET /namespaces/search', () => {
  for (const prefix of ['/api/v1', '/api/v1/main', '/api/v1/t2']) {
    test(`flows and KV make namespaces and their parents exist; paging and sort as Kestra (${prefix})`, async () => {
      const c = await testRuntime();
      await flow(c, 'a', 'my.ns', prefix);
      await flow(c, 'b', 'my.ns.flow', prefix);
      await c.json('PUT', `${prefix}/namespaces/another.ns/kv/k`, { body: '1', type: 'application/json' });
      const all = await c.json('GET', `${prefix}/namespaces/search`);
      expect(all.status).toBe(200);
      expect(all.body).toEqual({
        results: ['another', 'another.ns', 'my', 'my.ns', 'my.ns.flow', 'system'].map((id) => ({ id, deleted: false, disabled: true })),
        total: 6,
      });
      const first = await c.json('GET', `${prefix}/namespaces/search?size=2&sort=id:desc`);
      expect(first.body.total).toBe(6);
      expect(ids(first.body)).toEqual(['system', 'my.ns.flow']);
      expect(ids((await c.json('GET', `${prefix}/namespaces/search?page=2&size=2&sort=id:desc`)).body)).toEqual(['my.ns', 'my']);
      expect((await c.json('GET', `${prefix}/namespaces/search?page=4&size=2&sort=id:desc`)).body).toEqual({ results: [], total: 0 });
      expect((await c.json('GET', `${prefix}/namespaces/search?q=NS`)).body.total).toBe(3);
      expect(ids((await c.json('GET', `${prefix}/namespaces/search?filters[q][EQUALS]=another`)).body)).toEqual(['another', 'another.ns']);
      // a list that fits one page is returned whatever the page (Kestra 0.21)
      expect((await c.json('GET', `${prefix}/namespaces/search?q=ns&page=3`)).body.total).toBe(3);
      expect((await c.json('GET', `${prefix}/namespaces/search?existing=true`)).body.total).toBe(6);
    });
  }

  test('tenants are isolated; an empty tenant still has the system namespace', async () => {
    const c = await testRuntime();
    await flow(c, 'a', 'only.main');
    expect(ids((await c.json('GET', '/api/v1/t2/namespaces/search')).body)).toEqual(['system']);
    expect(ids((await c.json('GET', '/api/v1/main/namespaces/search')).body)).toEqual(['only', 'only.main', 'system']);
  });

  test('deleted flows and expired KV entries no longer make namespaces exist', async () => {
    const c = await testRuntime();
    await flow(c, 'a', 'gone.soon');
    await c.json('PUT', '/api/v1/namespaces/kv.ttl/kv/k', { body: '1', type: 'application/json', headers: { ttl: 'PT1S' } });
    expect(ids((await c.json('GET', '/api/v1/namespaces/search')).body)).toEqual(['gone', 'gone.soon', 'kv', 'kv.ttl', 'system']);
    await c.call('DELETE', '/api/v1/flows/gone.soon/a');
    (c.rt.clock as FakeClock).advance(1000);
    expect(ids((await c.json('GET', '/api/v1/namespaces/search')).body)).toEqual(['system']);
  });

  test('bad paging, sort, existing and filters are 422', async () => {
    const c = await testRuntime();
    for (const qs of ['page=0', 'size=0', 'sort=id', 'existing=maybe', 'filters[state][EQUALS]=x', 'size=x']) {
      const r = await c.json('GET', `/api/v1/namespaces/search?${qs}`);
      expect(r.status).toBe(422);
    }
  });
});

describe('GET /namespaces/{id}', () => {
  for (const prefix of ['/api/v1', '/api/v1/main', '/api/v1/t2']) {
    test(`GET /namespaces/{id} answers any id, existing or not, as Kestra does (${prefix})`, async () => {
      const c = await testRuntime();
      await flow(c, 'a', 'company.team.sub', prefix);
      await c.json('PUT', `${prefix}/namespaces/kv.only/kv/k`, { body: '1', type: 'application/json' });
      for (const id of ['company', 'company.team', 'company.team.sub', 'kv', 'kv.only', 'system']) {
        const r = await c.json('GET', `${prefix}/namespaces/${id}`);
        expect(r.status).toBe(200);
        expect(r.body).toEqual({ id, deleted: false });
      }
      for (const id of ['comp', 'company.team.sub.deeper', 'unknown']) {
        const r = await c.json('GET', `${prefix}/namespaces/${id}`);
        expect(r.status).toBe(200);
        expect(r.body).toEqual({ id, deleted: false });
      }
    });
  }

  test('a namespace of the main tenant is not listed in another tenant', async () => {
    const c = await testRuntime();
    await flow(c, 'a', 'company.team');
    const search = await c.json('GET', '/api/v1/t2/namespaces/search?q=company');
    expect(search.body.results.map((n: { id: string }) => n.id)).not.toContain('company.team');
    expect((await c.json('GET', '/api/v1/namespaces/search?q=company')).body.results.map((n: { id: string }) => n.id)).toContain('company.team');
  });
});

describe('namespaces/autocomplete (1.x/2.0)', () => {
  test('POST: matching namespaces plus the requested ids that exist; GET form too', async () => {
    const c = await testRuntime();
    await flow(c, 'a', 'company.team');
    await flow(c, 'b', 'other.place');
    const r = await c.json('POST', '/api/v1/main/namespaces/autocomplete', { body: { q: 'team', ids: ['other', 'nope'] } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(['company.team', 'other']);
    expect((await c.json('POST', '/api/v1/namespaces/autocomplete', { body: {} })).body).toEqual(['company', 'company.team', 'other', 'other.place', 'system']);
    expect((await c.json('GET', '/api/v1/namespaces/autocomplete?q=SYS')).body).toEqual(['system']);
    expect((await c.json('POST', '/api/v1/t2/namespaces/autocomplete', { body: { q: 'team' } })).body).toEqual([]);
  });

  test('2.0 mode: only the POST form; GET /namespaces/autocomplete reads a namespace named so, as Kestra 2.0', async () => {
    const c = await testRuntime({ kestraVersion: '2.0' });
    await flow(c, 'a', 'company.team');
    expect((await c.json('POST', '/api/v1/main/namespaces/autocomplete', { body: { q: 'team' } })).body).toEqual(['company.team']);
    const got = await c.json('GET', '/api/v1/main/namespaces/autocomplete');
    expect(got.status).toBe(200);
    expect(got.body.id).toBe('autocomplete');
  });

  test('at most 50 matches', async () => {
    const c = await testRuntime();
    for (let i = 0; i < 60; i++) await c.json('PUT', `/api/v1/namespaces/n${String(i).padStart(2, '0')}/kv/k`, { body: '1', type: 'application/json' });
    expect((await c.json('POST', '/api/v1/namespaces/autocomplete', { body: { q: 'n' } })).body).toHaveLength(50);
  });

  test('bad bodies', async () => {
    const c = await testRuntime();
    expect((await c.json('POST', '/api/v1/namespaces/autocomplete', { body: '', type: 'application/json' })).status).toBe(400);
    expect((await c.json('POST', '/api/v1/namespaces/autocomplete', { body: '{', type: 'application/json' })).status).toBe(422);
    expect((await c.json('POST', '/api/v1/namespaces/autocomplete', { body: { ids: 'x' } })).status).toBe(422);
    expect((await c.json('POST', '/api/v1/namespaces/autocomplete', { body: { q: 1 } })).status).toBe(422);
    expect((await c.json('POST', '/api/v1/namespaces/autocomplete', { body: 'q', type: 'text/plain' })).status).toBe(415);
  });
});

describe('GET /namespaces/{ns}/dependencies', () => {
  const SUBFLOW = (ns: string, id: string) => `  - id: call\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: ${ns}\n    flowId: ${id}\n`;
  const TRIGGERED = (ns: string, id: string) => `triggers:\n  - id: after\n    type: io.kestra.plugin.core.trigger.Flow\n    conditions:\n      - type: io.kestra.plugin.core.condition.ExecutionFlow\n        namespace: ${ns}\n        flowId: ${id}\n`;

  async function seed(c: TestClient, prefix = '/api/v1') {
    const post = (yaml: string) => c.json('POST', `${prefix}/flows`, { body: yaml, type: YAML });
    await post(`id: parent\nnamespace: topo\ntasks:\n${SUBFLOW('topo', 'child')}`);
    await post(flowYaml('child', 'topo'));
    await post(flowYaml('lonely', 'topo'));
    await post(`id: outside\nnamespace: elsewhere\n${TRIGGERED('topo', 'child')}tasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`);
    await post(`id: caller\nnamespace: elsewhere\ntasks:\n${SUBFLOW('topo', 'lonely')}`);
    await post(flowYaml('unrelated', 'topo.child'));
  }

  for (const prefix of ['/api/v1', '/api/v1/main', '/api/v1/t2']) {
    test(`every flow of the namespace is a node; relations in and out (${prefix})`, async () => {
      const c = await testRuntime();
      await seed(c, prefix);
      const r = await c.json('GET', `${prefix}/namespaces/topo/dependencies`);
      expect(r.status).toBe(200);
      const uids = r.body.nodes.map((n: { uid: string }) => n.uid).sort();
      expect(uids).toEqual(['elsewhere_caller', 'elsewhere_outside', 'topo_child', 'topo_lonely', 'topo_parent']);
      expect(r.body.nodes.find((n: { uid: string }) => n.uid === 'topo_parent')).toEqual({ uid: 'topo_parent', namespace: 'topo', id: 'parent' });
      const edges = r.body.edges.map((e: { source: string; target: string; relation: string }) => `${e.source}>${e.target}:${e.relation}`).sort();
      expect(edges).toEqual(['elsewhere_caller>topo_lonely:FLOW_TASK', 'topo_child>elsewhere_outside:FLOW_TRIGGER', 'topo_parent>topo_child:FLOW_TASK']);
      const inbound = await c.json('GET', `${prefix}/namespaces/topo/dependencies?destinationOnly=true`);
      expect(inbound.body.edges).toHaveLength(2);
      expect((await c.json('GET', `${prefix}/namespaces/nothing.here/dependencies`)).body).toEqual({ nodes: [], edges: [] });
    });
  }

  test('bad destinationOnly is 422', async () => {
    const c = await testRuntime();
    expect((await c.json('GET', '/api/v1/namespaces/topo/dependencies?destinationOnly=perhaps')).status).toBe(422);
  });
});
