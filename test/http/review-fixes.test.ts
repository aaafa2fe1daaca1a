// Regressions found by a black-box review against the contract.
import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML } from '../helpers/runtime.ts';
import { execute, runWithClock, saveFlow } from '../helpers/flows.ts';

const LOG = 'id: ok\nnamespace: t\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n';

describe('filters[...] form', () => {
  test('unsupported fields and operations are 422, so a by-query delete never widens', async () => {
    const c = await testRuntime();
    await saveFlow(c, LOG);
    await execute(c, 't', 'ok');
    for (const q of ['filters[flowId][WHAT]=x', 'filters[bogus][EQUALS]=x', 'filters[namespace][NOT_EQUALS]=t']) {
      const r = await c.json('DELETE', `/api/v1/executions/by-query?${q}`);
      expect(r.status).toBe(422);
    }
    expect((await c.json('GET', '/api/v1/executions/search')).body.total).toBe(1);
    expect((await c.json('GET', '/api/v1/flows/search?filters[q][REGEX]=x')).status).toBe(422);
    expect((await c.json('GET', '/api/v1/triggers/search?filters[flowId][CONTAINS]=x')).status).toBe(422);
    expect((await c.json('GET', '/api/v1/logs/search?filters[taskId][EQUALS]=x')).status).toBe(422);
  });

  test('NOT_EQUALS, IN, NOT_IN, EQUALS (exact namespace) and date operations work', async () => {
    const c = await testRuntime();
    await saveFlow(c, LOG);
    await saveFlow(c, 'id: ko\nnamespace: t.sub\ntasks:\n  - id: f\n    type: io.kestra.plugin.core.execution.Fail\n');
    await execute(c, 't', 'ok');
    await execute(c, 't.sub', 'ko');
    const total = async (q: string) => (await c.json('GET', `/api/v1/executions/search?${q}`)).body.total;
    expect(await total('filters[flowId][NOT_EQUALS]=ok')).toBe(1);
    expect(await total('filters[flowId][IN]=ok,ko')).toBe(2);
    expect(await total('filters[state][NOT_IN]=SUCCESS')).toBe(1);
    expect(await total('filters[namespace][EQUALS]=t')).toBe(1);
    expect(await total('filters[namespace][PREFIX]=t')).toBe(2);
    expect(await total('filters[startDate][GREATER_THAN_OR_EQUAL_TO]=2100-01-01T00:00:00Z')).toBe(0);
    expect((await c.json('GET', '/api/v1/executions/search?scope=NOPE')).status).toBe(422);
    expect((await c.json('GET', '/api/v1/flows/search?scope=NOPE')).status).toBe(422);
  });
});

describe('engine and control fixes', () => {
  test('retries: the execution goes RUNNING again for each new attempt; maxAttempt is accepted', async () => {
    const c = await testRuntime();
    const e = await runWithClock(c, 'id: r\nnamespace: t\ntasks:\n  - id: f\n    type: io.kestra.plugin.core.execution.Fail\n    retry:\n      type: constant\n      interval: PT1S\n      maxAttempt: 3\n', 1000);
    expect(e.state.histories.map((h: any) => h.state)).toEqual(['CREATED', 'RUNNING', 'RETRYING', 'RUNNING', 'RETRYING', 'RUNNING', 'FAILED']);
    expect(e.taskRunList[0].attempts).toHaveLength(3);
  });

  test('a deleted flow cannot be executed, not even by revision', async () => {
    const c = await testRuntime();
    await saveFlow(c, LOG);
    await c.call('DELETE', '/api/v1/flows/t/ok');
    const r = await c.json('POST', '/api/v1/executions/t/ok?revision=1');
    expect(r.status).toBe(404);
    expect(r.body.message).toBe('Not Found: Requested Flow is not found.');
  });

  test('restart with a revision is a restart as a new execution', async () => {
    const c = await testRuntime();
    await saveFlow(c, 'id: two\nnamespace: t\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: a\n  - id: f\n    type: io.kestra.plugin.core.execution.Fail\n');
    const failed = await execute(c, 't', 'two');
    await c.json('PUT', '/api/v1/flows/t/two', { type: YAML, body: 'id: two\nnamespace: t\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: a\n  - id: f\n    type: io.kestra.plugin.core.log.Log\n    message: fixed\n' });
    const r = await c.json('POST', `/api/v1/executions/${failed.id}/restart?revision=2`);
    expect(r.body).toMatchObject({ parentId: failed.id, flowRevision: 2 });
    expect(r.body.id).not.toBe(failed.id);
    expect(r.body.state.current).toBe('RESTARTED');
    expect(r.body.taskRunList.map((t: any) => t.state.current)).toEqual(['SUCCESS', 'RESTARTED']);
    const done = await c.rt.engine.waitForTerminal('main', r.body.id);
    expect((done ?? (await c.json('GET', `/api/v1/executions/${r.body.id}`)).body).state.current).toBe('SUCCESS');
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

  test('trigger bulk bodies with junk items are 422, not 500', async () => {
    const c = await testRuntime();
    for (const [path, body] of [['/api/v1/triggers/unlock/by-triggers', [null]], ['/api/v1/triggers/backfill/delete/by-triggers', [1]], ['/api/v1/triggers/set-disabled/by-triggers', { triggers: [null], disabled: true }]] as const) {
      const r = await c.json('POST', path, { body: body as never });
      expect(r.status).toBe(422);
    }
    expect((await c.json('PUT', '/api/v1/triggers', { body: { flowId: 'x' } })).status).toBe(422);
  });
});
