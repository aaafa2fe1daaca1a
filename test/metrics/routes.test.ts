import { describe, expect, test } from 'bun:test';
import { HOUR, harness, metric } from '../stats/harness.ts';

const JAN30 = Date.UTC(2025, 0, 30);

function seeded() {
  const h = harness();
  h.metrics.insert([
    metric('length', 5, JAN30 + 1000),
    metric('duration', 120, JAN30 + 2000, { type: 'timer', tags: { kind: 'fast' } }),
    metric('length', 7, JAN30 + 3000, { taskId: 't2', taskRunId: 'tr2' }),
    metric('length', 1, JAN30 - 2 * HOUR, { executionId: 'e2', taskRunId: 'tr3' }),
    metric('rows', 10, JAN30 + HOUR, { executionId: 'e2', taskId: 'old-task', taskRunId: 'tr4' }),
    metric('length', 100, Date.UTC(2024, 5, 1), { executionId: 'e0' }),
    metric('length', 3, JAN30, { tenant: 'blue' }),
    metric('other', 1, JAN30, { namespace: 'acme', flowId: 'etl', taskId: 'x', executionId: 'e9' }),
  ]);
  return h;
}

describe('GET /metrics/{executionId}', () => {
  test('pages the metrics of one execution as MetricEntry JSON', async () => {
    const r = await seeded().get('/metrics/e1');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(3);
    expect(r.body.results[1]).toEqual({
      namespace: 'company.team', flowId: 'hello', taskId: 't1', executionId: 'e1', taskRunId: 'tr1', type: 'timer',
      name: 'duration', value: 120, timestamp: '2025-01-30T00:00:02.000Z', tags: { kind: 'fast' }, deleted: false,
    });
  });

  test('paging, sorting and task filters (taskId wins over taskRunId)', async () => {
    const { get } = seeded();
    const names = (b: any) => b.results.map((m: any) => `${m.name}:${m.value}`);
    expect((await get('/metrics/e1?size=1&page=3')).body).toMatchObject({ total: 3, results: [{ value: 7 }] });
    expect((await get('/metrics/e1?page=9')).body).toEqual({ results: [], total: 3 });
    expect(names((await get('/metrics/e1?sort=value:desc')).body)).toEqual(['duration:120', 'length:7', 'length:5']);
    expect(names((await get('/metrics/e1?sort=name:asc&sort=value:desc')).body)).toEqual(['duration:120', 'length:7', 'length:5']);
    expect(names((await get('/metrics/e1?sort=taskrunId:desc')).body)).toEqual(['length:7', 'length:5', 'duration:120']);
    expect((await get('/metrics/e1?taskId=t2')).body.total).toBe(1);
    expect((await get('/metrics/e1?taskRunId=tr1')).body.total).toBe(2);
    expect((await get('/metrics/e1?taskId=t2&taskRunId=tr1')).body.total).toBe(1);
  });

  test('unknown executions are empty; bad paging or sort is a 422', async () => {
    const { get } = seeded();
    expect((await get('/metrics/nope')).body).toEqual({ results: [], total: 0 });
    expect((await get('/metrics/e1', 'blue')).body.total).toBe(1);
    expect((await get('/metrics/e1?page=0')).status).toBe(422);
    expect((await get('/metrics/e1?size=0')).status).toBe(422);
    expect((await get('/metrics/e1?sort=value')).status).toBe(422);
    expect((await get('/metrics/e1?sort=tags:asc')).status).toBe(422);
  });
});

describe('GET /metrics/names and /metrics/tasks', () => {
  test('distinct metric names of a flow or a task, and task ids having metrics', async () => {
    const { get } = seeded();
    expect((await get('/metrics/names/company.team/hello')).body).toEqual(['duration', 'length', 'rows']);
    expect((await get('/metrics/names/company.team/hello/t1')).body).toEqual(['duration', 'length']);
    expect((await get('/metrics/names/company.team/hello/unknown')).body).toEqual([]);
    expect((await get('/metrics/tasks/company.team/hello')).body).toEqual(['old-task', 't1', 't2']);
    expect((await get('/metrics/tasks/company/hello')).body).toEqual([]); // exact namespace
    expect((await get('/metrics/names/company.team/hello', 'blue')).body).toEqual(['length']);
  });
});

describe('GET /metrics/aggregates', () => {
  test('sums by default over daily buckets of the last 30 days', async () => {
    const r = await seeded().get('/metrics/aggregates/company.team/hello/length');
    expect(r.status).toBe(200);
    expect(r.body.groupBy).toBe('day');
    expect(r.body.aggregations).toHaveLength(31);
    expect(r.body.aggregations[0]).toEqual({ value: 0, date: '2025-01-01T00:00:00Z' });
    expect(r.body.aggregations[28]).toEqual({ name: 'length', value: 1, date: '2025-01-29T00:00:00Z' });
    expect(r.body.aggregations[29]).toEqual({ name: 'length', value: 12, date: '2025-01-30T00:00:00Z' });
  });

  test('avg, min, max, count and the task variant', async () => {
    const { get } = seeded();
    const day = async (path: string) => (await get(path)).body.aggregations[29].value;
    expect(await day('/metrics/aggregates/company.team/hello/length?aggregation=avg')).toBe(6);
    expect(await day('/metrics/aggregates/company.team/hello/length?aggregation=min')).toBe(5);
    expect(await day('/metrics/aggregates/company.team/hello/length?aggregation=max')).toBe(7);
    expect(await day('/metrics/aggregates/company.team/hello/length?aggregation=count')).toBe(2);
    expect(await day('/metrics/aggregates/company.team/hello/t2/length')).toBe(7);
    expect(await day('/metrics/aggregates/company.team/hello/t1/length?aggregation=max')).toBe(5);
    expect((await get('/metrics/aggregates/company.team/hello/unknown')).body.aggregations.every((a: any) => a.value === 0 && !('name' in a))).toBe(true);
  });

  test('explicit windows pick the bucket size', async () => {
    const { get } = seeded();
    const hours = await get('/metrics/aggregates/company.team/hello/length?startDate=2025-01-29T20:00:00Z&endDate=2025-01-30T08:00:00Z');
    expect(hours.body.groupBy).toBe('hour');
    expect(hours.body.aggregations).toHaveLength(13);
    expect(hours.body.aggregations[2]).toEqual({ name: 'length', value: 1, date: '2025-01-29T22:00:00Z' });
    expect(hours.body.aggregations[4]).toEqual({ name: 'length', value: 12, date: '2025-01-30T00:00:00Z' });
    const months = await get('/metrics/aggregates/company.team/hello/length?startDate=2024-01-01T00:00:00%2B00:00&endDate=2025-01-31T00:00:00Z');
    expect(months.body.groupBy).toBe('month');
    expect(months.body.aggregations[5]).toEqual({ name: 'length', value: 100, date: '2024-06-01T00:00:00Z' });
  });

  test('bad aggregation names and dates are 422', async () => {
    const { get } = seeded();
    const bad = await get('/metrics/aggregates/company.team/hello/length?aggregation=median');
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe('Illegal argument: Invalid aggregation: median');
    expect((await get('/metrics/aggregates/company.team/hello/length?aggregation=SUM')).status).toBe(422);
    expect((await get('/metrics/aggregates/company.team/hello/length?startDate=nope')).status).toBe(422);
    const order = await get('/metrics/aggregates/company.team/hello/t1/length?startDate=2025-01-30T00:00:00Z&endDate=2025-01-29T00:00:00Z');
    expect(order.status).toBe(422);
    expect(order.body.message).toBe('Illegal argument: Start date must be before End Date');
  });
});
