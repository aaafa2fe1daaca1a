import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime } from '../helpers/runtime.ts';
import { execute, saveFlow, taskRun } from '../helpers/flows.ts';

const tick = () => new Promise((r) => setImmediate(r));
const sub = (id: string, flowId: string, extra = '') => `  - id: ${id}\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: t\n    flowId: ${flowId}\n${extra}`;

describe('Subflow', () => {
  test('a chain three deep passes inputs down and outputs up; correlation id is shared', async () => {
    const c = await testRuntime();
    await saveFlow(c, `id: leaf\nnamespace: t\ninputs:\n  - id: n\n    type: INT\ntasks:\n  - id: r\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ inputs.n * 2 }}"\noutputs:\n  - id: doubled\n    type: STRING\n    value: "{{ outputs.r.value }}"\n`);
    await saveFlow(c, `id: middle\nnamespace: t\ninputs:\n  - id: n\n    type: INT\ntasks:\n${sub('call', 'leaf', '    inputs:\n      n: "{{ inputs.n + 1 }}"\n')}outputs:\n  - id: got\n    type: STRING\n    value: "{{ outputs.call.outputs.doubled }}"\n`);
    await saveFlow(c, `id: root\nnamespace: t\nlabels:\n  team: a\ntasks:\n${sub('call', 'middle', '    inheritLabels: true\n    inputs:\n      n: 1\n')}  - id: show\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ outputs.call.outputs.got }}"\n`);
    const e = await execute(c, 't', 'root');
    expect(e.state.current).toBe('SUCCESS');
    const call = taskRun(e, 'call');
    expect(call.outputs).toMatchObject({ state: 'SUCCESS', outputs: { got: '4' } });
    const middle = (await c.json('GET', `/api/v1/executions/${call.outputs.executionId}`)).body;
    expect(middle.trigger).toMatchObject({ id: 'call', type: 'io.kestra.plugin.core.flow.Subflow', variables: { executionId: e.id, namespace: 't', flowId: 'root', flowRevision: 1 } });
    expect(middle.labels).toContainEqual({ key: 'team', value: 'a' });
    expect(middle.labels).toContainEqual({ key: 'system.correlationId', value: e.id });
    const children = await c.json('GET', `/api/v1/executions/search?triggerExecutionId=${e.id}`);
    expect(children.body.total).toBe(1);
    const logs = c.rt.services.logs.logs.find('main', { executionId: e.id }).results.map((l) => l.message);
    expect(logs).toContain('4');
    expect(logs.some((m) => m.startsWith(`Created new execution [[link execution="${middle.id}"`))).toBe(true);
  });

  test('transmitFailed propagates a failed child; wait: false returns at once; unknown flow fails the task', async () => {
    const c = await testRuntime();
    await saveFlow(c, 'id: boom\nnamespace: t\ntasks:\n  - id: f\n    type: io.kestra.plugin.core.execution.Fail\n');
    await saveFlow(c, `id: parent\nnamespace: t\ntasks:\n${sub('call', 'boom')}`);
    await saveFlow(c, `id: lenient\nnamespace: t\ntasks:\n${sub('call', 'boom', '    transmitFailed: false\n')}`);
    await saveFlow(c, `id: nowait\nnamespace: t\ntasks:\n${sub('call', 'boom', '    wait: false\n')}`);
    await saveFlow(c, `id: ghost\nnamespace: t\ntasks:\n${sub('call', 'nope')}`);
    expect((await execute(c, 't', 'parent')).state.current).toBe('FAILED');
    const lenient = await execute(c, 't', 'lenient');
    expect(lenient.state.current).toBe('SUCCESS');
    expect(taskRun(lenient, 'call').outputs.state).toBe('FAILED');
    const nowait = await execute(c, 't', 'nowait');
    expect(taskRun(nowait, 'call').outputs).toMatchObject({ state: 'CREATED' });
    const ghost = await execute(c, 't', 'ghost');
    expect(ghost.state.current).toBe('FAILED');
    expect(c.rt.services.logs.logs.find('main', { executionId: ghost.id }).results.some((l) => l.message === "Unable to find flow 't'.'nope' with revision '0'")).toBe(true);
  });

  test('killing the parent kills the child', async () => {
    const c = await testRuntime();
    await saveFlow(c, 'id: slow\nnamespace: t\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n');
    await saveFlow(c, `id: parent\nnamespace: t\ntasks:\n${sub('call', 'slow')}`);
    const p = await c.json('POST', '/api/v1/executions/t/parent');
    for (let i = 0; i < 5; i++) await tick();
    const child = (await c.json('GET', `/api/v1/executions/search?flowId=slow&namespace=t`)).body.results[0];
    expect(child.state.current).toBe('RUNNING');
    const childDone = c.rt.engine.waitForTerminal('main', child.id)!;
    const parentDone = c.rt.engine.waitForTerminal('main', p.body.id)!;
    expect((await c.call('DELETE', `/api/v1/executions/${p.body.id}/kill`)).status).toBe(202);
    expect((await parentDone).state.current).toBe('KILLED');
    expect((await childDone).state.current).toBe('KILLED');
    void (c.rt.clock as FakeClock);
  });

  test('isOnKillCascade=false leaves the child running', async () => {
    const c = await testRuntime();
    await saveFlow(c, 'id: slow\nnamespace: t\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n');
    await saveFlow(c, `id: parent\nnamespace: t\ntasks:\n${sub('call', 'slow')}`);
    const p = await c.json('POST', '/api/v1/executions/t/parent');
    for (let i = 0; i < 5; i++) await tick();
    const child = (await c.json('GET', '/api/v1/executions/search?flowId=slow&namespace=t')).body.results[0];
    const parentDone = c.rt.engine.waitForTerminal('main', p.body.id)!;
    expect((await c.call('DELETE', `/api/v1/executions/${p.body.id}/kill?isOnKillCascade=false`)).status).toBe(202);
    expect((await parentDone).state.current).toBe('KILLED');
    for (let i = 0; i < 3; i++) await tick();
    expect((await c.json('GET', `/api/v1/executions/${child.id}`)).body.state.current).toBe('RUNNING');
  });
});
