import { describe, expect, test } from 'bun:test';
import { YAML } from '../helpers/runtime.ts';
import { chartData, createDashboard, dataChart, indent, rowsOf, seeded } from './harness.ts';

const flows = (where: string) => dataChart('Table', 'Executions', 'flow:\n  field: FLOW_ID\nruns:\n  agg: COUNT', `  where:\n${where.trim().split('\n').map((l) => `    ${l}`).join('\n')}`);
const names = (r: { body: { results: Record<string, unknown>[] } }) => rowsOf(r).map((x) => x.flow);

describe('where filters', () => {
  test('each comparison narrows the rows (previewed with filters but no window, so date filters apply as written)', async () => {
    const c = await seeded();
    const preview = (chart: string) => c.json('POST', '/api/v1/main/dashboards/charts/preview', { body: { chart, globalFilter: {} } });
    const cases: [string, string[]][] = [
      ['- type: EQUAL_TO\n  field: STATE\n  value: FAILED', ['beta']],
      ['- type: NOT_EQUAL_TO\n  field: FLOW_ID\n  value: alpha', ['beta', 'gamma']],
      ['- type: IN\n  field: FLOW_ID\n  values: [beta, gamma]', ['beta', 'gamma']],
      ['- type: NOT_IN\n  field: FLOW_ID\n  values: [beta, gamma]', ['alpha']],
      ['- type: CONTAINS\n  field: NAMESPACE\n  value: "r.n"', ['gamma']],
      ['- type: STARTS_WITH\n  field: FLOW_ID\n  value: al', ['alpha']],
      ['- type: ENDS_WITH\n  field: FLOW_ID\n  value: ta', ['beta']],
      ['- type: PREFIX\n  field: NAMESPACE\n  value: company', ['alpha', 'beta']],
      ['- type: GREATER_THAN\n  field: START_DATE\n  value: "2025-01-01T12:00:00Z"', ['alpha', 'gamma']],
      ['- type: LESS_THAN_OR_EQUAL_TO\n  field: START_DATE\n  value: "2025-01-01T00:00:00Z"', ['alpha', 'beta']],
      ['- type: IS_NULL\n  field: TRIGGER_EXECUTION_ID', ['alpha', 'beta', 'gamma']],
      ['- type: IS_NOT_NULL\n  field: TRIGGER_EXECUTION_ID', []],
      ['- type: OR\n  values:\n    - type: EQUAL_TO\n      field: FLOW_ID\n      value: beta\n    - type: EQUAL_TO\n      field: NAMESPACE\n      value: other.ns', ['beta', 'gamma']],
      ['- type: EQUAL_TO\n  field: LABELS\n  labelKey: team\n  value: ns', ['gamma']],
      ['- type: LESS_THAN\n  field: DURATION\n  value: PT1S', ['alpha', 'beta', 'gamma']],
      ['- type: GREATER_THAN\n  field: DURATION\n  value: 1', []],
    ];
    for (const [where, expected] of cases) {
      const r = await preview(flows(where));
      expect({ where, status: r.status, flows: names(r) }).toEqual({ where, status: 200, flows: expected });
    }
  });

  test('the dashboard time window replaces a chart\'s own filters on its date fields, as in Kestra', async () => {
    const c = await seeded();
    const r = await chartData(c, flows('- type: GREATER_THAN\n  field: START_DATE\n  value: "2025-01-01T12:00:00Z"'));
    expect(names(r)).toEqual(['alpha', 'beta', 'gamma']);
  });

  test('filters compare case-sensitively and treat their values as text, never SQL', async () => {
    const c = await seeded();
    expect(names(await chartData(c, flows('- type: STARTS_WITH\n  field: FLOW_ID\n  value: AL')))).toEqual([]);
    expect(names(await chartData(c, flows('- type: CONTAINS\n  field: FLOW_ID\n  value: "%"')))).toEqual([]);
    const hostile = await chartData(c, flows(`- type: EQUAL_TO\n  field: FLOW_ID\n  value: "x' OR '1'='1"\n- type: EQUAL_TO\n  field: LABELS\n  labelKey: "'); DROP TABLE executions; --"\n  value: y`));
    expect(hostile.body).toEqual({ results: [], total: 0 });
    expect(names(await chartData(c, flows('- type: IS_NULL\n  field: TRIGGER_EXECUTION_ID')))).toEqual(['alpha', 'beta', 'gamma']);
  });

  test('a hostile column key is only a key: rows come back keyed by it', async () => {
    const c = await seeded();
    const key = 'x" FROM logs; DROP TABLE executions; --';
    const r = await chartData(c, dataChart('Table', 'Executions', `'${key}':\n  field: FLOW_ID\n"n) --":\n  agg: COUNT`, `  orderBy:\n    - column: '${key}'\n      order: DESC`));
    expect(r.status).toBe(200);
    expect(rowsOf(r)).toEqual([{ [key]: 'gamma', 'n) --': 1 }, { [key]: 'beta', 'n) --': 1 }, { [key]: 'alpha', 'n) --': 3 }]);
    expect((await chartData(c, flows('- type: IS_NULL\n  field: TRIGGER_EXECUTION_ID'))).body.total).toBe(3);
  });
});

