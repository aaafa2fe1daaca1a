import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../../helpers/runtime.ts';
import { logsOf, runFlow, taskRun } from '../../helpers/flows.ts';

const LOG = 'io.kestra.plugin.core.log.Log';
const RET = 'io.kestra.plugin.core.debug.Return';

describe('outputs and expressions', () => {
  test('Return → OutputValues → Log chain outputs; flow outputs are typed', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: chain
namespace: t
inputs:
  - id: name
    type: STRING
    defaults: World
tasks:
  - id: ret
    type: ${RET}
    format: "Hello {{ inputs.name }}"
  - id: vals
    type: io.kestra.plugin.core.output.OutputValues
    values:
      greeting: "{{ outputs.ret.value }}"
      n: 1
  - id: log
    type: ${LOG}
    message: "{{ outputs.vals.values.greeting }} / {{ outputs.vals.values.n + 1 }}"
outputs:
  - id: final
    type: STRING
    value: "{{ outputs.ret.value }}!"
`, { name: 'Kestra' });
    expect(e.state.current).toBe('SUCCESS');
    expect(e.inputs).toEqual({ name: 'Kestra' });
    expect(taskRun(e, 'ret').outputs).toEqual({ value: 'Hello Kestra' });
    expect(taskRun(e, 'vals').outputs).toEqual({ values: { greeting: 'Hello Kestra', n: 1 } });
    expect(e.outputs).toEqual({ final: 'Hello Kestra!' });
    expect(logsOf(c, e.id).find((l) => l.taskId === 'log')?.message).toBe('Hello Kestra / 2');
    expect(taskRun(e, 'ret').attempts).toHaveLength(1);
    expect(taskRun(e, 'ret').attempts[0].state.histories.map((h: any) => h.state)).toEqual(['CREATED', 'RUNNING', 'SUCCESS']);
    expect(e.state.histories.map((h: any) => h.state)).toEqual(['CREATED', 'RUNNING', 'SUCCESS']);
  });

  test('an undefined variable fails the task with Kestra\'s message in the log', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: undef\nnamespace: t\ntasks:\n  - id: log\n    type: ${LOG}\n    message: "{{ inputs.nope }}"\n  - id: never\n    type: ${LOG}\n    message: x\n`);
    expect(e.state.current).toBe('FAILED');
    expect(taskRun(e, 'log').state.current).toBe('FAILED');
    expect(taskRun(e, 'never')).toBeUndefined();
    const err = logsOf(c, e.id).find((l) => l.level === 'ERROR');
    expect(err?.message).toContain('Unable to find `inputs` used in the expression `{{ inputs.nope }}` at line 1');
  });

  test('a flow output that cannot render fails the execution and drops outputs', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: badout\nnamespace: t\ntasks:\n  - id: log\n    type: ${LOG}\n    message: x\noutputs:\n  - id: o\n    type: STRING\n    value: "{{ outputs.missing.value }}"\n`);
    expect(e.state.current).toBe('FAILED');
    expect(e.outputs).toBeUndefined();
    expect(logsOf(c, e.id).some((l) => l.message.startsWith('Failed to render output values:'))).toBe(true);
  });
});

describe('flowable tasks', () => {
  test('Parallel, If (then/else), Switch (case and defaults)', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: flowables
namespace: t
tasks:
  - id: par
    type: io.kestra.plugin.core.flow.Parallel
    tasks:
      - id: a
        type: ${LOG}
        message: a
      - id: b
        type: ${LOG}
        message: b
  - id: cond
    type: io.kestra.plugin.core.flow.If
    condition: "{{ 1 == 2 }}"
    then:
      - id: yes
        type: ${LOG}
        message: yes
    else:
      - id: no
        type: ${LOG}
        message: no
  - id: sw
    type: io.kestra.plugin.core.flow.Switch
    value: "{{ 'B' }}"
    cases:
      A:
        - id: caseA
          type: ${LOG}
          message: A
      B:
        - id: caseB
          type: ${LOG}
          message: B
  - id: sw2
    type: io.kestra.plugin.core.flow.Switch
    value: zzz
    cases:
      A:
        - id: caseA2
          type: ${LOG}
          message: A
    defaults:
      - id: dflt
        type: ${LOG}
        message: default
`);
    expect(e.state.current).toBe('SUCCESS');
    expect(taskRun(e, 'a').parentTaskRunId).toBe(taskRun(e, 'par').id);
    expect(taskRun(e, 'par').attempts).toBeUndefined();
    expect(taskRun(e, 'cond').outputs).toEqual({ evaluationResult: false });
    expect(taskRun(e, 'yes')).toBeUndefined();
    expect(taskRun(e, 'no').state.current).toBe('SUCCESS');
    expect(taskRun(e, 'sw').outputs).toEqual({ value: 'B', defaults: false });
    expect(taskRun(e, 'caseA')).toBeUndefined();
    expect(taskRun(e, 'caseB').state.current).toBe('SUCCESS');
    expect(taskRun(e, 'sw2').outputs).toEqual({ value: 'zzz', defaults: true });
    expect(taskRun(e, 'dflt').state.current).toBe('SUCCESS');
  });

  test('Switch without match and defaults fails', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: sw\nnamespace: t\ntasks:\n  - id: sw\n    type: io.kestra.plugin.core.flow.Switch\n    value: x\n    cases:\n      A:\n        - id: a\n          type: ${LOG}\n          message: A\n`);
    expect(e.state.current).toBe('FAILED');
  });

  test('ForEach: values, taskrun.value, outputs nested by value, de-duplication', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: each
namespace: t
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: ["a", "b", "a", {"k": 1}]
    tasks:
      - id: ret
        type: ${RET}
        format: "v={{ taskrun.value }}"
  - id: after
    type: ${LOG}
    message: "{{ outputs.ret['b'].value }}"
`);
    expect(e.state.current).toBe('SUCCESS');
    const rets = e.taskRunList.filter((t: any) => t.taskId === 'ret');
    expect(rets.map((t: any) => t.value)).toEqual(['a', 'b', '{"k":1}']);
    expect(rets[2].outputs).toEqual({ value: 'v={"k":1}' });
    expect(logsOf(c, e.id).find((l) => l.taskId === 'after')?.message).toBe('v=b');
  });

  test('ForEach with a JSON string expression and concurrencyLimit 0', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: each2
namespace: t
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: "{{ [1, 2, 3] }}"
    concurrencyLimit: 0
    tasks:
      - id: l1
        type: ${LOG}
        message: "{{ taskrun.value }}"
      - id: l2
        type: ${LOG}
        message: "{{ parent.taskrun.value ?? taskrun.value }}"
`);
    expect(e.state.current).toBe('SUCCESS');
    expect(e.taskRunList.filter((t: any) => t.taskId === 'l2').map((t: any) => t.value).sort()).toEqual(['1', '2', '3']);
  });

  test('errors branch runs and the execution stays FAILED; finally always runs', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: errs
namespace: t
tasks:
  - id: boom
    type: io.kestra.plugin.core.execution.Fail
  - id: skipped
    type: ${LOG}
    message: never
errors:
  - id: handler
    type: ${LOG}
    message: "failed: {{ execution.id }}"
finally:
  - id: cleanup
    type: ${LOG}
    message: cleanup
`);
    expect(e.state.current).toBe('FAILED');
    expect(taskRun(e, 'skipped')).toBeUndefined();
    expect(taskRun(e, 'handler').state.current).toBe('SUCCESS');
    expect(taskRun(e, 'cleanup').state.current).toBe('SUCCESS');
    expect(logsOf(c, e.id).some((l) => l.level === 'ERROR' && l.message === 'Task failure')).toBe(true);
  });

  test('errors inside a flowable; allowFailure gives WARNING; AllowFailure task', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: allow
namespace: t
tasks:
  - id: seq
    type: io.kestra.plugin.core.flow.Sequential
    allowFailure: true
    tasks:
      - id: f1
        type: io.kestra.plugin.core.execution.Fail
    errors:
      - id: inner
        type: ${LOG}
        message: inner error handler
  - id: soft
    type: io.kestra.plugin.core.execution.Fail
    allowFailure: true
  - id: af
    type: io.kestra.plugin.core.flow.AllowFailure
    tasks:
      - id: f2
        type: io.kestra.plugin.core.execution.Fail
  - id: last
    type: ${LOG}
    message: reached
`);
    expect(taskRun(e, 'inner').state.current).toBe('SUCCESS');
    expect(taskRun(e, 'seq').state.current).toBe('WARNING');
    expect(taskRun(e, 'soft').state.current).toBe('WARNING');
    expect(taskRun(e, 'last').state.current).toBe('SUCCESS');
    expect(e.state.current).toBe('WARNING');
  });

  test('runIf false skips; disabled tasks are invisible', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: skip
namespace: t
tasks:
  - id: maybe
    type: ${LOG}
    message: x
    runIf: "{{ false }}"
  - id: off
    type: ${LOG}
    message: x
    disabled: true
  - id: on
    type: ${LOG}
    message: x
    runIf: "yes"
`);
    expect(e.state.current).toBe('SUCCESS');
    expect(taskRun(e, 'maybe').state.current).toBe('SKIPPED');
    expect(taskRun(e, 'maybe').attempts).toBeUndefined();
    expect(taskRun(e, 'off')).toBeUndefined();
    expect(taskRun(e, 'on').state.current).toBe('SUCCESS');
  });

  test('Dag respects dependsOn', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: dag
namespace: t
tasks:
  - id: dag
    type: io.kestra.plugin.core.flow.Dag
    tasks:
      - task:
          id: c
          type: ${LOG}
          message: c
        dependsOn: [a, b]
      - task:
          id: a
          type: ${LOG}
          message: a
      - task:
          id: b
          type: ${LOG}
          message: b
        dependsOn: [a]
`);
    expect(e.state.current).toBe('SUCCESS');
    const order = e.taskRunList.filter((t: any) => t.taskId !== 'dag').map((t: any) => t.taskId);
    expect(order).toEqual(['a', 'b', 'c']);
  });
});

describe('errorLogs()', () => {
  test('an errors branch reads the ERROR logs of the failed task', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: el\nnamespace: t\ntasks:\n  - id: fail\n    type: io.kestra.plugin.core.execution.Fail\n    errorMessage: boom\nerrors:\n  - id: report\n    type: ${LOG}\n    message: "{{ errorLogs()[0].taskId }}: {{ errorLogs()[0].message }}"\n`);
    expect(e.state.current).toBe('FAILED');
    expect(logsOf(c, e.id).find((l) => l.taskId === 'report')?.message).toBe('fail: boom');
  });
});
