import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const chart = (data: string, type = 'io.kestra.plugin.core.dashboard.chart.Table') => `title: T
charts:
  - id: c
    type: ${type}
    data:
${data.trim().split('\n').map((l) => `      ${l}`).join('\n')}
`;

const EXECUTIONS = 'type: io.kestra.plugin.core.dashboard.data.Executions';

async function refused(c: TestClient, body: string) {
  const r = await c.json('POST', '/api/v1/dashboards', { body, type: YAML });
  expect(r.status).toBe(422);
  expect((await c.json('GET', '/api/v1/dashboards')).body.total).toBe(0);
  return r.body as { message: string; _embedded: { errors: { message: string; path: string }[] } };
}

describe('invalid dashboards are refused with Kestra-like violations, and nothing is stored', () => {
  test('malformed YAML', async () => {
    const c = await testRuntime();
    const body = await refused(c, 'title: [unclosed\ncharts: {');
    expect(body.message).toStartWith('Invalid entity: Illegal dashboard yaml: ');
    expect(body._embedded.errors[0]!.path).toBe('yaml');
  });

  test('an unknown chart type', async () => {
    const c = await testRuntime();
    const body = await refused(c, chart(`${EXECUTIONS}\ncolumns:\n  id:\n    field: ID`, 'io.kestra.plugin.core.dashboard.chart.Radar'));
    expect(body.message).toBe('Invalid entity: Invalid type: io.kestra.plugin.core.dashboard.chart.Radar');
    expect(body._embedded.errors[0]!.path).toBe('io.kestra.core.models.dashboards.Dashboard["charts"]->java.util.ArrayList[0]');
  });

  test('an unknown data source', async () => {
    const c = await testRuntime();
    const body = await refused(c, chart('type: io.kestra.plugin.core.dashboard.data.Tasks\ncolumns:\n  id:\n    field: ID'));
    expect(body.message).toBe('Invalid entity: Invalid type: io.kestra.plugin.core.dashboard.data.Tasks');
  });

  test('an unknown column field', async () => {
    const c = await testRuntime();
    const body = await refused(c, chart(`${EXECUTIONS}\ncolumns:\n  x:\n    field: COLOR`));
    expect(body.message).toStartWith('Invalid entity: Cannot deserialize value of type `io.kestra.plugin.core.dashboard.data.IExecutions$Fields` from String "COLOR": not one of the values accepted for Enum class: [ID, NAMESPACE,');
    expect(body._embedded.errors[0]!.path).toEndWith('io.kestra.core.models.dashboards.ColumnDescriptor["field"]');
  });

  test('a hostile field name never reaches SQL', async () => {
    const c = await testRuntime();
    const body = await refused(c, chart(`${EXECUTIONS}\ncolumns:\n  x:\n    field: "id FROM executions; DROP TABLE executions; --"`));
    expect(body.message).toContain('not one of the values accepted for Enum class');
    const inWhere = await refused(c, chart(`${EXECUTIONS}\ncolumns:\n  x:\n    field: ID\nwhere:\n  - type: EQUAL_TO\n    field: "1=1 OR id"\n    value: x`));
    expect(inWhere.message).toContain('not one of the values accepted for Enum class');
    const agg = await refused(c, chart(`${EXECUTIONS}\ncolumns:\n  x:\n    field: ID\n    agg: "count(*)); DROP TABLE logs; --"`));
    expect(agg.message).toContain('io.kestra.core.models.dashboards.AggregationType');
  });

  test('unknown properties, filter types and aggregations', async () => {
    const c = await testRuntime();
    expect((await refused(c, 'title: T\ncolour: red\n')).message).toBe('Invalid entity: Unrecognized field "colour" (class io.kestra.core.models.dashboards.Dashboard), not marked as ignorable');
    expect((await refused(c, chart(`${EXECUTIONS}\ncolumns:\n  x:\n    field: ID\nwhere:\n  - type: LIKE\n    field: ID\n    value: x`))).message)
      .toStartWith("Invalid entity: Could not resolve type id 'LIKE' as a subtype of");
    expect((await refused(c, chart(`${EXECUTIONS}\ncolumns:\n  x:\n    field: ID\n    agg: MEDIAN`))).message)
      .toContain('from String "MEDIAN": not one of the values accepted for Enum class: [AVG, MAX, MIN, SUM, COUNT]');
  });

  test('bean and chart rules are all reported with their paths', async () => {
    const c = await testRuntime();
    const body = await refused(c, `title: ""
timeWindow:
  default: P400D
charts:
  - id: "bad id"
    type: io.kestra.plugin.core.dashboard.chart.Bar
    chartOptions:
      column: missing
    data:
      ${EXECUTIONS}
      columns:
        state:
          field: STATE
      orderBy:
        - column: nope
`);
    const paths = body._embedded.errors.map((e) => e.path);
    expect(paths).toEqual(['title', 'timeWindow.default', 'timeWindow', 'charts[0].id', 'charts[0]']);
    expect(body.message).toContain('title: must not be blank');
    expect(body.message).toContain("timeWindow.default: Time window can't be more than 1 year (366 days).");
    expect(body.message).toContain("charts[0]: Invalid data chart: Column 'missing' is requested by the chart but not present in `data.columns` keys., Column 'nope' is used in `orderBy` but not present in `data.columns` keys., At least 1 aggregation is needed for io.kestra.plugin.core.dashboard.chart.Bar.");
  });

  test('filter values the field cannot hold and labels without a key', async () => {
    const c = await testRuntime();
    const body = await refused(c, chart(`${EXECUTIONS}
columns:
  x:
    field: LABELS
where:
  - type: GREATER_THAN
    field: START_DATE
    value: yesterday
  - type: IN
    field: STATE
    values: []`));
    expect(body.message).toContain('charts[0].data: Invalid Chart: Column `x` must have a `labelKey`.');
    expect(body.message).toContain('charts[0].data.where[0]: `yesterday` is not a valid date');
    expect(body.message).toContain('charts[0].data.where[1].values: must not be empty');
  });

  test('an invalid update leaves the stored dashboard as it was', async () => {
    const c = await testRuntime();
    const r = await c.json('POST', '/api/v1/dashboards', { body: 'title: Good\n', type: YAML });
    const bad = await c.json('PUT', `/api/v1/dashboards/${r.body.id}`, { body: 'title: [', type: YAML });
    expect(bad.status).toBe(422);
    expect((await c.json('GET', `/api/v1/dashboards/${r.body.id}`)).body.sourceCode).toBe('title: Good\n');
  });
});