describe('global filters and the time window of chart-data requests', () => {
  test('namespace, flowId, state and labels filters replace the chart\'s own', async () => {
    const c = await seeded();
    const chart = flows('- type: EQUAL_TO\n  field: NAMESPACE\n  value: company.team');
    const f = (filters: object[]) => chartData(c, chart, { filters });
    expect(names(await f([]))).toEqual(['alpha', 'beta']);
    expect(names(await f([{ field: 'namespace', operation: 'EQUALS', value: 'other.ns' }]))).toEqual(['gamma']);
    expect(names(await f([{ field: 'namespace', operation: 'PREFIX', value: 'other' }]))).toEqual(['gamma']);
    expect(names(await f([{ field: 'flowId', operation: 'IN', value: ['alpha', 'gamma'] }, { field: 'namespace', operation: 'STARTS_WITH', value: '' }]))).toEqual(['alpha', 'gamma']);
    expect(names(await f([{ field: 'state', operation: 'NOT_IN', value: ['SUCCESS'] }, { field: 'namespace', operation: 'CONTAINS', value: '.' }]))).toEqual(['beta']);
    expect(names(await f([{ field: 'labels', operation: 'EQUALS', value: { team: 'ns' } }, { field: 'namespace', operation: 'CONTAINS', value: '.' }]))).toEqual(['gamma']);
    expect(names(await chartData(c, chart, { namespace: 'other', labels: { team: 'ns' } }))).toEqual(['gamma']);
    const unknownOp = await f([{ field: 'namespace', operation: 'LIKE', value: 'x' }]);
    expect(unknownOp.status).toBe(422);
  });

  test('startDate/endDate/timeRange filters set the window; the window is checked against timeWindow.max', async () => {
    const c = await seeded();
    const chart = dataChart('Table', 'Executions', 'flow:\n  field: FLOW_ID\nruns:\n  agg: COUNT');
    const day2 = await chartData(c, chart, { filters: [{ field: 'startDate', operation: 'GREATER_THAN_OR_EQUAL_TO', value: '2025-01-02T00:00:00Z' }, { field: 'endDate', operation: 'LESS_THAN_OR_EQUAL_TO', value: '2025-01-02T02:00:00Z' }] });
    expect(rowsOf(day2)).toEqual([{ flow: 'alpha', runs: 1 }, { flow: 'gamma', runs: 1 }]);
    const lastTwoHours = await chartData(c, chart, { filters: [{ field: 'timeRange', operation: 'EQUALS', value: 'PT2H' }] });
    expect(rowsOf(lastTwoHours)).toEqual([{ flow: 'alpha', runs: 1 }, { flow: 'gamma', runs: 1 }]);
    const tooLong = await chartData(c, chart, { startDate: '2023-01-01T00:00:00Z', endDate: '2025-01-02T00:00:00Z' });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.message).toBe('Illegal argument: The queried window is larger than the max allowed one.');
    const reversed = await chartData(c, chart, { startDate: '2025-01-02T00:00:00Z', endDate: '2025-01-01T00:00:00Z' });
    expect(reversed.status).toBe(422);
    expect(reversed.body.message).toBe('Illegal argument: `endDate` must be after `startDate`.');
    expect((await chartData(c, chart, { startDate: 'yesterday' })).status).toBe(422);
  });

  test('unknown dashboards and charts are 404; a Markdown chart has no data', async () => {
    const c = await seeded();
    expect((await c.json('POST', '/api/v1/dashboards/nope/charts/c', { body: {} })).status).toBe(404);
    const d = await createDashboard(c, `title: T\ncharts:\n${indent('id: md\ntype: io.kestra.plugin.core.dashboard.chart.Markdown\ncontent: "# hi"')}`);
    expect((await c.json('POST', `/api/v1/dashboards/${d.id}/charts/other`, { body: {} })).status).toBe(404);
    const md = await c.json('POST', `/api/v1/dashboards/${d.id}/charts/md`, { body: {} });
    expect(md.status).toBe(422);
    expect(md.body.message).toBe('Illegal argument: Only data charts can be generated.');
  });

  test('chart data of another tenant sees only that tenant\'s executions', async () => {
    const c = await seeded();
    const r = await chartData(c, dataChart('Table', 'Executions', 'flow:\n  field: FLOW_ID\nruns:\n  agg: COUNT'), {}, '/api/v1/t2');
    expect(r.body).toEqual({ results: [], total: 0 });
  });
});

