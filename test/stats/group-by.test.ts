import { describe, expect, test } from 'bun:test';
import { DAY, HOUR, NOW, execution, harness } from './harness.ts';

const JAN30 = Date.UTC(2025, 0, 30);

function seeded() {
  const h = harness();
  h.save(
    execution('h1', { state: 'SUCCESS', start: JAN30 + HOUR, end: JAN30 + HOUR + 1000 }),
    execution('h2', { state: 'FAILED', start: JAN30 + 2 * HOUR, end: JAN30 + 2 * HOUR + 3000 }),
    execution('h3', { state: 'SUCCESS', start: JAN30 - 3 * HOUR, end: JAN30 + 5 * HOUR }), // ends last, started first
    execution('h4', { state: 'RUNNING', start: NOW - HOUR }),
    execution('old', { state: 'SUCCESS', start: Date.UTC(2024, 10, 1), end: Date.UTC(2024, 10, 1) + 10 }),
    execution('w1', { state: 'WARNING', start: JAN30 - DAY, end: JAN30 - DAY + 100 }, { flowId: 'world' }),
    execution('s1', { state: 'SUCCESS', start: JAN30, end: JAN30 + 200 }, { namespace: 'company.team.sub', flowId: 'hello' }),
    execution('x1', { state: 'KILLED', start: JAN30, end: JAN30 + 1 }, { namespace: 'acme', flowId: 'etl' }),
    execution('paused', { state: 'PAUSED', start: Date.UTC(2024, 10, 2), end: Date.UTC(2024, 10, 2) + 50 }, { namespace: 'acme', flowId: 'etl' }),
    execution('b1', { state: 'SUCCESS', start: JAN30, end: JAN30 + 1 }, { tenant: 'blue' }),
  );
  return h;
}

const counts = (list: any[]) => list.reduce((n: number, b: any) => n + b.duration.count, 0);

describe('POST /stats/executions/daily/group-by-flow', () => {
  test('groups daily statistics by namespace and flow, every bucket filled', async () => {
    const r = await seeded().post('/stats/executions/daily/group-by-flow', {});
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['acme', 'company.team', 'company.team.sub']);
    expect(Object.keys(r.body['company.team']).sort()).toEqual(['hello', 'world']);
    const hello = r.body['company.team'].hello;
    expect(hello).toHaveLength(31);
    expect(counts(hello)).toBe(4);
    expect(hello[29]).toMatchObject({
      startDate: '2025-01-30T00:00:00Z', groupBy: 'day',
      duration: { min: 'PT1S', max: 'PT3S', sum: 'PT4S', avg: 'PT2S', count: 2 },
      executionCounts: { SUCCESS: 1, FAILED: 1 },
    });
    expect(hello[28].executionCounts.SUCCESS).toBe(1); // h3 counts on its start day
    expect(hello[0]).toMatchObject({ duration: { count: 0 } });
    expect(r.body.acme.etl.map((b: any) => b.duration.count).reduce((a: number, b: number) => a + b)).toBe(1); // paused one is outside
  });

  test('namespaceOnly merges flows under "*"', async () => {
    const r = await seeded().post('/stats/executions/daily/group-by-flow', { namespaceOnly: true });
    expect(Object.keys(r.body['company.team'])).toEqual(['*']);
    expect(counts(r.body['company.team']['*'])).toBe(5);
    expect(r.body['company.team']['*'][28].executionCounts).toMatchObject({ SUCCESS: 1, WARNING: 1 });
  });

  test('filters: namespace prefix, flowId, q, flows list (only when its first item is complete)', async () => {
    const { post } = seeded();
    expect(Object.keys((await post('/stats/executions/daily/group-by-flow', { namespace: 'company' })).body).sort()).toEqual(['company.team', 'company.team.sub']);
    expect((await post('/stats/executions/daily/group-by-flow', { flowId: 'hello' })).body).toContainAllKeys(['company.team', 'company.team.sub']);
    const q = await post('/stats/executions/daily/group-by-flow', { q: 'h2' });
    expect(Object.keys(q.body)).toEqual(['company.team']);
    expect(counts(q.body['company.team'].hello)).toBe(1);
    const listed = await post('/stats/executions/daily/group-by-flow', { flows: [{ namespace: 'acme', id: 'etl' }, { namespace: 'company.team', id: 'world' }] });
    expect(Object.keys(listed.body).sort()).toEqual(['acme', 'company.team']);
    expect(Object.keys(listed.body['company.team'])).toEqual(['world']);
    const ignored = await post('/stats/executions/daily/group-by-flow', { flows: [{ namespace: 'acme' }] });
    expect(Object.keys(ignored.body)).toHaveLength(3);
  });

  test('windows without executions give an empty object; bad dates are 422', async () => {
    const { post } = seeded();
    expect((await post('/stats/executions/daily/group-by-flow', { startDate: '2020-01-01T00:00:00Z', endDate: '2020-01-05T00:00:00Z' })).body).toEqual({});
    expect((await post('/stats/executions/daily/group-by-flow', { endDate: 'soon' })).status).toBe(422);
    expect((await post('/stats/executions/daily/group-by-flow', { namespaceOnly: 'yes' })).status).toBe(422);
    expect((await post('/stats/executions/daily/group-by-flow', { flows: 'acme' })).status).toBe(422);
  });
});

