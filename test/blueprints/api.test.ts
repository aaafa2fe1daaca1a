import { describe, expect, test } from 'bun:test';
import { parse } from 'yaml';
import { DASHBOARD_BLUEPRINTS } from '../../src/blueprints/catalogue/dashboards.ts';
import { FLOW_BLUEPRINTS } from '../../src/blueprints/catalogue/flows.ts';
import { BLUEPRINT_TAGS } from '../../src/blueprints/catalogue/tags.ts';
import { parseFlowYaml } from '../../src/flows/parse.ts';
import { execute, saveFlow } from '../helpers/flows.ts';
import { testRuntime } from '../helpers/runtime.ts';

const BASES = ['/api/v1', '/api/v1/main', '/api/v1/t2'];

describe('the bundled catalogue', () => {
  test('every flow blueprint parses with the flow parser; every tag exists; ids are unique', () => {
    const tagIds = new Set(BLUEPRINT_TAGS.map((t) => t.id));
    for (const b of [...FLOW_BLUEPRINTS, ...DASHBOARD_BLUEPRINTS]) {
      expect(b.tags.length).toBeGreaterThan(0);
      for (const t of b.tags) expect(tagIds.has(t)).toBe(true);
      expect(b.title.length).toBeGreaterThan(0);
      expect(b.description.length).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(b.publishedAt))).toBe(false);
    }
    for (const b of FLOW_BLUEPRINTS) {
      const r = parseFlowYaml(b.source);
      expect(r.ok ? 'ok' : `${b.id}: ${JSON.stringify(r.violations)}`).toBe('ok');
      expect(r.ok && r.flow.id).toBe(b.id);
    }
    for (const b of DASHBOARD_BLUEPRINTS) expect(parse(b.source).charts.length).toBeGreaterThan(0);
    const ids = FLOW_BLUEPRINTS.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const needed of ['Schedule', 'Webhook', 'Subflow', 'ForEach', 'kv.Set', 'python.Script', 'Request']) {
      expect(FLOW_BLUEPRINTS.some((b) => b.source.includes(needed))).toBe(true);
    }
  });

  test('the hello-world, ForEach and KV blueprints run as they are', async () => {
    const c = await testRuntime();
    const hello = await c.json('GET', '/api/v1/blueprints/community/flow/hello-world/source');
    await saveFlow(c, hello.body);
    const e = await execute(c, 'company.team', 'hello-world', { name: 'Ada' });
    expect(e.state.current).toBe('SUCCESS');
    expect(e.outputs).toEqual({ greeting: 'greeted Ada' });

    for (const id of ['for-each-values', 'kv-store-counter']) {
      const source = await (await c.call('GET', `/api/v1/blueprints/community/flow/${id}/source`)).text();
      await saveFlow(c, source);
      expect((await execute(c, 'company.team', id)).state.current).toBe('SUCCESS');
    }
    const again = await execute(c, 'company.team', 'kv-store-counter');
    const logs = (await c.json('GET', `/api/v1/logs/${again.id}`)).body.map((l: any) => l.message);
    expect(logs).toContain('This flow ran 2 time(s)');
  });
});

describe('GET /blueprints/community/{kind}', () => {
  for (const base of BASES) {
    test(`paging (size 1 by default), q, tags and sort under ${base}`, async () => {
      const c = await testRuntime();
      const first = await c.json('GET', `${base}/blueprints/community/flow`);
      expect(first.status).toBe(200);
      expect(first.body.total).toBe(FLOW_BLUEPRINTS.length);
      expect(first.body.results).toHaveLength(1);
      expect(first.body.results[0]).toEqual({
        id: 'hello-world', title: 'Hello world', description: FLOW_BLUEPRINTS[0]!.description,
        includedTasks: ['io.kestra.plugin.core.log.Log', 'io.kestra.plugin.core.debug.Return'],
        tags: ['getting-started', 'core'], publishedAt: '2025-01-06T09:00:00Z',
      });
      const page = await c.json('GET', `${base}/blueprints/community/FLOW?page=2&size=3`);
      expect(page.body.results.map((b: any) => b.id)).toEqual(FLOW_BLUEPRINTS.slice(3, 6).map((b) => b.id));

      const ids = async (query: string) => (await c.json('GET', `${base}/blueprints/community/flow?size=50&${query}`)).body.results.map((b: any) => b.id);
      expect(await ids('q=webhook')).toEqual(['webhook-receiver']);
      expect(await ids('q=io.kestra.plugin.core.flow.ForEach')).toEqual(['for-each-values']);
      expect(await ids('tags=scheduling')).toEqual(['daily-schedule']);
      expect(await ids('tags=scheduling&tags=fixtures')).toEqual(['daily-schedule', 'mocked-script-with-fixtures']);
      expect(await ids('filters[tags][IN]=testing')).toEqual(['mocked-script-with-fixtures']);
      expect(await ids('filters[q][EQUALS]=retries')).toEqual(['retry-and-errors']);
      expect((await ids('sort=publishedAt:desc'))[0]).toBe('retry-and-errors');
      expect((await ids('sort=title:asc'))[0]).toBe('parent-and-subflow');
      expect(await ids('q=nothing-matches-this')).toEqual([]);

      const dashboards = await c.json('GET', `${base}/blueprints/community/dashboard?size=10`);
      expect(dashboards.body.results.map((b: any) => b.id)).toEqual(['executions-overview']);
      expect(dashboards.body.results[0].includedTasks).toContain('io.kestra.plugin.core.dashboard.chart.TimeSeries');
      expect((await c.json('GET', `${base}/blueprints/community/app`)).body).toEqual({ results: [], total: 0 });
    });
  }

  test('bad kind, paging and sort get 422', async () => {
    const c = await testRuntime();
    const kind = await c.json('GET', '/api/v1/blueprints/community/widget');
    expect(kind.status).toBe(422);
    expect(kind.body.message).toContain('Failed to convert argument [kind] for value [widget]');
    for (const q of ['page=0', 'size=0', 'sort=title', 'sort=colour:asc', 'filters[flowId][EQUALS]=x']) {
      expect((await c.json('GET', `/api/v1/blueprints/community/flow?${q}`)).status).toBe(422);
    }
  });
});

