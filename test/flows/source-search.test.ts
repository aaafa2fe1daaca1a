import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML } from '../helpers/runtime.ts';

const flow = (id: string, ns: string, message: string) =>
  `id: ${id}\nnamespace: ${ns}\n\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: ${message}\n`;

describe('GET /flows/source', () => {
  for (const base of ['/api/v1', '/api/v1/main', '/api/v1/t2']) {
    test(`paged search in flow sources with highlighted fragments under ${base}`, async () => {
      const c = await testRuntime();
      await c.json('POST', `${base}/flows`, { body: flow('a', 'company.team', 'Hello Kestra'), type: YAML });
      await c.json('POST', `${base}/flows`, { body: flow('b', 'company.team.sub', 'hello world'), type: YAML });
      await c.json('POST', `${base}/flows`, { body: flow('c', 'other', 'bye'), type: YAML });

      const hits = await c.json('GET', `${base}/flows/source?q=hello`);
      expect(hits.status).toBe(200);
      expect(hits.body.total).toBe(2);
      expect(hits.body.results.map((r: any) => r.model.id)).toEqual(['a', 'b']);
      expect(hits.body.results[0].model).toMatchObject({ id: 'a', namespace: 'company.team', revision: 1, disabled: false, deleted: false });
      expect(hits.body.results[0].model.source).toBeUndefined();
      expect(hits.body.results[0].fragments).toEqual([
        '    type: io.kestra.plugin.core.log.Log\n    message: [mark]Hello[/mark] Kestra',
      ]);

      expect((await c.json('GET', `${base}/flows/source?q=hello&namespace=company.team.sub`)).body.results.map((r: any) => r.model.id)).toEqual(['b']);
      expect((await c.json('GET', `${base}/flows/source?q=hello&size=1&page=2`)).body.results.map((r: any) => r.model.id)).toEqual(['b']);
      expect((await c.json('GET', `${base}/flows/source?q=hello&sort=id:desc`)).body.results.map((r: any) => r.model.id)).toEqual(['b', 'a']);
      expect((await c.json('GET', `${base}/flows/source?q=log%20bye`)).body.total).toBe(1);
      const all = await c.json('GET', `${base}/flows/source`);
      expect(all.body.total).toBe(3);
      expect(all.body.results[0].fragments).toEqual(['id: a\nnamespace: company.team\ntasks:\n  - id: t']);
    });
  }

  test('bad paging is a 422; another tenant finds nothing', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/flows', { body: flow('a', 'company.team', 'hello'), type: YAML });
    expect((await c.json('GET', '/api/v1/flows/source?page=0')).status).toBe(422);
    expect((await c.json('GET', '/api/v1/flows/source?sort=id')).status).toBe(422);
    expect((await c.json('GET', '/api/v1/t2/flows/source?q=hello')).body).toEqual({ results: [], total: 0 });
  });
});
