// Chart-data requests and charts that Kestra refuses: filters on fields outside QueryFilter.Field,
// IN/NOT_IN values that are no list (nor Kestra's comma-separated string), and SUM/AVG over a
// column that holds no numbers. Each is a 422 with a message, never rows computed from nonsense.

import { describe, expect, test } from 'bun:test';
import { YAML } from '../helpers/runtime.ts';
import { chartData, dataChart, rowsOf, seeded } from './harness.ts';

const byFlow = dataChart('Table', 'Executions', 'flow:\n  field: FLOW_ID\nruns:\n  agg: COUNT');
const names = (r: { body: { results: Record<string, unknown>[] } }) => rowsOf(r).map((x) => x.flow);

describe('chart-data filters', () => {
  test('a field outside Kestra\'s QueryFilter.Field is a 422; known fields a chart ignores stay accepted', async () => {
    const c = await seeded();
    const bogus = await chartData(c, byFlow, { filters: [{ field: 'bogus', operation: 'EQUALS', value: 'x' }] });
    expect(bogus.status).toBe(422);
    expect(bogus.body.message).toStartWith("Unprocessable Entity: Invalid json mapping: unknown filter field 'bogus'; use one of q, scope, namespace,");
    const preview = await c.json('POST', '/api/v1/dashboards/charts/preview', { body: { chart: byFlow, globalFilter: { filters: [{ field: 'NAMESPACE', operation: 'EQUALS', value: 'x' }] } } });
    expect(preview.status).toBe(422);
    // `q` and `triggerId` are QueryFilter fields; they do not narrow chart data (as in Kestra)
    const ignored = await chartData(c, byFlow, { filters: [{ field: 'q', operation: 'EQUALS', value: 'x' }, { field: 'triggerId', operation: 'EQUALS', value: 'y' }] });
    expect(names(ignored)).toEqual(['alpha', 'beta', 'gamma']);
  });

  test('IN / NOT_IN take a list or a comma-separated string; anything else is a 422', async () => {
    const c = await seeded();
    const f = (value: unknown, operation = 'IN') => chartData(c, byFlow, { filters: [{ field: 'flowId', operation, value }] });
    expect(names(await f(['alpha', 'gamma']))).toEqual(['alpha', 'gamma']);
    expect(names(await f('alpha, gamma'))).toEqual(['alpha', 'gamma']);
    expect(names(await f('beta', 'NOT_IN'))).toEqual(['alpha', 'gamma']);
    for (const bad of [5, true, { a: 1 }, null, [], [{ a: 1 }]]) {
      const r = await f(bad);
      expect([JSON.stringify(bad), r.status]).toEqual([JSON.stringify(bad), 422]);
      expect(r.body.message).toStartWith('Unprocessable Entity: Invalid json mapping: the IN filter on flowId needs a list of values');
    }
    const eq = await chartData(c, byFlow, { filters: [{ field: 'flowId', operation: 'EQUALS', value: { a: 1 } }] });
    expect([eq.status, eq.body.message]).toEqual([422, 'Unprocessable Entity: Invalid json mapping: the EQUALS filter on flowId needs a single value (text, number or boolean)']);
  });
});

describe('aggregations', () => {
  test('SUM and AVG need a numeric column: 422 when the dashboard is saved or previewed', async () => {
    const c = await seeded();
    const chart = dataChart('Table', 'Executions', 'flow:\n  field: FLOW_ID\ntotal:\n  field: NAMESPACE\n  agg: SUM');
    const saved = await c.json('POST', '/api/v1/dashboards', { body: `title: T\ncharts:\n  - ${chart.trim().split('\n').join('\n    ')}`, type: YAML });
    expect(saved.status).toBe(422);
    expect(saved.body.message).toContain("Invalid data chart: Column 'total' aggregates NAMESPACE with SUM, which needs a numeric field");
    const preview = await c.json('POST', '/api/v1/dashboards/charts/preview', { body: { chart } });
    expect(preview.status).toBe(422);
    const avg = await c.json('POST', '/api/v1/dashboards/charts/preview', { body: { chart: chart.replace('SUM', 'AVG').replace('NAMESPACE', 'START_DATE') } });
    expect(avg.status).toBe(422);
    // numbers and durations sum; MIN/MAX/COUNT work on any field
    for (const ok of ['field: DURATION\n  agg: SUM', 'field: FLOW_REVISION\n  agg: AVG', 'field: NAMESPACE\n  agg: MAX', 'field: NAMESPACE\n  agg: COUNT']) {
      const r = await c.json('POST', '/api/v1/dashboards/charts/preview', { body: { chart: dataChart('Table', 'Executions', `flow:\n  field: FLOW_ID\ntotal:\n  ${ok}`) } });
      expect([ok, r.status]).toEqual([ok, 200]);
    }
    const kpi = `id: c\ntype: io.kestra.plugin.core.dashboard.chart.KPI\ndata:\n  type: io.kestra.plugin.core.dashboard.data.ExecutionsKPI\n  columns:\n    field: STATE\n    agg: SUM\n`;
    expect((await c.json('POST', '/api/v1/dashboards/charts/preview', { body: { chart: kpi } })).status).toBe(422);
  });
});

describe('GET /plugins/schemas/dashboard matches what the API accepts', () => {
  test('id: optional, same pattern as the API (dots allowed); title: required, not blank; chart ids: the chart pattern', async () => {
    const c = await seeded();
    const schema = (await c.json('GET', '/api/v1/plugins/schemas/dashboard')).body;
    const def = schema.definitions['io.kestra.core.models.dashboards.Dashboard'];
    expect(def.required).toEqual(['title']);
    const idPattern = new RegExp(def.properties.id.pattern);
    const chartPattern = new RegExp(def.properties.charts.items.properties.id.pattern);
    const titlePattern = new RegExp(def.properties.title.pattern);
    const chart = (id: string) => `  - id: ${id}\n    type: io.kestra.plugin.core.dashboard.chart.Markdown\n    content: hi\n`;
    const post = (yaml: string) => c.json('POST', '/api/v1/dashboards', { body: yaml, type: YAML });
    for (const id of ['my.board', 'Board_1', 'a-b', '_x', '.x', 'a b']) {
      const r = await post(`id: ${JSON.stringify(id)}\ntitle: T\n`);
      expect([id, r.status === 200]).toEqual([id, idPattern.test(id)]);
    }
    for (const id of ['c_1', 'C-2', 'c.3', '-c']) {
      const r = await post(`title: T\ncharts:\n${chart(JSON.stringify(id))}`);
      expect([id, r.status === 200]).toEqual([id, chartPattern.test(id)]);
    }
    expect((await post('title: no id\n')).status).toBe(200);
    for (const title of ['"  "', '""']) {
      const r = await post(`title: ${title}\n`);
      expect([title, r.status === 200]).toEqual([title, titlePattern.test(JSON.parse(title))]);
    }
  });
});
