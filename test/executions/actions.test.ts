// Kestra 2.0 `/executions/{id}/actions/...`: the same control service as the 0.21 paths, 2.0's
// answers (the execution), under /api/v1, /api/v1/main and an isolated tenant.
import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const LOG = 'io.kestra.plugin.core.log.Log';
const tick = () => new Promise((r) => setImmediate(r));
const BASES = ['/api/v1', '/api/v1/main', '/api/v1/t2'] as const;

async function save(c: TestClient, base: string, source: string) {
  const r = await c.json('POST', `${base}/flows`, { body: source, type: YAML });
  expect(r.status).toBe(200);
}
const tenantOf = (base: string) => (base === '/api/v1/t2' ? 't2' : 'main');
const run = (exec: any, taskId: string) => exec.taskRunList.find((t: any) => t.taskId === taskId);

async function runToEnd(c: TestClient, base: string, flowId: string, form = new FormData()) {
  const r = await c.json('POST', `${base}/executions/t/${flowId}?wait=true`, { body: form });
  expect(r.status).toBe(200);
  return r.body;
}

const SLEEP = `id: long\nnamespace: t\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n  - id: after\n    type: ${LOG}\n    message: after\n`;
const PAUSE = `id: approve\nnamespace: t\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n    onResume:\n      - id: approved\n        type: BOOLEAN\n  - id: after\n    type: ${LOG}\n    message: "approved={{ outputs.wait.onResume.approved }}"\n`;

