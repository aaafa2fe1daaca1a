import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';
import { saveFlow } from '../helpers/flows.ts';

const tick = async (n = 5) => { for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r)); };
const HOOK = `id: hook\nnamespace: t\nlabels:\n  source: webhook\ntriggers:\n  - id: in\n    type: io.kestra.plugin.core.trigger.Webhook\n    key: "secret-{{ flow.id }}"\n    conditions:\n      - type: io.kestra.plugin.core.condition.Expression\n        expression: "{{ trigger.body.skip ?? false ? false : true }}"\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "order {{ trigger.body.id ?? trigger.body }} {{ trigger.parameters.a[0] ?? '' }}"\n`;

describe('Webhook trigger', () => {
  test('POST, GET and PUT create an execution with body, headers and parameters', async () => {
    const c = await testRuntime({ basicAuth: { username: 'a@b.c', password: 'p' } });
    const auth = { authorization: `Basic ${btoa('a@b.c:p')}` };
    await c.json('POST', '/api/v1/flows', { body: HOOK, type: 'application/x-yaml', headers: auth });
    const r = await c.json('POST', '/api/v1/executions/webhook/t/hook/secret-hook?a=1&a=2', { body: { id: 42 }, headers: { 'x-custom': 'v' } });
    expect(r.status).toBe(200);
    expect(r.body.state.current).toBe('CREATED');
    expect(r.body.url).toBeUndefined();
    expect(r.body.trigger).toMatchObject({ id: 'in', type: 'io.kestra.plugin.core.trigger.Webhook', variables: { body: { id: 42 }, parameters: { a: ['1', '2'] } } });
    expect(r.body.trigger.variables.headers['x-custom']).toEqual(['v']);
    expect(r.body.labels).toEqual([{ key: 'source', value: 'webhook' }]);
    const get = await c.json('GET', '/api/v1/executions/webhook/t/hook/secret-hook');
    expect(get.body.trigger.variables.body).toBeNull();
    const put = await c.json('PUT', '/api/v1/executions/webhook/t/hook/secret-hook', { body: 'plain text, not JSON', type: 'text/plain' });
    expect(put.body.trigger.variables.body).toBe('plain text, not JSON');
    const arr = await c.json('POST', '/api/v1/executions/webhook/t/hook/secret-hook', { body: '[1,2]', type: 'application/json' });
    expect(arr.body.trigger.variables.body).toEqual([1, 2]);
    await tick();
    const logs = c.rt.services.logs.logs.find('main', { executionId: r.body.id }).results.map((l) => l.message);
    expect(logs).toEqual(['order 42 1']);
  });

  test('conditions false → 204; unknown flow/key → 404; disabled flow → 409', async () => {
    const c = await testRuntime();
    await saveFlow(c, HOOK);
    expect((await c.call('POST', '/api/v1/executions/webhook/t/hook/secret-hook', { body: { skip: true } })).status).toBe(204);
    const noFlow = await c.json('POST', '/api/v1/executions/webhook/t/nope/secret-hook');
    expect(noFlow.status).toBe(404);
    expect(noFlow.body.message).toBe('Not Found: Flow not found');
    const noKey = await c.json('POST', '/api/v1/executions/webhook/t/hook/wrong');
    expect(noKey.body.message).toBe('Not Found: Webhook not found');
    await c.json('POST', '/api/v1/flows/disable/by-ids', { body: [{ namespace: 't', id: 'hook' }] });
    const disabled = await c.json('POST', '/api/v1/executions/webhook/t/hook/secret-hook');
    expect(disabled.status).toBe(409);
    expect(disabled.body.message).toBe('Illegal state: Cannot execute a disabled flow');
  });

  test('wait and returnOutputs make the call synchronous', async () => {
    const c = await testRuntime();
    await saveFlow(c, `id: sync\nnamespace: t\ntriggers:\n  - id: in\n    type: io.kestra.plugin.core.trigger.Webhook\n    key: k\n    wait: true\n    returnOutputs: true\ntasks:\n  - id: r\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ trigger.body.n * 2 }}"\noutputs:\n  - id: doubled\n    type: STRING\n    value: "{{ outputs.r.value }}"\n`);
    const r = await c.json('POST', '/api/v1/executions/webhook/t/sync/k', { body: { n: 21 } });
    expect(r.body).toEqual({ doubled: '42' });
  });
});

