import { describe, expect, test } from 'bun:test';
import { HOUR, NOW, execution, harness, taskRun } from './harness.ts';

const JAN30 = Date.UTC(2025, 0, 30);

function seeded() {
  const h = harness();
  h.save(
    execution('e1', { state: 'FAILED', start: JAN30, end: JAN30 + 10_000 }, {
      labels: [{ key: 'team', value: 'data' }],
      taskRunList: [
        taskRun('e1', 'tr1', 'first', { state: 'SUCCESS', start: JAN30 + 100, end: JAN30 + 1100 }, { outputs: { value: 42 } }),
        taskRun('e1', 'tr2', 'second', { state: 'FAILED', start: JAN30 + 2000, end: JAN30 + 5000 }),
      ],
    }),
    execution('e2', { state: 'RUNNING', start: NOW - HOUR }, {
      namespace: 'acme.etl', flowId: 'load',
      trigger: { id: 'subflow', type: 'io.kestra.plugin.core.flow.Subflow', variables: { executionId: 'e1' } },
      taskRunList: [taskRun('e2', 'tr3', 'extract', { state: 'RUNNING', start: NOW - HOUR })],
    }),
    execution('e3', { state: 'SUCCESS', start: JAN30 - HOUR, end: JAN30 }, { tenant: 'blue', taskRunList: [taskRun('e3', 'tr9', 'blue', { state: 'SUCCESS', start: JAN30 - HOUR, end: JAN30 })] }),
  );
  return h;
}

const ids = (body: any) => body.results.map((t: any) => t.id);

describe('GET /taskruns/search', () => {
  test('pages task runs of every execution, newest first, as Kestra TaskRun JSON', async () => {
    const r = await seeded().get('/taskruns/search');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(3);
    expect(ids(r.body)).toEqual(['tr3', 'tr2', 'tr1']);
    expect(r.body.results[2]).toEqual({
      id: 'tr1', executionId: 'e1', namespace: 'company.team', flowId: 'hello', taskId: 'first', outputs: { value: 42 },
      state: {
        current: 'SUCCESS', duration: 'PT1S', startDate: '2025-01-30T00:00:00.100Z', endDate: '2025-01-30T00:00:01.100Z',
        histories: [{ state: 'CREATED', date: '2025-01-30T00:00:00.100Z' }, { state: 'SUCCESS', date: '2025-01-30T00:00:01.100Z' }],
      },
    });
    expect(r.body.results[1].outputs).toBeNull();
  });

  test('paging and sorting', async () => {
    const { get } = seeded();
    expect((await get('/taskruns/search?size=2&page=2')).body).toMatchObject({ total: 3, results: [{ id: 'tr1' }] });
    expect((await get('/taskruns/search?page=5')).body).toEqual({ results: [], total: 3 });
    expect(ids((await get('/taskruns/search?sort=taskId:asc')).body)).toEqual(['tr3', 'tr1', 'tr2']);
    expect(ids((await get('/taskruns/search?sort=state.duration:desc')).body)).toEqual(['tr3', 'tr2', 'tr1']);
    expect(ids((await get('/taskruns/search?sort=namespace:asc&sort=state.startDate:asc')).body)).toEqual(['tr3', 'tr1', 'tr2']);
  });

  test('filters: state (of the task run), namespace prefix, flowId, q, dates, labels, child filters', async () => {
    const { get } = seeded();
    expect(ids((await get('/taskruns/search?state=FAILED,RUNNING')).body)).toEqual(['tr3', 'tr2']);
    expect(ids((await get('/taskruns/search?filters[state][IN]=SUCCESS')).body)).toEqual(['tr1']);
    expect(ids((await get('/taskruns/search?namespace=acme')).body)).toEqual(['tr3']);
    expect(ids((await get('/taskruns/search?namespace=company.team&flowId=hello')).body)).toEqual(['tr2', 'tr1']);
    expect(ids((await get('/taskruns/search?q=second')).body)).toEqual(['tr2']);
    expect(ids((await get('/taskruns/search?startDate=2025-01-30T00:00:01Z')).body)).toEqual(['tr3', 'tr2']);
    expect(ids((await get('/taskruns/search?endDate=2025-01-30T00:00:02Z')).body)).toEqual(['tr1']);
    expect(ids((await get('/taskruns/search?labels=team:data')).body)).toEqual(['tr2', 'tr1']);
    expect(ids((await get('/taskruns/search?triggerExecutionId=e1')).body)).toEqual(['tr3']);
    expect(ids((await get('/taskruns/search?childFilter=MAIN')).body)).toEqual(['tr2', 'tr1']);
    expect(ids((await get('/taskruns/search', 'blue')).body)).toEqual(['tr9']);
  });

  test('follows execution saves and deletes', async () => {
    const h = seeded();
    const e2 = h.executions.get('main', 'e2')!;
    h.save({ ...e2, taskRunList: [...e2.taskRunList, taskRun('e2', 'tr4', 'load', { state: 'CREATED', start: NOW }, { namespace: 'acme.etl', flowId: 'load' })] });
    expect(ids((await h.get('/taskruns/search')).body)).toEqual(['tr4', 'tr3', 'tr2', 'tr1']);
    h.executions.delete('main', 'e1');
    expect((await h.get('/taskruns/search')).body.total).toBe(2);
  });

  test('bad input is a 422', async () => {
    const { get } = seeded();
    expect((await get('/taskruns/search?page=0')).status).toBe(422);
    expect((await get('/taskruns/search?size=-1')).status).toBe(422);
    expect((await get('/taskruns/search?sort=taskId')).body.message).toBe('Unprocessable Entity: Invalid sort parameter');
    expect((await get('/taskruns/search?sort=bogus:asc')).status).toBe(422);
    expect((await get('/taskruns/search?state=DONE')).status).toBe(422);
    expect((await get('/taskruns/search?startDate=yesterday')).status).toBe(422);
    expect((await get('/taskruns/search?startDate=2025-01-31T00:00:00Z&endDate=2025-01-30T00:00:00Z')).body.message)
      .toBe('Illegal argument: Start date must be before End Date');
  });
});
