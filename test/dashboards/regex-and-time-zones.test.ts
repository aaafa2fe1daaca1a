// REGEX filters (Kestra's jOOQ likeRegex: the pattern found anywhere in the field's text) and date
// buckets cut in the server's time zone, as Kestra's database session zone does.
import { describe, expect, test } from 'bun:test';
import { YAML } from '../helpers/runtime.ts';
import { chartData, dataChart, rowsOf, seeded } from './harness.ts';

const flows = (where: string) => dataChart('Table', 'Executions', 'flow:\n  field: FLOW_ID\nruns:\n  agg: COUNT', `  where:\n${where.trim().split('\n').map((l) => `    ${l}`).join('\n')}`);
const names = (r: { body: { results: Record<string, unknown>[] } }) => rowsOf(r).map((x) => x.flow);
const regex = (field: string, value: string, extra = '') => `- type: REGEX\n  field: ${field}\n  value: '${value}'${extra}`;

describe('REGEX filters', () => {
  test('match anywhere in the text, case-sensitively, on every field kind', async () => {
    const c = await seeded();
    // previewed without a window, so START_DATE filters apply as written
    const preview = (chart: string) => c.json('POST', '/api/v1/dashboards/charts/preview', { body: { chart, globalFilter: {} } });
    const cases: [string, string[]][] = [
      [regex('FLOW_ID', '^a'), ['alpha']],
      [regex('FLOW_ID', 'ta$'), ['beta']],
      [regex('FLOW_ID', 'a'), ['alpha', 'beta', 'gamma']],
      [regex('FLOW_ID', 'ALPHA'), []],
      [regex('FLOW_ID', '(?i)^ALP'), ['alpha']],
      [regex('FLOW_ID', '\\Abet'), ['beta']],
      [regex('NAMESPACE', '^other\\.'), ['gamma']],
      [regex('STATE', 'FAIL'), ['beta']],
      [regex('LABELS', '^n', '\n  labelKey: team'), ['gamma']],
      // dates are matched as the instants charts print
      [regex('START_DATE', '^2025-01-02T'), ['alpha', 'gamma']],
      [regex('FLOW_REVISION', '^1$'), ['alpha', 'beta', 'gamma']],
      // a NULL field never matches
      [regex('TRIGGER_EXECUTION_ID', '.*'), []],
      [`- type: OR\n  values:\n    - type: REGEX\n      field: FLOW_ID\n      value: '^b'\n    - type: REGEX\n      field: NAMESPACE\n      value: 'ns$'`, ['beta', 'gamma']],
    ];
    for (const [where, expected] of cases) {
      const r = await preview(flows(where));
      expect({ where, status: r.status, flows: r.status === 200 ? names(r) : r.body }).toEqual({ where, status: 200, flows: expected });
    }
  });

  test('log levels are matched by name', async () => {
    const c = await seeded();
    const chart = dataChart('Table', 'Logs', 'level:\n  field: LEVEL\nn:\n  agg: COUNT', `  where:\n    - type: REGEX\n      field: LEVEL\n      value: '^ERR'`);
    const r = await chartData(c, chart);
    expect(r.status).toBe(200);
    expect(rowsOf(r).map((x) => x.level)).toEqual(['ERROR']);
  });

  test('the request\'s REGEX global filters apply too', async () => {
    const c = await seeded();
    const r = await chartData(c, flows('- type: IS_NULL\n  field: TRIGGER_EXECUTION_ID'), { filters: [{ field: 'namespace', operation: 'REGEX', value: '^other' }] });
    expect(names(r)).toEqual(['gamma']);
  });

  test('a pattern that does not compile is a 422 naming it, in a dashboard or a request', async () => {
    const c = await seeded();
    const bad = await c.json('POST', '/api/v1/dashboards', { body: `title: T\ncharts:\n  - id: c\n    type: io.kestra.plugin.core.dashboard.chart.Table\n    data:\n      type: io.kestra.plugin.core.dashboard.data.Executions\n      columns:\n        f:\n          field: FLOW_ID\n      where:\n        - type: REGEX\n          field: FLOW_ID\n          value: '('\n`, type: YAML });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toContain('`(` is not a valid regular expression');
    const r = await chartData(c, flows('- type: IS_NULL\n  field: TRIGGER_EXECUTION_ID'), { filters: [{ field: 'flowId', operation: 'REGEX', value: '[a-' }] });
    expect(r.status).toBe(422);
    expect(r.body.message).toStartWith('Illegal argument: Invalid filter on FLOW_ID: `[a-` is not a valid regular expression');
  });
});

describe('date buckets in the server time zone', () => {
  const series = dataChart('TimeSeries', 'Executions', 'date:\n  field: START_DATE\ntotal:\n  agg: COUNT', 'chartOptions:\n  displayName: TS\n  column: date');

  test('UTC by default in tests; another zone moves executions to its local days', async () => {
    // the seeded executions start at 2025-01-01T00:00Z (3) and 2025-01-02T00:00Z (2)
    expect(rowsOf(await chartData(await seeded(), series))).toEqual([{ date: '2025-01-01', total: 3 }, { date: '2025-01-02', total: 2 }]);
    const ny = await seeded({ timeZone: 'America/New_York' });
    expect(rowsOf(await chartData(ny, series))).toEqual([{ date: '2024-12-31', total: 3 }, { date: '2025-01-01', total: 2 }]);
  });

  test('hours and raw rows print the local wall-clock time, half-hour offsets included', async () => {
    const c = await seeded({ timeZone: 'Asia/Kolkata' });
    const hours = await chartData(c, series, { startDate: '2025-01-01T18:00:00Z', endDate: '2025-01-02T06:00:00Z' });
    expect(rowsOf(hours)).toEqual([{ date: '2025-01-02 05:00:00', total: 2 }]);
    const raw = await chartData(c, dataChart('Table', 'Executions', 'flow:\n  field: FLOW_ID\nstart:\n  field: START_DATE', `  orderBy:\n    - column: start\n      order: ASC`));
    expect(rowsOf(raw)[0]).toEqual({ flow: 'alpha', start: '2025-01-01 05:30:00' });
  });

  test('an unknown configured zone fails at start', async () => {
    await expect(seeded({ timeZone: 'Mars/Olympus' })).rejects.toThrow("timeZone: unknown time zone 'Mars/Olympus'");
  });
});
