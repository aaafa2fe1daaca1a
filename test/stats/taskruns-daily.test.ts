import { describe, expect, test } from 'bun:test';
import { HOUR, NOW, execution, harness, taskRun } from './harness.ts';

const JAN30 = Date.UTC(2025, 0, 30);

function seeded() {
  const h = harness();
  h.save(
    execution('e1', { state: 'FAILED', start: JAN30, end: JAN30 + 10_000 }, {
      taskRunList: [
        taskRun('e1', 'tr1', 'first', { state: 'SUCCESS', start: JAN30 + 100, end: JAN30 + 1100 }),
        taskRun('e1', 'tr2', 'second', { state: 'FAILED', start: JAN30 + 2000, end: JAN30 + 5000 }),
      ],
    }),
    execution('e2', { state: 'RUNNING', start: NOW - HOUR }, {
      namespace: 'acme', flowId: 'etl', taskRunList: [taskRun('e2', 'tr3', 'extract', { state: 'RUNNING', start: NOW - HOUR })],
    }),
  );
  return h;
}

const sumCounts = (list: any[], state: string) => list.reduce((n: number, b: any) => n + (b.executionCounts[state] ?? 0), 0);

describe('POST /stats/taskruns/daily', () => {
  test('counts task runs per task-run state with their durations', async () => {
    const r = await seeded().post('/stats/taskruns/daily', {});
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(31);
    expect(r.body[29]).toEqual({
      startDate: '2025-01-30T00:00:00Z',
      duration: { min: 'PT1S', avg: 'PT2S', max: 'PT3S', sum: 'PT4S', count: 2 },
      executionCounts: { CREATED: 0, RUNNING: 0, RESTARTED: 0, KILLING: 0, SUCCESS: 1, WARNING: 0, FAILED: 1, KILLED: 0, PAUSED: 0, QUEUED: 0, CANCELLED: 0 },
      groupBy: 'day',
    });
    expect(r.body[30]).toMatchObject({ duration: { count: 1, max: 'PT1H' }, executionCounts: { RUNNING: 1 } });
  });

  test('filters on task-run state, namespace, flow and q', async () => {
    const { post } = seeded();
    expect(sumCounts((await post('/stats/taskruns/daily', { state: ['FAILED'] })).body, 'FAILED')).toBe(1);
    expect(sumCounts((await post('/stats/taskruns/daily', { state: ['FAILED'] })).body, 'SUCCESS')).toBe(0);
    expect(sumCounts((await post('/stats/taskruns/daily', { namespace: 'acme' })).body, 'RUNNING')).toBe(1);
    expect(sumCounts((await post('/stats/taskruns/daily', { flowId: 'hello' })).body, 'RUNNING')).toBe(0);
    expect(sumCounts((await post('/stats/taskruns/daily', { q: 'second' })).body, 'FAILED')).toBe(1);
    expect(sumCounts((await post('/stats/taskruns/daily', { q: 'second' })).body, 'SUCCESS')).toBe(0);
  });

  test('follows execution updates and deletes', async () => {
    const h = seeded();
    const e2 = h.executions.get('main', 'e2')!;
    h.save({ ...e2, taskRunList: [taskRun('e2', 'tr3', 'extract', { state: 'SUCCESS', start: NOW - HOUR, end: NOW - 1000 }, { namespace: 'acme', flowId: 'etl' })] });
    const updated = (await h.post('/stats/taskruns/daily', {})).body;
    expect([sumCounts(updated, 'RUNNING'), sumCounts(updated, 'SUCCESS')]).toEqual([0, 2]);
    h.executions.delete('main', 'e1');
    const deleted = (await h.post('/stats/taskruns/daily', {})).body;
    expect([sumCounts(deleted, 'FAILED'), sumCounts(deleted, 'SUCCESS')]).toEqual([0, 1]);
  });

  test('bad input is a 422', async () => {
    const { post } = seeded();
    expect((await post('/stats/taskruns/daily', { state: ['NOPE'] })).status).toBe(422);
    expect((await post('/stats/taskruns/daily', { startDate: '2025-01-31T00:00:00Z', endDate: '2025-01-30T00:00:00Z' })).body.message)
      .toBe('Illegal argument: Start date must be before End Date');
  });
});
