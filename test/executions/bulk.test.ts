import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';
import { execute, saveFlow } from '../helpers/flows.ts';

const LOG = 'id: ok\nnamespace: t\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n';
const tick = () => new Promise((r) => setImmediate(r));

async function seed() {
  const c = await testRuntime();
  await saveFlow(c, 'id: ok\nnamespace: t\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n');
  await saveFlow(c, 'id: ko\nnamespace: t\ntasks:\n  - id: f\n    type: io.kestra.plugin.core.execution.Fail\n');
  await saveFlow(c, 'id: long\nnamespace: t\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n');
  const ok = (await execute(c, 't', 'ok')).id as string;
  const ko = (await execute(c, 't', 'ko')).id as string;
  const running = (await c.json('POST', '/api/v1/executions/t/long')).body.id as string;
  await tick();
  return { c, ok, ko, running };
}

describe('bulk execution operations', () => {
  test('restart by-ids is all-or-nothing: a non-FAILED target fails the whole request with 400', async () => {
    const { c, ok, ko } = await seed();
    const bad = await c.json('POST', '/api/v1/executions/restart/by-ids', { body: [ko, ok, 'missing'] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('invalid bulk restart');
    expect(bad.body.invalids.map((i: any) => [i.invalidValue, i.message])).toEqual([[ok, 'execution not in state FAILED'], ['missing', 'execution not found']]);
    expect((await c.json('GET', `/api/v1/executions/${ko}`)).body.state.current).toBe('FAILED');
    const good = await c.json('POST', '/api/v1/executions/restart/by-ids', { body: [ko] });
    expect(good.body).toEqual({ count: 1 });
  });

  test('restart by-query fails as a whole when one match is ineligible', async () => {
    const { c } = await seed();
    const r = await c.json('POST', '/api/v1/executions/restart/by-query?namespace=t');
    expect(r.status).toBe(400);
    expect((await c.json('POST', '/api/v1/executions/restart/by-query?namespace=t&state=FAILED')).body).toEqual({ count: 1 });
  });

  test('replay by-ids and by-query create new executions', async () => {
    const { c, ok } = await seed();
    expect((await c.json('POST', '/api/v1/executions/replay/by-ids', { body: [ok] })).body).toEqual({ count: 1 });
    expect((await c.json('POST', '/api/v1/executions/replay/by-query?flowId=ok&namespace=t')).body).toEqual({ count: 2 });
    expect((await c.json('GET', '/api/v1/executions/search?flowId=ok')).body.total).toBe(4);
    expect((await c.json('POST', '/api/v1/executions/replay/by-ids', { body: ['nope'] })).status).toBe(400);
  });

  test('change-status by-ids needs terminal targets and a terminal newStatus', async () => {
    const { c, ok, running } = await seed();
    expect((await c.json('POST', '/api/v1/executions/change-status/by-ids?newStatus=FAILED', { body: [ok, running] })).status).toBe(400);
    expect((await c.json('POST', '/api/v1/executions/change-status/by-ids', { body: [ok] })).status).toBe(400);
    expect((await c.json('POST', '/api/v1/executions/change-status/by-ids?newStatus=WARNING', { body: [ok] })).body).toEqual({ count: 1 });
    expect((await c.json('GET', `/api/v1/executions/${ok}`)).body.state.current).toBe('WARNING');
  });

  test('delete by-ids refuses running executions unless includeNonTerminated', async () => {
    const { c, ok, running } = await seed();
    const bad = await c.json('DELETE', '/api/v1/executions/by-ids', { body: [ok, running] });
    expect(bad.status).toBe(400);
    expect(bad.body.invalids[0].message).toBe('execution not found');
    expect((await c.json('GET', `/api/v1/executions/${ok}`)).status).toBe(200);
    expect((await c.json('DELETE', '/api/v1/executions/by-ids?includeNonTerminated=true', { body: [ok, running] })).body).toEqual({ count: 2 });
    expect((await c.json('DELETE', '/api/v1/executions/by-query?namespace=t')).body).toEqual({ count: 1 });
    expect((await c.json('GET', '/api/v1/executions/search')).body.total).toBe(0);
  });

  test('kill by-ids, labels by-ids, pause/resume by-ids', async () => {
    const { c, ok, running } = await seed();
    expect((await c.json('DELETE', '/api/v1/executions/kill/by-ids', { body: [running, ok] })).status).toBe(400);
    expect((await c.json('POST', '/api/v1/executions/pause/by-ids', { body: [running] })).body).toEqual({ count: 1 });
    expect((await c.json('POST', '/api/v1/executions/resume/by-ids', { body: [running] })).body).toEqual({ count: 1 });
    const done = c.rt.engine.waitForTerminal('main', running)!;
    expect((await c.json('DELETE', '/api/v1/executions/kill/by-ids', { body: [running] })).body).toEqual({ count: 1 });
    expect((await done).state.current).toBe('KILLED');
    const labels = await c.json('POST', '/api/v1/executions/labels/by-ids', { body: { executionsId: [ok], executionLabels: [{ key: 'team', value: 'x' }] } });
    expect(labels.body).toEqual({ count: 1 });
    expect((await c.json('GET', `/api/v1/executions/${ok}`)).body.labels).toContainEqual({ key: 'team', value: 'x' });
    expect((await c.json('POST', '/api/v1/executions/labels/by-query?namespace=t&flowId=ok', { body: [{ key: 'a', value: 'b' }] })).body).toEqual({ count: 1 });
  });

  test('bulk unqueue/force-run exist; change-status by-ids validates newStatus with 422; resume needs multipart', async () => {
    const c = await testRuntime();
    await saveFlow(c, LOG);
    const e = await execute(c, 't', 'ok');
    expect((await c.json('POST', '/api/v1/executions/force-run/by-ids', { body: [e.id] })).status).toBe(400);
    expect((await c.json('POST', '/api/v1/executions/unqueue/by-ids', { body: [e.id] })).status).toBe(400);
    expect((await c.json('POST', '/api/v1/executions/change-status/by-ids?newStatus=RUNNING', { body: [e.id] })).status).toBe(422);
    expect((await c.json('POST', '/api/v1/executions/change-status/by-ids?newStatus=BOGUS', { body: [e.id] })).status).toBe(422);
    expect((await c.json('GET', '/api/v1/executions/nope')).body.message).toBe('Not Found');
    expect((await c.json('GET', `/api/v1/logs/${e.id}?attempt=x`)).status).toBe(422);
    expect((await c.json('POST', '/api/v1/flows/validate', { body: { id: 'x' } })).status).toBe(415);
  });
});