describe('Flow trigger', () => {
  test('a chain: upstream SUCCESS triggers downstream with trigger variables; conditions filter', async () => {
    const c = await testRuntime();
    await saveFlow(c, 'id: up\nnamespace: t\ntasks:\n  - id: r\n    type: io.kestra.plugin.core.debug.Return\n    format: hi\noutputs:\n  - id: said\n    type: STRING\n    value: "{{ outputs.r.value }}"\n');
    await saveFlow(c, 'id: failing\nnamespace: t\ntasks:\n  - id: f\n    type: io.kestra.plugin.core.execution.Fail\n');
    await saveFlow(c, `id: down\nnamespace: t\ninputs:\n  - id: said\n    type: STRING\ntriggers:\n  - id: after\n    type: io.kestra.plugin.core.trigger.Flow\n    states: [SUCCESS]\n    inputs:\n      said: "{{ trigger.outputs.said }}"\n    conditions:\n      - type: io.kestra.plugin.core.condition.ExecutionFlow\n        namespace: t\n        flowId: up\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ inputs.said }} from {{ trigger.flowId }}"\n`);
    const up = await c.json('POST', '/api/v1/executions/t/up?wait=true');
    await c.json('POST', '/api/v1/executions/t/failing?wait=true');
    await tick(10);
    const downs = (await c.json('GET', '/api/v1/executions/search?flowId=down&namespace=t')).body;
    expect(downs.total).toBe(1);
    const down = downs.results[0];
    expect(down.trigger).toMatchObject({ id: 'after', type: 'io.kestra.plugin.core.trigger.Flow', variables: { executionId: up.body.id, namespace: 't', flowId: 'up', flowRevision: 1, state: 'SUCCESS' } });
    expect(down.inputs).toEqual({ said: 'hi' });
    expect(c.rt.services.logs.logs.find('main', { executionId: down.id }).results[0]!.message).toBe('hi from up');
  });

  test('a three-flow chain over HTTP, and no self-trigger', async () => {
    const c = await testRuntime();
    const listener = (id: string, upstream: string) => `id: ${id}\nnamespace: t\ntriggers:\n  - id: on\n    type: io.kestra.plugin.core.trigger.Flow\n    conditions:\n      - type: io.kestra.plugin.core.condition.ExecutionFlow\n        namespace: t\n        flowId: ${upstream}\n      - type: io.kestra.plugin.core.condition.ExecutionStatus\n        in: [SUCCESS]\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: ${id}\n`;
    await saveFlow(c, 'id: a\nnamespace: t\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: a\n');
    await saveFlow(c, listener('b', 'a'));
    await saveFlow(c, listener('c', 'b'));
    await saveFlow(c, 'id: selfish\nnamespace: t\ntriggers:\n  - id: on\n    type: io.kestra.plugin.core.trigger.Flow\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n');
    await c.json('POST', '/api/v1/executions/t/a?wait=true');
    await tick(20);
    const all = (await c.json('GET', '/api/v1/executions/search?namespace=t&size=100')).body.results;
    const count = (flow: string) => all.filter((e: any) => e.flowId === flow).length;
    expect(count('b')).toBe(1);
    expect(count('c')).toBe(1);
    // "selfish" listens to every flow but never to itself
    expect(count('selfish')).toBe(3);
  });
});

describe('Triggers API', () => {
  test('search returns definitions and contexts; set-disabled by query; unknown trigger 404', async () => {
    const c = await testRuntime();
    await saveFlow(c, 'id: s1\nnamespace: t.a\ntriggers:\n  - id: hourly\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "@hourly"\n  - id: hook\n    type: io.kestra.plugin.core.trigger.Webhook\n    key: k\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n');
    await saveFlow(c, 'id: s2\nnamespace: t.b\ntriggers:\n  - id: dates\n    type: io.kestra.plugin.core.trigger.ScheduleOnDates\n    dates: ["2030-01-01T00:00:00Z"]\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n');
    const s = await c.json('GET', '/api/v1/triggers/search?namespace=t&sort=triggerId:asc');
    expect(s.body.total).toBe(2);
    expect(s.body.results.map((r: any) => r.triggerContext.triggerId)).toEqual(['dates', 'hourly']);
    expect(s.body.results[1].abstractTrigger).toMatchObject({ id: 'hourly', cron: '@hourly' });
    expect(s.body.results[0].triggerContext.nextExecutionDate).toBe('2030-01-01T00:00:00Z');
    expect((await c.json('GET', '/api/v1/triggers/search?q=s2')).body.total).toBe(1);
    expect((await c.json('GET', '/api/v1/triggers/t/s1')).body.results.map((t: any) => t.triggerId)).toEqual(['hourly']);
    expect((await c.json('POST', '/api/v1/triggers/set-disabled/by-query?namespace=t.a&disabled=true')).body).toEqual({ count: 1 });
    expect((await c.json('GET', '/api/v1/triggers/t.a/s1')).body.results[0].disabled).toBe(true);
    expect((await c.json('POST', '/api/v1/triggers/set-disabled/by-triggers', { body: { triggers: [{ namespace: 't.a', flowId: 's1', triggerId: 'hourly' }, { namespace: 'x', flowId: 'y', triggerId: 'z' }], disabled: false } })).body).toEqual({ count: 2 });
    expect((await c.json('POST', '/api/v1/triggers/t.a/s1/nope/unlock')).status).toBe(404);
    expect((await c.json('POST', '/api/v1/triggers/unlock/by-triggers', { body: [{ namespace: 't.a', flowId: 's1', triggerId: 'hourly' }] })).body).toEqual({ count: 0 });
    expect((await c.json('POST', '/api/v1/triggers/t.a/s1/hourly/restart')).status).toBe(200);
    expect((await c.json('GET', '/api/v1/triggers/search?page=0')).status).toBe(422);
  });

  test('invalid cron and unknown timezone are refused when the flow is saved', async () => {
    const c = await testRuntime();
    const bad = await c.json('POST', '/api/v1/flows', { type: 'application/x-yaml', body: 'id: bad\nnamespace: t\ntriggers:\n  - id: s\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "61 * * * *"\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n' });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toContain('invalid cron expression');
    const tz = await c.json('POST', '/api/v1/flows', { type: 'application/x-yaml', body: 'id: tz\nnamespace: t\ntriggers:\n  - id: s\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "0 * * * *"\n    timezone: Mars/Olympus\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n' });
    expect(tz.status).toBe(422);
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
