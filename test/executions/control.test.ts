import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime, YAML } from '../helpers/runtime.ts';
import { execute, saveFlow, taskRun } from '../helpers/flows.ts';

const LOG = 'io.kestra.plugin.core.log.Log';
const tick = () => new Promise((r) => setImmediate(r));
const dirs: string[] = [];
afterEach(() => { while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true }); });

const PAUSE_FLOW = `id: approve
namespace: t
tasks:
  - id: wait
    type: io.kestra.plugin.core.flow.Pause
    onResume:
      - id: approved
        type: BOOLEAN
      - id: reason
        type: STRING
        defaults: none
  - id: after
    type: ${LOG}
    message: "approved={{ outputs.wait.onResume.approved }} reason={{ outputs.wait.onResume.reason }}"
`;

describe('pause and resume', () => {
  test('a Pause task pauses the execution; resume with onResume inputs continues it', async () => {
    const c = await testRuntime();
    await saveFlow(c, PAUSE_FLOW);
    const started = await c.json('POST', '/api/v1/executions/t/approve');
    await tick();
    const paused = await c.json('GET', `/api/v1/executions/${started.body.id}`);
    expect(paused.body.state.current).toBe('PAUSED');
    expect(paused.body.state.endDate).toBeDefined();
    expect(taskRun(paused.body, 'wait').state.current).toBe('PAUSED');
    expect(taskRun(paused.body, 'wait').attempts).toBeUndefined();
    expect(taskRun(paused.body, 'after')).toBeUndefined();
  });

  test('resume validates onResume inputs (422), then runs the rest; resume twice → 409', async () => {
    const c = await testRuntime();
    await saveFlow(c, PAUSE_FLOW);
    const started = await c.json('POST', '/api/v1/executions/t/approve');
    await tick();
    const done = c.rt.engine.waitForTerminal('main', started.body.id)!;
    const missing = await c.json('POST', `/api/v1/executions/${started.body.id}/resume`, { body: new FormData() });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toContain('Invalid input for `approved`, missing required input');
    const form = new FormData();
    form.append('approved', 'true');
    expect((await c.call('POST', `/api/v1/executions/${started.body.id}/resume`, { body: form })).status).toBe(204);
    const e = await done;
    expect(e.state.current).toBe('SUCCESS');
    expect(e.state.histories.map((h) => h.state)).toEqual(['CREATED', 'RUNNING', 'PAUSED', 'RESTARTED', 'RUNNING', 'SUCCESS']);
    expect(taskRun(e, 'wait').outputs).toEqual({ onResume: { approved: true, reason: 'none' } });
    const log = c.rt.services.logs.logs.find('main', { executionId: e.id }).results.find((l) => l.taskId === 'after');
    expect(log?.message).toBe('approved=true reason=none');
    const again = await c.json('POST', `/api/v1/executions/${e.id}/resume`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(`Illegal state: Execution '${e.id}' is not paused, can't resume it`);
    expect((await c.json('POST', '/api/v1/executions/nope/resume')).body.message).toBe("Not Found: Execution 'nope' not found.");
  });

  test('Pause delay resumes by itself; timeout fails the Pause', async () => {
    const c = await testRuntime();
    await saveFlow(c, `id: delayed\nnamespace: t\ntasks:\n  - id: p\n    type: io.kestra.plugin.core.flow.Pause\n    delay: PT5M\n  - id: l\n    type: ${LOG}\n    message: go\n`);
    await saveFlow(c, `id: timed\nnamespace: t\ntasks:\n  - id: p\n    type: io.kestra.plugin.core.flow.Pause\n    timeout: PT1M\n  - id: l\n    type: ${LOG}\n    message: go\n`);
    const a = await c.json('POST', '/api/v1/executions/t/delayed');
    const b = await c.json('POST', '/api/v1/executions/t/timed');
    await tick();
    const doneA = c.rt.engine.waitForTerminal('main', a.body.id)!;
    const doneB = c.rt.engine.waitForTerminal('main', b.body.id)!;
    (c.rt.clock as FakeClock).advance(5 * 60_000);
    expect((await doneA).state.current).toBe('SUCCESS');
    const eb = await doneB;
    expect(eb.state.current).toBe('FAILED');
    expect(taskRun(eb, 'p').state.current).toBe('FAILED');
    expect(taskRun(eb, 'l')).toBeUndefined();
  });

  test('manual pause of a running execution and resume', async () => {
    const c = await testRuntime();
    await saveFlow(c, `id: long\nnamespace: t\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1M\n  - id: l\n    type: ${LOG}\n    message: go\n`);
    const s = await c.json('POST', '/api/v1/executions/t/long');
    await tick();
    const p = await c.call('POST', `/api/v1/executions/${s.body.id}/pause`);
    expect(p.status).toBe(200);
    expect(await p.text()).toBe('');
    (c.rt.clock as FakeClock).advance(60_000);
    await tick();
    const paused = await c.json('GET', `/api/v1/executions/${s.body.id}`);
    expect(paused.body.state.current).toBe('PAUSED');
    expect(taskRun(paused.body, 'nap').state.current).toBe('SUCCESS');
    expect(taskRun(paused.body, 'l')).toBeUndefined();
    const done = c.rt.engine.waitForTerminal('main', s.body.id)!;
    expect((await c.call('POST', `/api/v1/executions/${s.body.id}/resume`)).status).toBe(204);
    expect((await done).state.current).toBe('SUCCESS');
    const notRunning = await c.json('POST', `/api/v1/executions/${s.body.id}/pause`);
    expect(notRunning.status).toBe(422);
    expect(notRunning.body.message).toBe('Illegal argument: The execution is not running');
  });
});

describe('kill', () => {
  test('202 on a running execution, which ends KILLED; finished: 202 by default, 409 without cascade', async () => {
    const c = await testRuntime();
    await saveFlow(c, `id: long\nnamespace: t\ntasks:\n  - id: par\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n      - id: a\n        type: io.kestra.plugin.core.flow.Sleep\n        duration: PT1H\n      - id: b\n        type: io.kestra.plugin.core.flow.Sleep\n        duration: PT1H\n`);
    const s = await c.json('POST', '/api/v1/executions/t/long');
    await tick();
    const done = c.rt.engine.waitForTerminal('main', s.body.id)!;
    const k = await c.call('DELETE', `/api/v1/executions/${s.body.id}/kill`);
    expect(k.status).toBe(202);
    const e = await done;
    expect(e.state.current).toBe('KILLED');
    expect(e.taskRunList.map((t) => t.state.current)).toEqual(['KILLED', 'KILLED', 'KILLED']);
    expect((await c.call('DELETE', `/api/v1/executions/${s.body.id}/kill`)).status).toBe(202);
    const strict = await c.json('DELETE', `/api/v1/executions/${s.body.id}/kill?isOnKillCascade=false`);
    expect(strict.status).toBe(409);
    expect(strict.body.message).toBe("Illegal state: Execution is already finished, can't kill it");
    expect((await c.json('DELETE', '/api/v1/executions/nope/kill')).status).toBe(404);
  });
});

describe('restart, replay, change-status, task run state, labels', () => {
  async function fixtureRuntime() {
    const dir = mkdtempSync(join(tmpdir(), 'kl-fx-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'flaky.yml'), 'tasks:\n  - id: script\n    attempts:\n      - state: FAILED\n        errorMessage: database down\n      - state: SUCCESS\n        outputs:\n          rows: 3\n');
    return testRuntime({ fixturesDir: dir });
  }
  const FLAKY = `id: flaky\nnamespace: t\ntasks:\n  - id: first\n    type: ${LOG}\n    message: one\n  - id: script\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands: [echo hi]\n  - id: last\n    type: ${LOG}\n    message: "rows={{ outputs.script.rows }}"\nerrors:\n  - id: alert\n    type: ${LOG}\n    message: failed\n`;

  test('restart after a fixture-driven failure keeps the id, adds an attempt, drops the errors branch', async () => {
    const c = await fixtureRuntime();
    await saveFlow(c, FLAKY);
    const failed = await execute(c, 't', 'flaky');
    expect(failed.state.current).toBe('FAILED');
    expect(taskRun(failed, 'alert').state.current).toBe('SUCCESS');
    const running = await c.json('POST', `/api/v1/executions/${failed.id}/replay?taskRunId=nope`);
    expect(running.status).toBe(422);
    const done = new Promise<any>((resolve) => c.rt.events.on('execution.updated', ({ execution }) => { if (execution.id === failed.id && execution.state.current === 'SUCCESS') resolve(structuredClone(execution)); }));
    const r = await c.json('POST', `/api/v1/executions/${failed.id}/restart`);
    expect(r.status).toBe(200);
    expect(r.body.id).toBe(failed.id);
    expect(r.body.metadata.attemptNumber).toBe(2);
    const e = await done;
    expect(e.taskRunList.map((t: any) => t.taskId)).toEqual(['first', 'script', 'last']);
    expect(taskRun(e, 'script').attempts.map((a: any) => a.state.current)).toEqual(['FAILED', 'SUCCESS']);
    expect(taskRun(e, 'first').attempts).toHaveLength(1);
    expect(e.state.histories.map((h: any) => h.state)).toEqual(['CREATED', 'RUNNING', 'FAILED', 'RESTARTED', 'RUNNING', 'SUCCESS']);
    const again = await c.json('POST', `/api/v1/executions/${failed.id}/restart`);
    expect(again.status).toBe(422);
    expect(again.body.message).toBe('Illegal argument: No task found to restart execution from!');
  });

  test('restart of a running execution is refused', async () => {
    const c = await testRuntime();
    await saveFlow(c, `id: long\nnamespace: t\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n`);
    const s = await c.json('POST', '/api/v1/executions/t/long');
    await tick();
    const r = await c.json('POST', `/api/v1/executions/${s.body.id}/restart`);
    expect(r.status).toBe(409);
    expect(r.body.message).toBe("Illegal state: Execution must be terminated to be restarted, current state is 'RUNNING' !");
  });

  test('replay from scratch and from a middle task run', async () => {
    const c = await testRuntime();
    await saveFlow(c, `id: three\nnamespace: t\ninputs:\n  - id: x\n    type: STRING\n    defaults: a\ntasks:\n  - id: one\n    type: ${LOG}\n    message: one\n  - id: two\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ inputs.x }}"\n  - id: three\n    type: ${LOG}\n    message: three\n`);
    const first = await execute(c, 't', 'three', { x: 'b' });
    const replay = await c.json('POST', `/api/v1/executions/${first.id}/replay`);
    expect(replay.body).toMatchObject({ parentId: first.id, originalId: first.id, inputs: { x: 'b' }, metadata: { attemptNumber: 2 } });
    expect(replay.body.state.current).toBe('CREATED');
    const fromTwo = await c.json('POST', `/api/v1/executions/${first.id}/replay?taskRunId=${taskRun(first, 'two').id}`);
    expect(fromTwo.body.state.current).toBe('RESTARTED');
    const done = await c.rt.engine.waitForTerminal('main', fromTwo.body.id);
    const e = done ?? (await c.json('GET', `/api/v1/executions/${fromTwo.body.id}`)).body;
    expect(e.state.current).toBe('SUCCESS');
    expect(e.taskRunList.map((t: any) => t.taskId)).toEqual(['one', 'two', 'three']);
    expect(taskRun(e, 'one').id).not.toBe(taskRun(first, 'one').id);
    expect(taskRun(e, 'two').attempts).toHaveLength(2);
    await c.call('DELETE', `/api/v1/executions/${first.id}`);
    expect((await c.json('POST', `/api/v1/executions/${first.id}/replay`)).status).toBe(404);
  });

  test('change-status rules, task run state, labels', async () => {
    const c = await testRuntime();
    await saveFlow(c, `id: s\nnamespace: t\ntasks:\n  - id: l\n    type: ${LOG}\n    message: x\n`);
    const e = await execute(c, 't', 's');
    const changed = await c.json('POST', `/api/v1/executions/${e.id}/change-status?status=FAILED`);
    expect(changed.body.state.current).toBe('FAILED');
    expect((await c.json('POST', `/api/v1/executions/${e.id}/change-status?status=RUNNING`)).body.message).toBe('Illegal argument: You can only change the status of an execution to a terminal state.');
    expect((await c.json('POST', `/api/v1/executions/${e.id}/change-status`)).status).toBe(400);
    const marked = await c.json('POST', `/api/v1/executions/${e.id}/state`, { body: { taskRunId: taskRun(e, 'l').id, state: 'WARNING' } });
    expect(marked.status).toBe(200);
    const labels = await c.json('POST', `/api/v1/executions/${e.id}/labels`, { body: [{ key: 'k', value: 'v' }] });
    expect(labels.body.labels).toContainEqual({ key: 'k', value: 'v' });
    const sys = await c.json('POST', `/api/v1/executions/${e.id}/labels`, { body: [{ key: 'system.app', value: 'x' }] });
    expect(sys.status).toBe(422);
    await saveFlow(c, `id: long\nnamespace: t\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n`);
    const running = await c.json('POST', '/api/v1/executions/t/long');
    await tick();
    const notTerminated = await c.call('POST', `/api/v1/executions/${running.body.id}/labels`, { body: [{ key: 'k', value: 'v' }] });
    expect(notTerminated.status).toBe(400);
    expect(await notTerminated.text()).toBe('The execution is not terminated');
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
});

describe('execution.Resume task, unqueue and force-run', () => {
  test('a flow resumes another paused execution with onResume inputs', async () => {
    const c = await testRuntime();
    await saveFlow(c, PAUSE_FLOW);
    const paused = await c.json('POST', '/api/v1/executions/t/approve');
    await tick();
    const done = c.rt.engine.waitForTerminal('main', paused.body.id)!;
    await saveFlow(c, `id: approver\nnamespace: t\ninputs:\n  - id: target\n    type: STRING\ntasks:\n  - id: go\n    type: io.kestra.plugin.core.execution.Resume\n    executionId: "{{ inputs.target }}"\n    inputs:\n      approved: true\n      reason: automated\n`);
    const approver = await execute(c, 't', 'approver', { target: paused.body.id });
    expect(approver.state.current).toBe('SUCCESS');
    const e = await done;
    expect(taskRun(e, 'wait').outputs.onResume).toEqual({ approved: true, reason: 'automated' });
    const again = await execute(c, 't', 'approver', { target: paused.body.id });
    expect(again.state.current).toBe('FAILED');
  });

  test('unqueue starts a queued execution; force-run starts a scheduled one; terminal → 422', async () => {
    const c = await testRuntime();
    await saveFlow(c, `id: limited\nnamespace: t\nconcurrency:\n  limit: 1\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1M\n`);
    await c.json('POST', '/api/v1/executions/t/limited');
    await tick();
    const queued = (await c.json('POST', '/api/v1/executions/t/limited')).body.id;
    await tick();
    expect((await c.json('GET', `/api/v1/executions/${queued}`)).body.state.current).toBe('QUEUED');
    expect((await c.json('POST', `/api/v1/executions/${queued}/unqueue`)).body.state.current).toBe('RUNNING');
    expect((await c.json('POST', `/api/v1/executions/${queued}/unqueue`)).status).toBe(422);

    await saveFlow(c, `id: later\nnamespace: t\ntasks:\n  - id: l\n    type: ${LOG}\n    message: now\n`);
    const at = new Date((c.rt.clock as FakeClock).now() + 3_600_000).toISOString();
    const scheduled = (await c.json('POST', `/api/v1/executions/t/later?scheduleDate=${encodeURIComponent(at)}`)).body.id;
    const done = c.rt.engine.waitForTerminal('main', scheduled)!;
    expect((await c.json('POST', `/api/v1/executions/${scheduled}/force-run`)).status).toBe(200);
    expect((await done).state.current).toBe('SUCCESS');
    expect((await c.json('POST', `/api/v1/executions/${scheduled}/force-run`)).status).toBe(422);
  });
});
