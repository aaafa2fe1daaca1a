import { describe, expect, test } from 'bun:test';
import { DAY, HOUR, NOW, execution, harness } from './harness.ts';

const JAN30 = Date.UTC(2025, 0, 30);
const ELEVEN_KEYS = ['CREATED', 'RUNNING', 'RESTARTED', 'KILLING', 'SUCCESS', 'WARNING', 'FAILED', 'KILLED', 'PAUSED', 'QUEUED', 'CANCELLED'];

function seeded() {
  const h = harness();
  h.save(
    execution('e1', { state: 'SUCCESS', start: JAN30 + 10 * HOUR, end: JAN30 + 10 * HOUR + 2000 }),
    execution('e2', { state: 'FAILED', start: JAN30 + 11 * HOUR, end: JAN30 + 11 * HOUR + 500 }),
    execution('e3', { state: 'RUNNING', start: NOW - HOUR }),
    execution('e4', { state: 'SUCCESS', start: Date.UTC(2024, 11, 1), end: Date.UTC(2024, 11, 1) + 1000 }),
    execution('e5', { state: 'SUCCESS', start: JAN30 + 12 * HOUR, end: JAN30 + 12 * HOUR + 1000 }, { namespace: 'company.team.sub', flowId: 'other' }),
    execution('e6', { state: 'RETRYING', start: JAN30 - DAY }, { namespace: 'system', flowId: 'purge' }),
    execution('e7', { state: 'SUCCESS', start: JAN30 + HOUR, end: JAN30 + HOUR + 1 }, { tenant: 'blue' }),
  );
  return h;
}

const bucketAt = (list: any[], iso: string) => list.find((b) => b.startDate === iso);