describe.each(BASES)('actions under %s', (base) => {
  test('DELETE actions/kill really kills a running Sleep flow and answers the execution as text/json', async () => {
    const c = await testRuntime();
    await save(c, base, SLEEP);
    const s = await c.json('POST', `${base}/executions/t/long`);
    await tick();
    const done = c.rt.engine.waitForTerminal(tenantOf(base), s.body.id)!;
    const k = await c.json('DELETE', `${base}/executions/${s.body.id}/actions/kill`);
    expect(k.status).toBe(200);
    expect(k.res.headers.get('content-type')).toBe('text/json');
    expect(k.body.id).toBe(s.body.id);
    expect(k.body.state.current).toBe('KILLING');
    const e = await done;
    expect(e.state.current).toBe('KILLED');
    expect(e.taskRunList.map((t) => `${t.taskId}:${t.state.current}`)).toEqual(['nap:KILLED']);
    // the clock passing the sleep's end changes nothing any more
    (c.rt.clock as FakeClock).advance(2 * 3600_000);
    await tick();
    expect((await c.json('GET', `${base}/executions/${s.body.id}`)).body.state.current).toBe('KILLED');
    const strict = await c.json('DELETE', `${base}/executions/${s.body.id}/actions/kill?isOnKillCascade=false`);
    expect(strict.status).toBe(409);
    expect(strict.body.message).toBe("Illegal state: Execution is already finished, can't kill it");
    expect((await c.json('DELETE', `${base}/executions/nope/actions/kill`)).status).toBe(404);
  });

  test('actions/pause and actions/resume answer the execution; the run goes on to SUCCESS', async () => {
    const c = await testRuntime();
    await save(c, base, SLEEP);
    const s = await c.json('POST', `${base}/executions/t/long`);
    await tick();
    const paused = await c.json('POST', `${base}/executions/${s.body.id}/actions/pause`);
    expect(paused.status).toBe(200);
    expect(paused.body.state.current).toBe('PAUSED');
    const done = c.rt.engine.waitForTerminal(tenantOf(base), s.body.id)!;
    (c.rt.clock as FakeClock).advance(3600_000);
    await tick();
    const resumed = await c.json('POST', `${base}/executions/${s.body.id}/actions/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.body.id).toBe(s.body.id);
    expect(resumed.body.state.current).not.toBe('PAUSED');
    const e = await done;
    expect(e.state.current).toBe('SUCCESS');
    expect(e.state.histories.map((h) => h.state)).toContain('PAUSED');
    const again = await c.json('POST', `${base}/executions/${s.body.id}/actions/pause`);
    expect(again.status).toBe(422);
    expect(again.body.message).toBe('Illegal argument: The execution is not running');
  });

  test('actions/resume/validate checks onResume inputs without resuming; actions/resume then resumes with them', async () => {
    const c = await testRuntime();
    await save(c, base, PAUSE);
    const s = await c.json('POST', `${base}/executions/t/approve`);
    await tick();
    const empty = await c.json('POST', `${base}/executions/${s.body.id}/actions/resume/validate`, { body: new FormData() });
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ id: 'approve', namespace: 't', checks: [] });
    expect(empty.body.inputs).toHaveLength(1);
    expect(empty.body.inputs[0].input.id).toBe('approved');
    expect(empty.body.inputs[0].errors[0].message).toContain('missing required input');
    const form = new FormData();
    form.append('approved', 'true');
    const ok = await c.json('POST', `${base}/executions/${s.body.id}/actions/resume/validate`, { body: form });
    expect(ok.body.inputs[0]).toMatchObject({ value: true, enabled: true, errors: [] });
    // validating resumed nothing
    expect((await c.json('GET', `${base}/executions/${s.body.id}`)).body.state.current).toBe('PAUSED');
    const bad = await c.json('POST', `${base}/executions/${s.body.id}/actions/resume`, { body: new FormData() });
    expect(bad.status).toBe(422);
    const json = await c.json('POST', `${base}/executions/${s.body.id}/actions/resume`, { body: { a: 1 } });
    expect(json.status).toBe(415);
    expect((await c.json('GET', `${base}/executions/${s.body.id}`)).body.state.current).toBe('PAUSED');
    const done = c.rt.engine.waitForTerminal(tenantOf(base), s.body.id)!;
    const form2 = new FormData();
    form2.append('approved', 'true');
    const resumed = await c.json('POST', `${base}/executions/${s.body.id}/actions/resume`, { body: form2 });
    expect(resumed.status).toBe(200);
    const e = await done;
    expect(e.state.current).toBe('SUCCESS');
    expect(run(e, 'wait').outputs).toEqual({ onResume: { approved: true } });
    const notPaused = await c.json('POST', `${base}/executions/${s.body.id}/actions/resume/validate`, { body: new FormData() });
    expect(notPaused.status).toBe(409);
    expect(notPaused.body.message).toBe(`Illegal state: Execution '${s.body.id}' is not paused, can't resume it`);
  });

  test('actions/replay, actions/restart, actions/change-status, actions/state, actions/labels', async () => {
    const c = await testRuntime();
    await save(c, base, `id: three\nnamespace: t\ninputs:\n  - id: x\n    type: STRING\n    defaults: a\ntasks:\n  - id: one\n    type: ${LOG}\n    message: one\n  - id: two\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ inputs.x }}"\n`);
    const form = new FormData();
    form.append('x', 'b');
    const first = await runToEnd(c, base, 'three', form);
    const replay = await c.json('POST', `${base}/executions/${first.id}/actions/replay?taskRunId=${run(first, 'two').id}`);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ parentId: first.id, inputs: { x: 'b' }, metadata: { attemptNumber: 2 } });
    expect(replay.body.state.current).toBe('RESTARTED');
    const bad = await c.json('POST', `${base}/executions/${first.id}/actions/replay?taskRunId=nope`);
    expect(bad.status).toBe(422);
    const restart = await c.json('POST', `${base}/executions/${first.id}/actions/restart`);
    expect(restart.status).toBe(422);
    expect(restart.body.message).toBe('Illegal argument: No task found to restart execution from!');
    const changed = await c.json('POST', `${base}/executions/${first.id}/actions/change-status?status=FAILED`);
    expect(changed.body.state.current).toBe('FAILED');
    const missing = await c.json('POST', `${base}/executions/${first.id}/actions/change-status`);
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('Bad Request: Required QueryValue [status] not specified');
    const restarted = await c.json('POST', `${base}/executions/${first.id}/actions/state`, { body: { taskRunId: run(first, 'two').id, state: 'FAILED' } });
    expect(restarted.status).toBe(200);
    expect(run(restarted.body, 'two').state.current).toBe('FAILED');
    const done = c.rt.engine.waitForTerminal(tenantOf(base), first.id);
    const after = done ? await done : (await c.json('GET', `${base}/executions/${first.id}`)).body;
    expect(after.state.current).toBe('FAILED');
    const labels = await c.json('POST', `${base}/executions/${first.id}/actions/labels`, { body: [{ key: 'team', value: 'data' }] });
    expect(labels.status).toBe(200);
    expect(labels.body.labels).toContainEqual({ key: 'team', value: 'data' });
    const system = await c.json('POST', `${base}/executions/${first.id}/actions/labels`, { body: [{ key: 'system.x', value: 'y' }] });
    expect(system.status).toBe(422);
    const notArray = await c.json('POST', `${base}/executions/${first.id}/actions/labels`, { body: { key: 'k' } });
    expect(notArray.status).toBe(422);
  });

  test('actions/replay-with-inputs replays with new multipart inputs, validated like a new execution', async () => {
    const c = await testRuntime();
    await save(c, base, `id: greet\nnamespace: t\ninputs:\n  - id: name\n    type: STRING\n  - id: n\n    type: INT\n    defaults: 1\ntasks:\n  - id: say\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ inputs.name }}-{{ inputs.n }}"\n`);
    const form = new FormData();
    form.append('name', 'ada');
    const first = await runToEnd(c, base, 'greet', form);
    expect(run(first, 'say').outputs.value).toBe('ada-1');
    const again = new FormData();
    again.append('name', 'grace');
    again.append('n', '7');
    const r = await c.json('POST', `${base}/executions/${first.id}/actions/replay-with-inputs`, { body: again });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ parentId: first.id, inputs: { name: 'grace', n: 7 } });
    const e = (await c.rt.engine.waitForTerminal(tenantOf(base), r.body.id)) ?? (await c.json('GET', `${base}/executions/${r.body.id}`)).body;
    expect(e.state.current).toBe('SUCCESS');
    expect(run(e, 'say').outputs.value).toBe('grace-7');
    const invalid = new FormData();
    invalid.append('name', 'x');
    invalid.append('n', 'seven');
    const bad = await c.json('POST', `${base}/executions/${first.id}/actions/replay-with-inputs`, { body: invalid });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toContain('Invalid input for `n`');
    const missing = await c.json('POST', `${base}/executions/${first.id}/actions/replay-with-inputs`, { body: new FormData() });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toContain('Invalid input for `name`, missing required input');
    expect((await c.json('POST', `${base}/executions/nope/actions/replay-with-inputs`, { body: again })).status).toBe(404);
  });

  test('actions/unqueue takes the target state; actions/force-run starts a queued execution', async () => {
    const c = await testRuntime();
    await save(c, base, `id: limited\nnamespace: t\nconcurrency:\n  limit: 1\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1M\n`);
    await c.json('POST', `${base}/executions/t/limited`);
    await tick();
    const b = (await c.json('POST', `${base}/executions/t/limited`)).body.id;
    const d = (await c.json('POST', `${base}/executions/t/limited`)).body.id;
    await tick();
    expect((await c.json('GET', `${base}/executions/${b}`)).body.state.current).toBe('QUEUED');
    const noState = await c.json('POST', `${base}/executions/${b}/actions/unqueue`);
    expect(noState.status).toBe(400);
    expect(noState.body.message).toBe('Bad Request: Required QueryValue [state] not specified');
    const wrong = await c.json('POST', `${base}/executions/${b}/actions/unqueue?state=SUCCESS`);
    expect(wrong.status).toBe(422);
    expect(wrong.body.message).toBe('Illegal argument: Invalid target state: SUCCESS. Valid states are: [RUNNING, CANCELLED, FAILED]');
    const cancelled = await c.json('POST', `${base}/executions/${b}/actions/unqueue?state=CANCELLED`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state.current).toBe('CANCELLED');
    expect((await c.json('GET', `${base}/executions/${b}`)).body.state.current).toBe('CANCELLED');
    const forced = await c.json('POST', `${base}/executions/${d}/actions/force-run`);
    expect(forced.status).toBe(200);
    expect(forced.body.state.current).toBe('RUNNING');
    const notQueued = await c.json('POST', `${base}/executions/${d}/actions/unqueue?state=RUNNING`);
    expect(notQueued.status).toBe(422);
  });

  test('actions/eval renders in the execution context, actions/eval/{taskRunId} in a task run context', async () => {
    const c = await testRuntime();
    await save(c, base, `id: ev\nnamespace: t\ntasks:\n  - id: ret\n    type: io.kestra.plugin.core.debug.Return\n    format: hello\n`);
    const e = await runToEnd(c, base, 'ev');
    const exec = await c.json('POST', `${base}/executions/${e.id}/actions/eval`, { body: '{{ flow.id }}-{{ outputs.ret.value }}', type: 'text/plain' });
    expect(exec.status).toBe(200);
    expect(exec.body).toEqual({ result: 'ev-hello' });
    const tr = await c.json('POST', `${base}/executions/${e.id}/actions/eval/${run(e, 'ret').id}`, { body: '{{ taskrun.id }}', type: 'text/plain' });
    expect(tr.body).toEqual({ result: run(e, 'ret').id });
    const broken = await c.json('POST', `${base}/executions/${e.id}/actions/eval`, { body: '{{ nope.nope }}', type: 'text/plain' });
    expect(broken.status).toBe(200);
    expect(typeof broken.body.error).toBe('string');
    expect((await c.json('POST', `${base}/executions/${e.id}/actions/eval/nope`, { body: 'x', type: 'text/plain' })).status).toBe(404);
  });
});

test('tenants are isolated: an execution of /api/v1/t2 is not found under /api/v1', async () => {
  const c = await testRuntime();
  await save(c, '/api/v1/t2', SLEEP);
  const s = await c.json('POST', '/api/v1/t2/executions/t/long');
  await tick();
  expect((await c.json('DELETE', `/api/v1/executions/${s.body.id}/actions/kill`)).status).toBe(404);
  expect((await c.json('POST', `/api/v1/main/executions/${s.body.id}/actions/pause`)).status).toBe(404);
  expect((await c.json('GET', `/api/v1/t2/executions/${s.body.id}`)).body.state.current).toBe('RUNNING');
});
