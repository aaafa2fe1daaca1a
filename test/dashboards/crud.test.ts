import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime, YAML } from '../helpers/runtime.ts';

const SOURCE = `# my dashboard
title: Overview
description: Executions at a glance
timeWindow:
  default: P7D
  max: P30D
charts:
  - id: by_state
    type: io.kestra.plugin.core.dashboard.chart.Pie
    chartOptions:
      displayName: By state
    data:
      type: io.kestra.plugin.core.dashboard.data.Executions
      columns:
        state:
          field: STATE
        total:
          agg: COUNT
`;

describe('dashboards CRUD', () => {
  for (const prefix of ['/api/v1', '/api/v1/main']) {
    test(`create, read, update, delete round trip under ${prefix}`, async () => {
      const c = await testRuntime();
      const created = await c.json('POST', `${prefix}/dashboards`, { body: SOURCE, type: YAML });
      expect(created.status).toBe(200);
      const id = created.body.id as string;
      expect(id).toBeTruthy();
      expect(created.body).toMatchObject({
        title: 'Overview', description: 'Executions at a glance', timeWindow: { default: 'PT168H', max: 'PT720H' },
        deleted: false, created: '2025-01-01T00:00:00Z', updated: '2025-01-01T00:00:00Z', sourceCode: SOURCE,
      });
      expect(created.body.charts[0]).toMatchObject({ id: 'by_state', type: 'io.kestra.plugin.core.dashboard.chart.Pie' });
      expect(created.body.tenantId).toBeUndefined();

      const got = await c.json('GET', `${prefix}/dashboards/${id}`);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(created.body);

      (c.rt.clock as FakeClock).advance(60_000);
      const changed = SOURCE.replace('title: Overview', 'title: Renamed');
      const updated = await c.json('PUT', `${prefix}/dashboards/${id}`, { body: changed, type: YAML });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ id, title: 'Renamed', created: '2025-01-01T00:00:00Z', updated: '2025-01-01T00:01:00Z', sourceCode: changed });

      const list = await c.json('GET', `${prefix}/dashboards`);
      expect(list.body).toMatchObject({ total: 1, results: [{ id, title: 'Renamed' }] });

      const deleted = await c.call('DELETE', `${prefix}/dashboards/${id}`);
      expect(deleted.status).toBe(204);
      expect((await c.json('GET', `${prefix}/dashboards/${id}`)).status).toBe(404);
      expect((await c.json('GET', `${prefix}/dashboards`)).body).toEqual({ results: [], total: 0 });
      expect((await c.json('DELETE', `${prefix}/dashboards/${id}`)).status).toBe(404);
    });
  }

  test('a YAML id (Kestra ≥ 1.0) is kept, taken ids and id changes are refused', async () => {
    const c = await testRuntime();
    const withId = `id: ops\n${SOURCE}`;
    const r = await c.json('POST', '/api/v1/main/dashboards', { body: withId, type: YAML });
    expect(r.status).toBe(200);
    expect(r.body.id).toBe('ops');
    const again = await c.json('POST', '/api/v1/main/dashboards', { body: withId, type: YAML });
    expect(again.status).toBe(422);
    expect(again.body.message).toBe('Invalid entity: dashboard.id: Dashboard id already exists');
    const moved = await c.json('PUT', '/api/v1/main/dashboards/ops', { body: `id: other\n${SOURCE}`, type: YAML });
    expect(moved.status).toBe(422);
    expect(moved.body.message).toBe('Invalid entity: dashboard.id: Illegal dashboard id update');
    expect((await c.json('GET', '/api/v1/main/dashboards/ops')).body.sourceCode).toBe(withId);
  });

  test('tenants are isolated', async () => {
    const c = await testRuntime();
    const r = await c.json('POST', '/api/v1/t2/dashboards', { body: SOURCE, type: YAML });
    expect(r.status).toBe(200);
    expect(r.body.tenantId).toBe('t2');
    expect((await c.json('GET', `/api/v1/t2/dashboards/${r.body.id}`)).status).toBe(200);
    expect((await c.json('GET', `/api/v1/dashboards/${r.body.id}`)).status).toBe(404);
    expect((await c.json('GET', '/api/v1/dashboards')).body.total).toBe(0);
    expect((await c.json('GET', '/api/v1/t2/dashboards')).body.total).toBe(1);
  });

  test('the list pages, sorts and filters by q', async () => {
    const c = await testRuntime();
    for (const title of ['Charlie', 'alpha', 'Bravo']) {
      await c.json('POST', '/api/v1/dashboards', { body: `title: ${title}\n`, type: YAML });
    }
    const asc = await c.json('GET', '/api/v1/dashboards?sort=title:asc&size=2');
    expect(asc.body.total).toBe(3);
    expect(asc.body.results.map((d: { title: string }) => d.title)).toEqual(['alpha', 'Bravo']);
    const page2 = await c.json('GET', '/api/v1/dashboards?sort=title:desc&size=2&page=2');
    expect(page2.body.results.map((d: { title: string }) => d.title)).toEqual(['alpha']);
    const q = await c.json('GET', '/api/v1/dashboards?q=rav');
    expect(q.body).toMatchObject({ total: 1, results: [{ title: 'Bravo' }] });
    expect((await c.json('GET', '/api/v1/dashboards?page=0')).status).toBe(422);
    expect((await c.json('GET', '/api/v1/dashboards?sort=nope')).status).toBe(422);
  });

  test('an unchanged update keeps the stored dashboard; unknown ids are 404', async () => {
    const c = await testRuntime();
    const r = await c.json('POST', '/api/v1/dashboards', { body: SOURCE, type: YAML });
    (c.rt.clock as FakeClock).advance(60_000);
    const same = await c.json('PUT', `/api/v1/dashboards/${r.body.id}`, { body: SOURCE, type: YAML });
    expect(same.body.updated).toBe('2025-01-01T00:00:00Z');
    expect((await c.json('PUT', '/api/v1/dashboards/nope', { body: SOURCE, type: YAML })).status).toBe(404);
  });

  test('bodies other than YAML are 415', async () => {
    const c = await testRuntime();
    const r = await c.json('POST', '/api/v1/dashboards', { body: { title: 'x' } });
    expect(r.status).toBe(415);
    expect((await c.json('GET', '/api/v1/dashboards')).body.total).toBe(0);
  });

  test('default dashboards settings are empty until a tenant sets some', async () => {
    const c = await testRuntime();
    for (const path of ['/api/v1/dashboards/settings/default-dashboards', '/api/v1/main/dashboards/settings/default-dashboards']) {
      const r = await c.json('GET', path);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({});
    }
  });

  test('/configs reports custom dashboards as enabled', async () => {
    const c = await testRuntime();
    const r = await c.json('GET', '/api/v1/configs');
    expect(r.body.isCustomDashboardsEnabled).toBe(true);
  });
});