describe('POST /stats/executions/daily', () => {
  test('defaults to the last 30 days in ascending daily buckets, all present', async () => {
    const { post } = seeded();
    const r = await post('/stats/executions/daily', {});
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(31);
    expect(r.body[0].startDate).toBe('2025-01-01T00:00:00Z');
    expect(r.body[30].startDate).toBe('2025-01-31T00:00:00Z');
    expect(r.body.every((b: any) => b.groupBy === 'day')).toBe(true);
    expect(r.body[29]).toEqual({
      startDate: '2025-01-30T00:00:00Z',
      duration: { min: 'PT0.5S', avg: 'PT1.167S', max: 'PT2S', sum: 'PT3.5S', count: 3 },
      executionCounts: { CREATED: 0, RUNNING: 0, RESTARTED: 0, KILLING: 0, SUCCESS: 2, WARNING: 0, FAILED: 1, KILLED: 0, PAUSED: 0, QUEUED: 0, CANCELLED: 0 },
      groupBy: 'day',
    });
    // a running execution counts with its duration so far
    expect(r.body[30].duration).toEqual({ min: 'PT1H', avg: 'PT1H', max: 'PT1H', sum: 'PT1H', count: 1 });
    expect(r.body[30].executionCounts.RUNNING).toBe(1);
  });

  test('empty buckets carry only a zero count and the eleven default states', async () => {
    const { post } = seeded();
    const r = await post('/stats/executions/daily', {});
    expect(r.body[0].duration).toEqual({ count: 0 });
    expect(Object.keys(r.body[0].executionCounts)).toEqual(ELEVEN_KEYS);
    // RETRYING only shows where it occurred
    expect(r.body[28].executionCounts.RETRYING).toBe(1);
    expect(Object.keys(r.body[28].executionCounts)).toEqual([...ELEVEN_KEYS, 'RETRYING']);
  });

  test('an empty database still lists every bucket', async () => {
    const r = await harness().post('/stats/executions/daily', {});
    expect(r.body).toHaveLength(31);
    expect(r.body.every((b: any) => b.duration.count === 0)).toBe(true);
  });

  test('an absent body is an empty request', async () => {
    const r = await seeded().post('/stats/executions/daily');
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(31);
  });

  const total = (list: any[]) => list.reduce((n, b) => n + b.duration.count, 0);

  test('filters: namespace prefix, flowId, q, state, scope', async () => {
    const { post } = seeded();
    expect(total((await post('/stats/executions/daily', {})).body)).toBe(5);
    expect(total((await post('/stats/executions/daily', { namespace: 'company.team' })).body)).toBe(4);
    expect(total((await post('/stats/executions/daily', { namespace: 'company.team.sub' })).body)).toBe(1);
    expect(total((await post('/stats/executions/daily', { namespace: 'company.te' })).body)).toBe(0);
    expect(total((await post('/stats/executions/daily', { flowId: 'other' })).body)).toBe(1);
    expect(total((await post('/stats/executions/daily', { q: 'SUB other' })).body)).toBe(1);
    expect(total((await post('/stats/executions/daily', { q: '*' })).body)).toBe(5);
    expect(total((await post('/stats/executions/daily', { state: ['FAILED', 'RUNNING'] })).body)).toBe(2);
    expect(total((await post('/stats/executions/daily', { scope: ['USER'] })).body)).toBe(4);
    expect(total((await post('/stats/executions/daily', { scope: ['SYSTEM'] })).body)).toBe(1);
    expect(total((await post('/stats/executions/daily', { scope: ['USER', 'SYSTEM'] })).body)).toBe(5);
  });

  test('tenants are isolated', async () => {
    const { post } = seeded();
    const r = await post('/stats/executions/daily', {}, 'blue');
    expect(total(r.body)).toBe(1);
    expect(r.body[29].executionCounts.SUCCESS).toBe(1);
  });

  test('a window of hours groups by hour, a short one by minute', async () => {
    const { post } = seeded();
    const hours = await post('/stats/executions/daily', { startDate: '2025-01-30T00:00:00Z', endDate: '2025-01-30T12:00:00Z' });
    expect(hours.body).toHaveLength(13);
    expect(hours.body[0]).toMatchObject({ startDate: '2025-01-30T00:00:00Z', groupBy: 'hour' });
    expect(hours.body[10].executionCounts.SUCCESS).toBe(1);
    expect(hours.body[11].executionCounts.FAILED).toBe(1);
    expect(hours.body[12].executionCounts.SUCCESS).toBe(1); // the end date is inclusive
    const minutes = await post('/stats/executions/daily', { startDate: '2025-01-30T10:59:30.000+00:00', endDate: '2025-01-30T11:03:00Z' });
    expect(minutes.body.map((b: any) => b.startDate)).toEqual(['10:59', '11:00', '11:01', '11:02', '11:03'].map((t) => `2025-01-30T${t}:00Z`));
    expect(minutes.body[1]).toMatchObject({ groupBy: 'minute', duration: { count: 1 } });
  });

  test('long windows group by week (Mondays) and by month', async () => {
    const { post } = seeded();
    const weeks = await post('/stats/executions/daily', { startDate: '2024-07-01T00:00:00Z', endDate: '2025-01-31T00:00:00Z' });
    expect(weeks.body[0]).toMatchObject({ startDate: '2024-07-01T00:00:00Z', groupBy: 'week' });
    expect(weeks.body).toHaveLength(31);
    expect(total(weeks.body)).toBe(5); // e3 started after the end date
    const months = await post('/stats/executions/daily', { startDate: '2023-12-15T00:00:00+01:00', endDate: '2025-01-31T12:00:00Z' });
    expect(months.body[0]).toMatchObject({ startDate: '2023-12-01T00:00:00Z', groupBy: 'month' });
    expect(months.body.at(-1).startDate).toBe('2025-01-01T00:00:00Z');
    expect(months.body).toHaveLength(14);
    expect(months.body[12].executionCounts.SUCCESS).toBe(1); // e4, December 2024
  });

  test('buckets follow the configured zone across a DST change', async () => {
    const h = harness({ timeZone: 'Europe/Paris' });
    h.save(
      execution('late', { state: 'SUCCESS', start: Date.UTC(2025, 2, 30, 21, 30), end: Date.UTC(2025, 2, 30, 21, 31) }),
      execution('after', { state: 'SUCCESS', start: Date.UTC(2025, 2, 30, 22, 30), end: Date.UTC(2025, 2, 30, 22, 31) }),
    );
    const r = await h.post('/stats/executions/daily', { startDate: '2025-03-29T00:00:00+01:00', endDate: '2025-04-01T00:00:00+02:00' });
    expect(r.body.map((b: any) => b.startDate)).toEqual(['2025-03-28T23:00:00Z', '2025-03-29T23:00:00Z', '2025-03-30T22:00:00Z', '2025-03-31T22:00:00Z']);
    expect(r.body.map((b: any) => b.duration.count)).toEqual([0, 1, 1, 0]);
  });

  test('bad input is a 422', async () => {
    const { post } = seeded();
    const bad = await post('/stats/executions/daily', { startDate: 'yesterday' });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe('Invalid json mapping');
    expect(bad.body._embedded.errors[0].path).toBe('startDate');
    expect((await post('/stats/executions/daily', { endDate: '2025-01-30T10:00:00' })).status).toBe(422); // no offset
    const order = await post('/stats/executions/daily', { startDate: '2025-01-30T00:00:00Z', endDate: '2025-01-29T00:00:00Z' });
    expect(order.status).toBe(422);
    expect(order.body.message).toBe('Illegal argument: Start date must be before End Date');
    // the default end (now) is before this start
    expect((await post('/stats/executions/daily', { startDate: '2025-02-01T00:00:00Z' })).status).toBe(422);
    expect((await post('/stats/executions/daily', { state: ['DONE'] })).body._embedded.errors[0].path).toBe('state[0]');
    expect((await post('/stats/executions/daily', { state: 'SUCCESS' })).status).toBe(422);
    expect((await post('/stats/executions/daily', { scope: ['ALL'] })).status).toBe(422);
    expect((await post('/stats/executions/daily', { namespace: 12 })).status).toBe(422);
    expect((await post('/stats/executions/daily', [1])).status).toBe(422);
    const malformed = await post('/stats/executions/daily', '{"q":');
    expect(malformed.status).toBe(422);
    expect(malformed.body.message).toStartWith('Invalid json');
  });

  test('epoch-second dates are accepted', async () => {
    const r = await seeded().post('/stats/executions/daily', { startDate: JAN30 / 1000, endDate: (JAN30 + 12 * HOUR) / 1000 });
    expect(r.body[0]).toMatchObject({ startDate: '2025-01-30T00:00:00Z', groupBy: 'hour' });
  });
});
