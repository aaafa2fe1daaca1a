// Subflow output extraction and label inheritance (Subflow.createSubflowExecutionResult,
// ExecutableUtils.subflowExecution / guessState).
import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';
import { execute, logsOf, saveFlow, taskRun } from '../helpers/flows.ts';

const sub = (id: string, flowId: string, extra = '') => `  - id: ${id}\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: t\n    flowId: ${flowId}\n${extra}`;
const CHILD = `id: child\nnamespace: t\nlabels:\n  kind: child\ntasks:\n  - id: r\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ inputs.n ?? 'x' }}-{{ labels.kind }}"\n`;

describe('Subflow outputs', () => {
  test('the deprecated outputs map is rendered against the finished child execution', async () => {
    const c = await testRuntime();
    await saveFlow(c, CHILD);
    await saveFlow(c, `id: parent\nnamespace: t\ntasks:\n${sub('call', 'child', '    outputs:\n      got: "{{ outputs.r.value }}"\n      child: "{{ execution.id }}/{{ flow.id }}"\n')}  - id: show\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ outputs.call.outputs.got }}"\n`);
    const e = await execute(c, 't', 'parent');
    expect(e.state.current).toBe('SUCCESS');
    const call = taskRun(e, 'call');
    expect(call.outputs).toEqual({ executionId: call.outputs.executionId, state: 'SUCCESS', outputs: { got: 'x-child', child: `${call.outputs.executionId}/child` } });
    expect(call.attempts.map((a: any) => a.state.current)).toEqual(['SUCCESS']);
    expect(logsOf(c, e.id).find((l) => l.taskId === 'show')?.message).toBe('x-child');
  });

  test('declared child flow outputs win over the task map and are typed', async () => {
    const c = await testRuntime();
    await saveFlow(c, `${CHILD}outputs:\n  - id: n\n    type: INT\n    value: "{{ 40 + 2 }}"\n`);
    await saveFlow(c, `id: parent\nnamespace: t\ntasks:\n${sub('call', 'child', '    outputs:\n      ignored: "{{ outputs.r.value }}"\n')}`);
    const e = await execute(c, 't', 'parent');
    expect(taskRun(e, 'call').outputs.outputs).toEqual({ n: 42 });
  });

  test('a failed extraction logs Kestra\'s warning and fails the task; allowFailure makes it WARNING', async () => {
    const c = await testRuntime();
    await saveFlow(c, CHILD);
    const bad = '    outputs:\n      v: "{{ outputs.missing.value }}"\n';
    await saveFlow(c, `id: strict\nnamespace: t\ntasks:\n${sub('call', 'child', bad)}  - id: after\n    type: io.kestra.plugin.core.log.Log\n    message: never\n`);
    await saveFlow(c, `id: lenient\nnamespace: t\ntasks:\n${sub('call', 'child', `${bad}    allowFailure: true\n`)}  - id: after\n    type: io.kestra.plugin.core.log.Log\n    message: still\n`);
    const strict = await execute(c, 't', 'strict');
    expect(strict.state.current).toBe('FAILED');
    const call = taskRun(strict, 'call');
    expect(call.state.current).toBe('FAILED');
    expect(call.outputs).toEqual({ executionId: call.outputs.executionId, state: 'SUCCESS' });
    expect(call.attempts).toHaveLength(1);
    expect(taskRun(strict, 'after')).toBeUndefined();
    const warn = logsOf(c, strict.id).find((l) => l.taskId === 'call' && l.level === 'WARN');
    expect(warn?.message).toBe("Failed to extract outputs with the error: 'Unable to find `missing` used in the expression `{{ outputs.missing.value }}` at line 1'");
    const lenient = await execute(c, 't', 'lenient');
    expect(lenient.state.current).toBe('WARNING');
    expect(taskRun(lenient, 'call').state.current).toBe('WARNING');
    expect(taskRun(lenient, 'after').state.current).toBe('SUCCESS');
  });

  test('transmitFailed passes a WARNING child on; allowWarning turns it into SUCCESS', async () => {
    const c = await testRuntime();
    await saveFlow(c, 'id: warn\nnamespace: t\ntasks:\n  - id: f\n    type: io.kestra.plugin.core.execution.Fail\n    allowFailure: true\n');
    await saveFlow(c, `id: p1\nnamespace: t\ntasks:\n${sub('call', 'warn')}`);
    await saveFlow(c, `id: p2\nnamespace: t\ntasks:\n${sub('call', 'warn', '    allowWarning: true\n')}`);
    expect(taskRun(await execute(c, 't', 'p1'), 'call').state.current).toBe('WARNING');
    const p2 = await execute(c, 't', 'p2');
    expect(taskRun(p2, 'call').state.current).toBe('SUCCESS');
    expect(taskRun(p2, 'call').outputs.state).toBe('WARNING');
  });
});

describe('Subflow labels', () => {
  test('inheritLabels copies every parent label; without it only system labels pass, then the task labels', async () => {
    const c = await testRuntime();
    await saveFlow(c, CHILD);
    await saveFlow(c, `id: heir\nnamespace: t\nlabels:\n  team: a\ntasks:\n${sub('call', 'child', '    inheritLabels: true\n    labels:\n      from: "{{ flow.id }}"\n')}`);
    await saveFlow(c, `id: plain\nnamespace: t\nlabels:\n  team: a\ntasks:\n${sub('call', 'child', '    labels:\n      from: "{{ flow.id }}"\n')}`);
    const heir = await execute(c, 't', 'heir', {}, '&labels=run:7');
    const heirChild = (await c.json('GET', `/api/v1/executions/${taskRun(heir, 'call').outputs.executionId}`)).body;
    expect(heirChild.labels).toEqual([
      { key: 'kind', value: 'child' }, { key: 'team', value: 'a' }, { key: 'run', value: '7' },
      { key: 'system.correlationId', value: heir.id }, { key: 'from', value: 'heir' },
    ]);
    const plain = await execute(c, 't', 'plain', {}, '&labels=run:7');
    const plainChild = (await c.json('GET', `/api/v1/executions/${taskRun(plain, 'call').outputs.executionId}`)).body;
    expect(plainChild.labels).toEqual([
      { key: 'kind', value: 'child' }, { key: 'system.correlationId', value: plain.id }, { key: 'from', value: 'plain' },
    ]);
    // the child renders its own labels
    expect(taskRun(plainChild, 'r').outputs.value).toBe('x-child');
  });
});
