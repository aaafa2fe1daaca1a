// How failures end inside flowables, as Kestra's own test flows end: AllowFailure around a
// failing Sequential with a local errors branch (AllowFailureTest), and the messages flowables
// log when they cannot resolve their children (ExecutorService.childWorkerTaskResult,
// FlowableUtils.resolveEachTasks / resolveState).
import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../../helpers/runtime.ts';
import { execute, logsOf, runFlow, saveFlow, taskRun } from '../../helpers/flows.ts';

const RET = 'io.kestra.plugin.core.debug.Return';
const FAIL = 'io.kestra.plugin.core.execution.Fail';

const NESTED = `id: nested-allow
namespace: t
inputs:
  - id: crash
    type: BOOLEAN
    defaults: false
tasks:
  - id: outer
    type: io.kestra.plugin.core.flow.Sequential
    tasks:
      - id: tolerant
        type: io.kestra.plugin.core.flow.AllowFailure
        tasks:
          - id: inner
            type: io.kestra.plugin.core.flow.Sequential
            tasks:
              - id: before
                type: ${RET}
                format: "{{ task.id }}"
              - id: ko
                type: ${FAIL}
              - id: skipped-after-ko
                type: ${RET}
                format: "{{ task.id }}"
        errors:
          - id: local-error
            type: ${RET}
            format: "handled {{ task.id }}"
      - id: continues
        type: ${RET}
        format: "{{ task.id }}"
  - id: choose
    type: io.kestra.plugin.core.flow.Switch
    value: "{{ inputs.crash }}"
    cases:
      "true":
        - id: crash
          type: ${FAIL}
    defaults:
      - id: last
        type: ${RET}
        format: "{{ task.id }}"
errors:
  - id: global-error
    type: ${RET}
    format: "global {{ task.id }}"
`;

const states = (e: any) => Object.fromEntries(e.taskRunList.map((r: any) => [r.taskId, r.state.current]));

describe('AllowFailure around a failing Sequential with local errors', () => {
  test('the failure stays inside: local errors run, the AllowFailure and its parent end WARNING, no global errors', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, NESTED);
    expect(e.state.current).toBe('WARNING');
    expect(e.taskRunList).toHaveLength(9);
    expect(states(e)).toEqual({
      outer: 'WARNING', tolerant: 'WARNING', inner: 'FAILED', before: 'SUCCESS', ko: 'FAILED',
      'local-error': 'SUCCESS', continues: 'SUCCESS', choose: 'SUCCESS', last: 'SUCCESS',
    });
    expect(taskRun(e, 'skipped-after-ko')).toBeUndefined();
    expect(taskRun(e, 'global-error')).toBeUndefined();
    // the errors branch runs inside the AllowFailure, as its child
    expect(taskRun(e, 'local-error').parentTaskRunId).toBe(taskRun(e, 'tolerant').id);
  });

  test('a later failure outside it still fails the execution and runs the global errors', async () => {
    const c = await testRuntime();
    await saveFlow(c, NESTED);
    const e = await execute(c, 't', 'nested-allow', { crash: 'true' });
    expect(e.state.current).toBe('FAILED');
    expect(e.taskRunList).toHaveLength(10);
    expect(states(e)).toMatchObject({ outer: 'WARNING', tolerant: 'WARNING', inner: 'FAILED', choose: 'FAILED', crash: 'FAILED', 'global-error': 'SUCCESS' });
  });
});

describe('flowable failure messages', () => {
  test('null values on an Each fail it with Kestra\'s message and Java toString of the values', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: each-null
namespace: t
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.EachSequential
    value: '[1, null, {"key": "my-key", "value": "my-value"}, 1.5, "s"]'
    tasks:
      - id: never
        type: ${RET}
        format: "{{ taskrun.value }}"
  - id: after
    type: ${RET}
    format: x
`);
    expect(e.state.current).toBe('FAILED');
    expect(e.taskRunList.map((r: any) => `${r.taskId}:${r.state.current}`)).toEqual(['each:FAILED']);
    const errors = logsOf(c, e.id).filter((l) => l.level === 'ERROR');
    expect(errors.map((l) => [l.taskId, l.message])).toEqual([
      ['each', "Unable to resolve state from the Flowable task: Found '1' null values on Each, with values=[1, null, {key=my-key, value=my-value}, 1.5, s]"],
    ]);
  });

  test('a ForEach value of an unknown type names its Java class', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: each-bool\nnamespace: t\ntasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEach\n    values: [a, true]\n    tasks:\n      - id: x\n        type: ${RET}\n        format: x\n`);
    expect(e.state.current).toBe('FAILED');
    expect(logsOf(c, e.id).find((l) => l.level === 'ERROR')?.message).toBe('Unable to resolve state from the Flowable task: Unknown value element type: class java.lang.Boolean');
  });

  test('a Switch with no matching case and no defaults warns "No task found" and fails; allowFailure makes it WARNING', async () => {
    const c = await testRuntime();
    const flow = (id: string, extra = '') => `id: ${id}\nnamespace: t\ntasks:\n  - id: sw\n    type: io.kestra.plugin.core.flow.Switch\n    value: "b"\n${extra}    cases:\n      a:\n        - id: x\n          type: ${RET}\n          format: a\n`;
    const e = await runFlow(c, flow('nomatch'));
    expect(e.state.current).toBe('FAILED');
    expect(states(e)).toEqual({ sw: 'FAILED' });
    const logs = logsOf(c, e.id).filter((l) => l.taskId === 'sw');
    expect(logs.map((l) => [l.level, l.message])).toEqual([['WARN', `No task found on flow 't.nomatch', task 'sw', execution '${e.id}'`]]);
    expect(taskRun(e, 'sw').outputs).toEqual({ value: 'b', defaults: true });
    const lenient = await runFlow(c, flow('nomatch-ok', '    allowFailure: true\n'));
    expect(lenient.state.current).toBe('WARNING');
  });

  test('an If whose condition cannot render fails with the wrapped expression error', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: badif\nnamespace: t\ntasks:\n  - id: cond\n    type: io.kestra.plugin.core.flow.If\n    condition: "{{ nope }}"\n    then:\n      - id: x\n        type: ${RET}\n        format: x\n`);
    expect(e.state.current).toBe('FAILED');
    expect(logsOf(c, e.id).find((l) => l.level === 'ERROR')?.message)
      .toBe('Unable to resolve state from the Flowable task: Unable to find `nope` used in the expression `{{ nope }}` at line 1');
  });
});
