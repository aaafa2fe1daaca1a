import { describe, expect, test } from 'bun:test';
import { chartData, dataChart, rowsOf, seeded } from './harness.ts';

const bar = (column: string) => `chartOptions:\n  displayName: Bar\n  column: ${column}`;

describe('chart data computed in SQL from executions of real flow runs', () => {
  for (const prefix of ['/api/v1', '/api/v1/main']) {
    test(`executions counted per state (${prefix})`, async () => {
      const c = await seeded();
      const r = await chartData(c, dataChart('Bar', 'Executions', 'state:\n  field: STATE\ntotal:\n  displayName: Executions\n  agg: COUNT', bar('state')), {}, prefix);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ results: [{ state: 'FAILED', total: 1 }, { state: 'SUCCESS', total: 4 }], total: 2 });
    });
  }

  test('grouped by namespace and flow (grouping columns ascending without orderBy)', async () => {
    const c = await seeded();
    const r = await chartData(c, dataChart('Table', 'Executions', 'ns:\n  field: NAMESPACE\nflow:\n  field: FLOW_ID\nruns:\n  field: ID\n  agg: COUNT'));
    expect(r.status).toBe(200);
    expect(rowsOf(r)).toEqual([
      { ns: 'company.team', flow: 'alpha', runs: 3 },
      { ns: 'company.team', flow: 'beta', runs: 1 },
      { ns: 'other.ns', flow: 'gamma', runs: 1 },
    ]);
  });

  test('orderBy sorts on a column key', async () => {
    const c = await seeded();
    const r = await chartData(c, `${dataChart('Table', 'Executions', 'flow:\n  field: FLOW_ID\nruns:\n  agg: COUNT')}  orderBy:\n    - column: runs\n      order: DESC\n    - column: flow\n      order: DESC\n`);
    expect(rowsOf(r)).toEqual([{ flow: 'alpha', runs: 3 }, { flow: 'gamma', runs: 1 }, { flow: 'beta', runs: 1 }]);
  });

  test('dates are bucketed by the window: days for the default 30-day window', async () => {
    const c = await seeded();
    const r = await chartData(c, dataChart('TimeSeries', 'Executions', 'date:\n  field: START_DATE\ntotal:\n  agg: COUNT', 'chartOptions:\n  displayName: TS\n  column: date'));
    expect(rowsOf(r)).toEqual([{ date: '2025-01-01', total: 3 }, { date: '2025-01-02', total: 2 }]);
  });

  test('hours for a window of a few hours, minutes for a short one, weeks and months for long ones', async () => {
    const c = await seeded();
    const chart = dataChart('TimeSeries', 'Logs', 'date:\n  field: DATE\ntotal:\n  agg: COUNT', 'chartOptions:\n  displayName: TS\n  column: date');
    const hours = await chartData(c, chart, { startDate: '2025-01-01T18:00:00Z', endDate: '2025-01-02T06:00:00Z' });
    expect(rowsOf(hours)).toEqual([{ date: '2025-01-02 00:00:00', total: 4 }]);
    const minutes = await chartData(c, chart, { startDate: '2025-01-01T23:00:00Z', endDate: '2025-01-02T01:00:00Z' });
    expect(rowsOf(minutes)).toEqual([{ date: '2025-01-02 00:00:00', total: 4 }]);
    const long = `title: Long\ntimeWindow:\n  max: P366D\ncharts:\n  - ${chart.trim().split('\n').join('\n    ')}\n`;
    const d = await c.json('POST', '/api/v1/dashboards', { body: long, type: 'application/x-yaml' });
    const weeks = await c.json('POST', `/api/v1/dashboards/${d.body.id}/charts/c`, { body: { startDate: '2024-06-01T00:00:00Z', endDate: '2025-01-02T01:00:00Z' } });
    expect(rowsOf(weeks)).toEqual([{ date: '2024-12-30', total: 11 }]);
    const months = await c.json('POST', `/api/v1/dashboards/${d.body.id}/charts/c`, { body: { startDate: '2024-01-02T00:00:00Z', endDate: '2025-01-02T00:00:00Z' } });
    expect(rowsOf(months)).toEqual([{ date: '2025-01', total: 11 }]);
  });

  test('the 0.21 body narrows to a time range', async () => {
    const c = await seeded();
    const r = await chartData(c, dataChart('Table', 'Executions', 'flow:\n  field: FLOW_ID\nruns:\n  agg: COUNT'), {
      startDate: '2025-01-01T12:00:00Z', endDate: '2025-01-02T12:00:00Z',
    });
    expect(rowsOf(r)).toEqual([{ flow: 'alpha', runs: 1 }, { flow: 'gamma', runs: 1 }]);
  });

  test('raw rows without aggregation print dates to the minute; paging', async () => {
    const c = await seeded();
    const chart = dataChart('Table', 'Executions', 'flow:\n  field: FLOW_ID\nstart:\n  field: START_DATE\nstate:\n  field: STATE');
    const all = await chartData(c, chart);
    expect(all.body.total).toBe(5);
    expect(rowsOf(all)[0]).toEqual({ flow: 'alpha', start: '2025-01-01 00:00:00', state: 'SUCCESS' });
    const page = await chartData(c, chart, { pageNumber: 2, pageSize: 2 });
    expect(page.body.total).toBe(5);
    expect(rowsOf(page)).toEqual([
      { flow: 'alpha', start: '2025-01-02 00:00:00', state: 'SUCCESS' },
      { flow: 'beta', start: '2025-01-01 00:00:00', state: 'FAILED' },
    ]);
    expect((await chartData(c, chart, { pageNumber: 0, pageSize: 2 })).status).toBe(422);
  });

  test('a LABELS column groups by one label', async () => {
    const c = await seeded();
    const r = await chartData(c, dataChart('Table', 'Executions', 'team:\n  field: LABELS\n  labelKey: team\nruns:\n  agg: COUNT'));
    expect(rowsOf(r)).toEqual([{ team: 'ns', runs: 1 }, { team: 'team', runs: 4 }]);
  });
});