describe('validate endpoints report violations instead of failing', () => {
  for (const prefix of ['/api/v1', '/api/v1/main', '/api/v1/t2']) {
    test(`POST ${prefix}/dashboards/validate`, async () => {
      const c = await testRuntime();
      const ok = await c.json('POST', `${prefix}/dashboards/validate`, { body: 'title: fine\n', type: YAML });
      expect(ok).toMatchObject({ status: 200, body: { index: 0 } });
      expect(ok.body.constraints).toBeUndefined();
      const bad = await c.json('POST', `${prefix}/dashboards/validate`, { body: chart(`${EXECUTIONS}\ncolumns:\n  x:\n    field: NOPE`), type: YAML });
      expect(bad.status).toBe(200);
      expect(bad.body.constraints).toContain('from String "NOPE"');
      expect((await c.json('GET', `${prefix}/dashboards`)).body.total).toBe(0);
    });
  }

  test('POST /dashboards/validate/chart', async () => {
    const c = await testRuntime();
    const good = `id: c\ntype: io.kestra.plugin.core.dashboard.chart.Markdown\ncontent: "# hi"\n`;
    expect((await c.json('POST', '/api/v1/dashboards/validate/chart', { body: good, type: YAML })).body).toEqual({ index: 0 });
    const unknown = await c.json('POST', '/api/v1/dashboards/validate/chart', { body: 'id: c\ntype: io.kestra.Nope\n', type: YAML });
    expect(unknown.body).toEqual({ index: 0, constraints: 'Invalid type: io.kestra.Nope' });
    const badId = await c.json('POST', '/api/v1/main/dashboards/validate/chart', { body: 'id: "-x"\ntype: io.kestra.plugin.core.dashboard.chart.Markdown\n', type: YAML });
    expect(badId.body.constraints).toBe('id: must match "^[a-zA-Z0-9][a-zA-Z0-9_-]*"');
  });
});
