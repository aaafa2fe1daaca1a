// GET /outputs/{executionId} and /outputs/{executionId}/{taskRunId} (Kestra 2.0): task run
// outputs read apart from the execution.
import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const FLOW = `id: out\nnamespace: t\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEach\n    values: ["a", "b"]\n    tasks:\n      - id: ret\n        type: io.kestra.plugin.core.debug.Return\n        format: "v-{{ taskrun.value }}"\n`;

async function run(c: TestClient, base: string) {
  expect((await c.json('POST', `${base}/flows`, { body: FLOW, type: YAML })).status).toBe(200);
  const r = await c.json('POST', `${base}/executions/t/out?wait=true`);
  expect(r.body.state.current).toBe('SUCCESS');
  return r.body;
}

describe.each(['/api/v1', '/api/v1/main', '/api/v1/t2'])('outputs under %s', (base) => {
  test('lists the task runs that have outputs, and reads one task run\'s outputs', async () => {
    const c = await testRuntime();
    const e = await run(c, base);
    const list = await c.json('GET', `${base}/outputs/${e.id}`);
    expect(list.status).toBe(200);
    const rets = e.taskRunList.filter((t: any) => t.taskId === 'ret');
    expect(list.body.filter((i: any) => i.taskId === 'ret')).toEqual(rets.map((t: any) => ({ taskId: 'ret', taskRunId: t.id, value: t.value, inline: true })));
    expect(list.body.some((i: any) => i.taskId === 'log')).toBe(false);
    const one = await c.json('GET', `${base}/outputs/${e.id}/${rets[1].id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ value: 'v-b' });
    const log = e.taskRunList.find((t: any) => t.taskId === 'log');
    expect((await c.json('GET', `${base}/outputs/${e.id}/${log.id}`)).body).toEqual({});
  });

  test('unknown execution or task run → 404', async () => {
    const c = await testRuntime();
    const e = await run(c, base);
    const missing = await c.json('GET', `${base}/outputs/nope`);
    expect(missing.status).toBe(404);
    const noRun = await c.json('GET', `${base}/outputs/${e.id}/nope`);
    expect(noRun.status).toBe(404);
    expect(noRun.body.message).toBe("Not Found: Unable to find task run 'nope'");
  });
});

test('outputs of another tenant are not visible', async () => {
  const c = await testRuntime();
  const e = await run(c, '/api/v1/t2');
  expect((await c.json('GET', `/api/v1/outputs/${e.id}`)).status).toBe(404);
  expect((await c.json('GET', `/api/v1/main/outputs/${e.id}`)).status).toBe(404);
});