describe('GET /blueprints/community/{kind}/tags', () => {
  test('tags used by the kind, narrowed by q', async () => {
    const c = await testRuntime();
    for (const base of BASES) {
      const all = await c.json('GET', `${base}/blueprints/community/flow/tags`);
      expect(all.status).toBe(200);
      expect(all.body[0]).toEqual({ id: 'getting-started', name: 'Getting Started', publishedAt: '2025-01-06T08:00:00Z' });
      expect(all.body.map((t: any) => t.id)).not.toContain('monitoring');
      expect((await c.json('GET', `${base}/blueprints/community/dashboard/tags`)).body.map((t: any) => t.id)).toEqual(['monitoring']);
      expect((await c.json('GET', `${base}/blueprints/community/flow/tags?q=webhook`)).body.map((t: any) => t.id)).toEqual(['triggers', 'api']);
    }
    expect((await c.json('GET', '/api/v1/blueprints/community/nope/tags')).status).toBe(422);
  });
});

describe('GET /blueprints/community/{kind}/{id}[/source|/graph]', () => {
  test('one blueprint with its source and kind, the raw YAML, the flow graph', async () => {
    const c = await testRuntime();
    for (const base of BASES) {
      const one = await c.json('GET', `${base}/blueprints/community/flow/webhook-receiver`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: 'webhook-receiver', kind: 'FLOW', tags: ['triggers', 'api'] });
      expect(one.body.includedTasks).toEqual(['io.kestra.plugin.core.log.Log', 'io.kestra.plugin.core.trigger.Webhook']);
      expect(one.body.source).toStartWith('id: webhook-receiver\n');

      const source = await c.call('GET', `${base}/blueprints/community/flow/webhook-receiver/source`);
      expect(source.headers.get('content-type')).toBe('application/yaml');
      expect(await source.text()).toBe(one.body.source);

      const graph = await c.json('GET', `${base}/blueprints/community/flow/for-each-values/graph`);
      expect(graph.status).toBe(200);
      const uids = graph.body.nodes.map((n: any) => n.uid);
      expect(uids).toContain('root.each-region');
      expect(uids.some((u: string) => u.endsWith('.deploy'))).toBe(true);
      expect(graph.body.clusters.length).toBeGreaterThan(0);

      const dashboard = await c.json('GET', `${base}/blueprints/community/dashboard/executions-overview`);
      expect(dashboard.body.kind).toBe('DASHBOARD');
      expect(parse(dashboard.body.source).title).toBe('Executions overview');
    }
  });

  test('unknown ids and kinds, and the graph of a dashboard, are clear 4xx', async () => {
    const c = await testRuntime();
    for (const path of ['flow/nope', 'flow/nope/source', 'flow/nope/graph', 'dashboard/hello-world', 'app/hello-world/source']) {
      const r = await c.json('GET', `/api/v1/blueprints/community/${path}`);
      expect(r.status).toBe(404);
      expect(r.body.message).toStartWith('Not Found: Unable to find the ');
    }
    const dashGraph = await c.json('GET', '/api/v1/blueprints/community/dashboard/executions-overview/graph');
    expect(dashGraph.status).toBe(404);
    expect(dashGraph.body.message).toContain('Only flow blueprints have a graph');
    expect((await c.json('GET', '/api/v1/blueprints/community/widget/hello-world')).status).toBe(422);
  });
});