describe('every aggregation over metrics and logs of real runs', () => {
  test('COUNT, SUM, AVG, MIN and MAX of the Return task length counter', async () => {
    const c = await seeded();
    const r = await chartData(c, dataChart('Table', 'Metrics',
      'count:\n  field: VALUE\n  agg: COUNT\nsum:\n  field: VALUE\n  agg: SUM\navg:\n  field: VALUE\n  agg: AVG\nmin:\n  field: VALUE\n  agg: MIN\nmax:\n  field: VALUE\n  agg: MAX',
      '  where:\n    - type: EQUAL_TO\n      field: NAME\n      value: length'));
    expect(r.body).toEqual({ results: [{ count: 5, sum: 25, avg: 5, min: 3, max: 7 }], total: 1 });
  });

  test('SUM grouped by flow and by day', async () => {
    const c = await seeded();
    const where = '  where:\n    - type: EQUAL_TO\n      field: NAME\n      value: length';
    const byFlow = await chartData(c, `${dataChart('Bar', 'Metrics', 'flow:\n  field: FLOW_ID\nsum:\n  field: VALUE\n  agg: SUM', where)}\n${bar('flow')}`);
    expect(rowsOf(byFlow)).toEqual([{ flow: 'alpha', sum: 15 }, { flow: 'beta', sum: 3 }, { flow: 'gamma', sum: 7 }]);
    const byDay = await chartData(c, dataChart('Table', 'Metrics', 'day:\n  field: DATE\nsum:\n  field: VALUE\n  agg: SUM', where));
    expect(rowsOf(byDay)).toEqual([{ day: '2025-01-01', sum: 13 }, { day: '2025-01-02', sum: 12 }]);
  });

  test('logs counted per level; MIN and MAX of a level print its name', async () => {
    const c = await seeded();
    const byLevel = await chartData(c, dataChart('Pie', 'Logs', 'level:\n  field: LEVEL\ntotal:\n  agg: COUNT'));
    expect(rowsOf(byLevel)).toEqual([{ level: 'DEBUG', total: 5 }, { level: 'INFO', total: 5 }, { level: 'ERROR', total: 1 }]);
    const range = await chartData(c, dataChart('Table', 'Logs', 'flow:\n  field: FLOW_ID\nlowest:\n  field: LEVEL\n  agg: MIN\nhighest:\n  field: LEVEL\n  agg: MAX'));
    expect(rowsOf(range)).toContainEqual({ flow: 'beta', lowest: 'DEBUG', highest: 'ERROR' });
    const warn = await chartData(c, dataChart('Table', 'Logs', 'msg:\n  field: MESSAGE', '  where:\n    - type: GREATER_THAN_OR_EQUAL_TO\n      field: LEVEL\n      value: WARN'));
    expect(rowsOf(warn)).toEqual([{ msg: 'Task failure' }]);
  });

  test('MESSAGE cannot sit next to an aggregation', async () => {
    const c = await seeded();
    const r = await chartData(c, dataChart('Table', 'Logs', 'msg:\n  field: MESSAGE\ntotal:\n  agg: COUNT')).catch((e: Error) => e);
    expect(String(r)).toContain("[MESSAGE] can't be used as or with aggregations.");
  });

  test('Flows and Triggers sources read the current flows and trigger contexts', async () => {
    const c = await seeded();
    const flows = await chartData(c, dataChart('Table', 'Flows', 'ns:\n  field: NAMESPACE\ncount:\n  field: ID\n  agg: COUNT'));
    expect(rowsOf(flows)).toEqual([{ ns: 'company.team', count: 2 }, { ns: 'other.ns', count: 1 }]);
    const triggers = await chartData(c, dataChart('Table', 'Triggers', 'id:\n  field: TRIGGER_ID'));
    expect(triggers.body).toEqual({ results: [], total: 0 });
  });
});