describe('KPI, preview and CSV export', () => {
  const kpi = (numberType: string) => `id: c
type: io.kestra.plugin.core.dashboard.chart.KPI
chartOptions:
  displayName: Success ratio
  numberType: ${numberType}
data:
  type: io.kestra.plugin.core.dashboard.data.ExecutionsKPI
  columns:
    field: ID
    agg: COUNT
  numerator:
    - type: IN
      field: STATE
      values: [SUCCESS]
`;

  test('a KPI counts the numerator, or its share of the total in percent', async () => {
    const c = await seeded();
    expect((await chartData(c, kpi('FLAT'))).body).toEqual({ results: [{ value: 4 }], total: 1 });
    expect((await chartData(c, kpi('PERCENTAGE'))).body).toEqual({ results: [{ value: 80 }], total: 1 });
  });

  for (const prefix of ['/api/v1', '/api/v1/main']) {
    test(`POST ${prefix}/dashboards/charts/preview computes a chart without saving it`, async () => {
      const c = await seeded();
      const chart = dataChart('Bar', 'Executions', 'state:\n  field: STATE\ntotal:\n  agg: COUNT', 'chartOptions:\n  displayName: B\n  column: state');
      const r = await c.json('POST', `${prefix}/dashboards/charts/preview`, { body: { chart } });
      expect(r.body).toEqual({ results: [{ state: 'FAILED', total: 1 }, { state: 'SUCCESS', total: 4 }], total: 2 });
      const narrowed = await c.json('POST', `${prefix}/dashboards/charts/preview`, { body: { chart, globalFilter: { filters: [{ field: 'flowId', operation: 'EQUALS', value: 'beta' }] } } });
      expect(narrowed.body).toEqual({ results: [{ state: 'FAILED', total: 1 }], total: 1 });
      expect((await c.json('GET', `${prefix}/dashboards`)).body.total).toBe(0);
    });
  }

  test('preview errors: invalid chart YAML, a non-data chart, a missing chart', async () => {
    const c = await seeded();
    const bad = await c.json('POST', '/api/v1/dashboards/charts/preview', { body: { chart: 'id: c\ntype: io.kestra.plugin.core.dashboard.chart.Gauge\n' } });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe('Invalid entity: Invalid type: io.kestra.plugin.core.dashboard.chart.Gauge');
    const md = await c.json('POST', '/api/v1/dashboards/charts/preview', { body: { chart: 'id: c\ntype: io.kestra.plugin.core.dashboard.chart.Markdown\ncontent: hi\n' } });
    expect(md.body.message).toBe('Illegal argument: Chart is not an instance of DataChart.');
    expect((await c.json('POST', '/api/v1/dashboards/charts/preview', { body: {} })).status).toBe(422);
    expect((await c.json('POST', '/api/v1/dashboards/charts/preview', { body: '{', type: 'application/json' })).status).toBe(422);
    const flowMd = 'id: c\ntype: io.kestra.plugin.core.dashboard.chart.Markdown\nsource:\n  type: FlowDescription\n  namespace: company.team\n  flowId: nope\n';
    expect((await c.json('POST', '/api/v1/dashboards/charts/preview', { body: { chart: flowMd } })).body.message).toBe('Illegal argument: Flow not found');
  });

  test('a table chart exports as CSV (2.0), for a stored dashboard and for a previewed chart', async () => {
    const c = await seeded();
    const table = dataChart('Table', 'Executions', 'flow:\n  field: FLOW_ID\n"runs, total":\n  agg: COUNT');
    const d = await createDashboard(c, `id: ops\ntitle: T\ncharts:\n${indent(table)}`, '/api/v1/main');
    const res = await c.call('POST', '/api/v1/main/dashboards/ops/charts/c/export/to-csv', { body: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="ops_c_export.csv"');
    expect(await res.text()).toBe('flow,"runs, total"\r\nalpha,3\r\nbeta,1\r\ngamma,1\r\n');
    expect(d.id).toBe('ops');
    const preview = await c.call('POST', '/api/v1/dashboards/charts/export/to-csv', { body: { chart: table } });
    expect(preview.headers.get('content-disposition')).toBe('attachment; filename="default-dashboard_c_export.csv"');
    expect(await preview.text()).toStartWith('flow,"runs, total"\r\n');
    const bar = dataChart('Bar', 'Executions', 'state:\n  field: STATE\ntotal:\n  agg: COUNT', 'chartOptions:\n  displayName: B\n  column: state');
    const refused = await c.json('POST', '/api/v1/dashboards/charts/export/to-csv', { body: { chart: bar } });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe('Illegal argument: Only Table data charts can be exported.');
  });
});

void YAML;
