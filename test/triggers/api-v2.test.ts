import { describe, expect, test } from 'bun:test';
import { fakeClock, type FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime, YAML } from '../helpers/runtime.ts';

const tick = async (n = 3) => { for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r)); };
const flow = (id: string, cron = '0 * * * *', ns = 't') => `id: ${id}\nnamespace: ${ns}\ntriggers:\n  - id: every\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "${cron}"\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n`;
const start = () => testRuntime({ clock: fakeClock(Date.UTC(2025, 1, 1, 0, 30)) });
const ctxOf = async (c: Awaited<ReturnType<typeof start>>, prefix: string, id = 'sched') => (await c.json('GET', `${prefix}/triggers/t/${id}`)).body.results[0];

describe('trigger routes of Kestra 1.x/2.0', () => {
  for (const prefix of ['/api/v1', '/api/v1/main']) {
    test(`PUT set-disabled disables and re-enables, answering the 2.0 trigger state (${prefix})`, async () => {
      const c = await start();
      await c.json('POST', `${prefix}/flows`, { body: flow('sched'), type: YAML });
      const ref = { namespace: 't', flowId: 'sched', triggerId: 'every' };
      const off = await c.json('PUT', `${prefix}/triggers/set-disabled`, { body: { ...ref, disabled: true } });
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({ ...ref, disabled: true, locked: false, kind: 'SCHEDULE', updatedAt: '2025-02-01T00:30:00.000Z' });
      expect(off.body.nextEvaluationDate).toBeUndefined();
      expect((await ctxOf(c, prefix)).disabled).toBe(true);
      const on = await c.json('PUT', `${prefix}/triggers/set-disabled`, { body: { ...ref, disabled: false } });
      expect(on.body).toMatchObject({ disabled: false, nextEvaluationDate: '2025-02-01T01:00:00Z' });
    });

    test(`PUT backfill/create starts a backfill that runs executions (${prefix})`, async () => {
      const c = await start();
      await c.json('POST', `${prefix}/flows`, { body: flow('sched', '0 0 * * *'), type: YAML });
      const res = await c.json('PUT', `${prefix}/triggers/backfill/create`, {
        body: { namespace: 't', flowId: 'sched', triggerId: 'every', backfill: { start: '2025-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z', labels: [{ key: 'k', value: 'v' }] } },
      });
      expect(res.status).toBe(200);
      expect(res.body.backfill).toMatchObject({ start: '2025-01-01T00:00:00Z', paused: false, labels: [{ key: 'k', value: 'v' }] });
      await tick(10);
      const execs = (await c.json('GET', `${prefix}/executions/search?namespace=t&flowId=sched`)).body;
      expect(execs.total).toBe(1);
      // the backfill's labels, and no system label: Kestra defines no `system.backfill`
      expect(execs.results[0].labels).toEqual([{ key: 'k', value: 'v' }]);
    });

    test(`DELETE /triggers/{ns}/{flow}/{trigger} resets the state from the flow (${prefix})`, async () => {
      const c = await start();
      await c.json('POST', `${prefix}/flows`, { body: flow('sched'), type: YAML });
      await c.json('PUT', `${prefix}/triggers/set-disabled`, { body: { namespace: 't', flowId: 'sched', triggerId: 'every', disabled: true } });
      const del = await c.call('DELETE', `${prefix}/triggers/t/sched/every`);
      expect(del.status).toBe(204);
      const fresh = await ctxOf(c, prefix);
      expect(fresh).toMatchObject({ disabled: false, nextExecutionDate: '2025-02-01T01:00:00Z' });
      expect((await c.json('DELETE', `${prefix}/triggers/t/sched/nope`)).status).toBe(404);
    });
  }

  test('delete by-triggers and by-query answer the async operation shape', async () => {
    const c = await start();
    for (const id of ['a', 'b', 'c']) await c.json('POST', '/api/v1/flows', { body: flow(id), type: YAML });
    for (const id of ['a', 'b', 'c']) await c.json('PUT', '/api/v1/triggers/set-disabled', { body: { namespace: 't', flowId: id, triggerId: 'every', disabled: true } });
    const byIds = await c.json('DELETE', '/api/v1/triggers/delete/by-triggers', { body: [{ namespace: 't', flowId: 'a', triggerId: 'every' }, { namespace: 't', flowId: 'zz', triggerId: 'every' }] });
    expect(byIds.status).toBe(200);
    expect(byIds.body).toMatchObject({ totalItems: 1 });
    expect(typeof byIds.body.operationId).toBe('string');
    expect((await ctxOf(c, '/api/v1', 'a')).disabled).toBe(false);
    expect((await ctxOf(c, '/api/v1', 'b')).disabled).toBe(true);
    const byQuery = await c.json('DELETE', '/api/v1/main/triggers/delete/by-query', { body: { filters: [{ field: 'flowId', operation: 'EQUALS', value: 'b' }] } });
    expect(byQuery.body.totalItems).toBe(1);
    expect((await ctxOf(c, '/api/v1', 'b')).disabled).toBe(false);
    expect((await ctxOf(c, '/api/v1', 'c')).disabled).toBe(true);
    expect((await c.json('DELETE', '/api/v1/triggers/delete/by-query?filters[namespace][EQUALS]=t')).body.totalItems).toBe(3);
    expect((await c.json('DELETE', '/api/v1/t2/triggers/delete/by-query')).body.totalItems).toBe(0);
  });

  test('GET export/by-query/csv lists the matching triggers', async () => {
    const c = await start();
    for (const id of ['a', 'b']) await c.json('POST', '/api/v1/flows', { body: flow(id), type: YAML });
    const res = await c.call('GET', '/api/v1/main/triggers/export/by-query/csv?filters[flowId][EQUALS]=b');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toStartWith('text/csv');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename=triggers.csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('namespace,flowId,triggerId,executionId,date,nextExecutionDate,disabled,workerId,backfill');
    expect(lines.slice(1)).toEqual(['t,b,every,,2025-02-01T00:30:00Z,2025-02-01T01:00:00Z,false,,']);
    const other = await c.call('GET', '/api/v1/t2/triggers/export/by-query/csv');
    expect((await other.text()).trim().split('\r\n')).toHaveLength(1);
  });

  test('bad input: 404 for unknown triggers, 422 for malformed bodies, 409 for a second backfill', async () => {
    const c = await start();
    await c.json('POST', '/api/v1/flows', { body: flow('sched'), type: YAML });
    const ref = { namespace: 't', flowId: 'sched', triggerId: 'every' };
    expect((await c.json('PUT', '/api/v1/triggers/set-disabled', { body: { ...ref, flowId: 'nope', disabled: true } })).status).toBe(404);
    expect((await c.json('PUT', '/api/v1/triggers/set-disabled', { body: ref })).status).toBe(422);
    expect((await c.json('PUT', '/api/v1/triggers/backfill/create', { body: ref })).status).toBe(422);
    expect((await c.json('PUT', '/api/v1/triggers/backfill/create', { body: { ...ref, backfill: { start: 'soon' } } })).status).toBe(400);
    const body = { ...ref, backfill: { start: '2025-01-01T00:00:00Z', end: '2025-01-02T00:00:00Z' } };
    expect((await c.json('PUT', '/api/v1/triggers/backfill/create', { body })).status).toBe(200);
    const again = await c.json('PUT', '/api/v1/triggers/backfill/create', { body });
    expect(again.status).toBe(409);
    expect((await c.json('DELETE', '/api/v1/triggers/delete/by-triggers', { body: { nope: 1 } })).status).toBe(422);
    expect((await c.json('DELETE', '/api/v1/triggers/delete/by-query', { body: { filters: 'x' } })).status).toBe(422);
    expect((await c.json('DELETE', '/api/v1/triggers/delete/by-query?filters[color][EQUALS]=red')).status).toBe(422);
    expect((await ctxOf(c, '/api/v1')).disabled).toBe(false);
  });
});