describe('POST /stats/executions/daily/group-by-namespace', () => {
  test('counts executions started in the window per namespace', async () => {
    const r = await seeded().post('/stats/executions/daily/group-by-namespace', {});
    expect(r.status).toBe(200);
    expect(r.body['company.team']).toEqual({
      counts: { CREATED: 0, RUNNING: 1, RESTARTED: 0, KILLING: 0, SUCCESS: 2, WARNING: 1, FAILED: 1, KILLED: 0, PAUSED: 0, QUEUED: 0, CANCELLED: 0 },
      total: 5,
    });
    expect(r.body.acme.total).toBe(1);
    expect(r.body['company.team.sub'].total).toBe(1);
  });

  test('namespace is an exact match; dates narrow the window', async () => {
    const { post } = seeded();
    expect(Object.keys((await post('/stats/executions/daily/group-by-namespace', { namespace: 'company.team' })).body)).toEqual(['company.team']);
    expect((await post('/stats/executions/daily/group-by-namespace', { namespace: 'company' })).body).toEqual({});
    const november = await post('/stats/executions/daily/group-by-namespace', { startDate: '2024-11-01T00:00:00Z', endDate: '2024-11-30T00:00:00Z' });
    expect(november.body['company.team'].total).toBe(1);
    expect(november.body.acme.counts.PAUSED).toBe(1);
    expect((await post('/stats/executions/daily/group-by-namespace', {}, 'blue')).body['company.team'].total).toBe(1);
    expect((await post('/stats/executions/daily/group-by-namespace', { startDate: '2025-01-02T00:00:00Z', endDate: '2025-01-01T00:00:00Z' })).status).toBe(422);
  });
});

describe('POST /stats/executions/latest/group-by-flow', () => {
  test('returns the ended execution with the highest end date of each listed flow', async () => {
    const r = await seeded().post('/stats/executions/latest/group-by-flow', {
      flows: [{ namespace: 'company.team', id: 'hello' }, { namespace: 'nowhere', id: 'x' }, { namespace: 'acme', id: 'etl' }],
    });
    expect(r.status).toBe(200);
    expect(r.body.map((e: any) => e.id)).toEqual(['h3', 'x1']);
    expect(r.body[0]).toMatchObject({ namespace: 'company.team', flowId: 'hello', state: { current: 'SUCCESS', endDate: '2025-01-30T05:00:00.000Z' } });
  });

  test('empty or malformed lists answer an empty array', async () => {
    const { post } = seeded();
    expect((await post('/stats/executions/latest/group-by-flow', {})).body).toEqual([]);
    expect((await post('/stats/executions/latest/group-by-flow', { flows: [] })).body).toEqual([]);
    expect((await post('/stats/executions/latest/group-by-flow', { flows: 'x' })).body).toEqual([]);
    expect((await post('/stats/executions/latest/group-by-flow', { flows: [{ id: 'hello' }, 3] })).body).toEqual([]);
    expect((await post('/stats/executions/latest/group-by-flow', { flows: [{ namespace: 'company.team', id: 'hello' }] }, 'blue')).body.map((e: any) => e.id)).toEqual(['b1']);
  });
});
