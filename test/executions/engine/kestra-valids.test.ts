// Behaviours of Kestra's own test flows (core/src/test/resources/flows/valids and the tests
// that run them), rewritten as our own flows: the states, counts and outputs Kestra asserts.
import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../../helpers/runtime.ts';
import { logsOf, runFlow, taskRun } from '../../helpers/flows.ts';

const RET = 'io.kestra.plugin.core.debug.Return';
const LOG = 'io.kestra.plugin.core.log.Log';
const summary = (e: any) => e.taskRunList.map((r: any) => `${r.taskId}${r.value !== undefined ? `[${r.value}]` : ''}:${r.state.current}`);

describe('Kestra valids, as our own flows', () => {
  test('EachSequentialTest.sequential: an AllowFailure inside each iteration turns the failing iterations into WARNING', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: each-warn
namespace: t
tasks:
  - id: loop
    type: io.kestra.plugin.core.flow.EachSequential
    value: '["a", "b", "c"]'
    tasks:
      - id: say
        type: ${RET}
        format: "{{ taskrun.value }}"
      - id: tolerant
        type: io.kestra.plugin.core.flow.AllowFailure
        tasks:
          - id: only-a
            type: ${LOG}
            message: "{{ parent.taskrun.value == 'a' ? 'fine' : missing }}"
  - id: after
    type: ${RET}
    format: done
`);
    expect(e.state.current).toBe('WARNING');
    expect(e.taskRunList).toHaveLength(11);
    expect(summary(e)).toEqual([
      'loop:WARNING', 'say[a]:SUCCESS', 'tolerant[a]:SUCCESS', 'only-a:SUCCESS', 'say[b]:SUCCESS', 'tolerant[b]:WARNING', 'only-a:FAILED',
      'say[c]:SUCCESS', 'tolerant[c]:WARNING', 'only-a:FAILED', 'after:SUCCESS',
    ]);
  });

  test('TaskWithRunIfTest: runIf true runs, false SKIPS, an unrenderable runIf FAILS the task and the execution', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: runif\nnamespace: t\ntasks:\n  - id: vals\n    type: io.kestra.plugin.core.output.OutputValues\n    values:\n      n: 1\n  - id: yes\n    type: ${LOG}\n    runIf: "{{ outputs.vals['values']['n'] == 1 }}"\n    message: ran\n  - id: no\n    type: ${LOG}\n    runIf: "{{ outputs.vals['values']['n'] == 2 }}"\n    message: never\n  - id: broken\n    type: ${LOG}\n    runIf: "{{ outputs.nope == 2 }}"\n    message: never\n`);
    expect(e.state.current).toBe('FAILED');
    expect(summary(e)).toEqual(['vals:SUCCESS', 'yes:SUCCESS', 'no:SKIPPED', 'broken:FAILED']);
    expect(taskRun(e, 'no').attempts).toBeUndefined();
    expect(logsOf(c, e.id).find((l) => l.taskId === 'broken')?.message).toStartWith('Unable to evaluate the runIf condition for task broken');
  });

  test('DisabledTest: disabled tasks leave no task run, in flowables, errors and iterations', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: disabled
namespace: t
tasks:
  - id: loop
    type: io.kestra.plugin.core.flow.ForEach
    values: ["x", "y"]
    tasks:
      - id: kept
        type: ${RET}
        format: "{{ taskrun.value }}"
      - id: off-in-loop
        type: ${RET}
        format: no
        disabled: true
  - id: seq
    type: io.kestra.plugin.core.flow.Sequential
    tasks:
      - id: off-only
        type: ${RET}
        format: no
        disabled: true
  - id: boom
    type: io.kestra.plugin.core.execution.Fail
errors:
  - id: off-error
    type: ${RET}
    format: no
    disabled: true
  - id: on-error
    type: ${RET}
    format: handled
`);
    expect(e.state.current).toBe('FAILED');
    expect(summary(e)).toEqual(['loop:SUCCESS', 'kept[x]:SUCCESS', 'kept[y]:SUCCESS', 'seq:SUCCESS', 'boom:FAILED', 'on-error:SUCCESS']);
  });

  test('WorkingDirectoryTest.taskRunNested: children see workerTaskrun and the iteration value through parent', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: wd-nested
namespace: t
tasks:
  - id: loop
    type: io.kestra.plugin.core.flow.ForEach
    concurrencyLimit: 0
    values: ["1"]
    tasks:
      - id: seq
        type: io.kestra.plugin.core.flow.Sequential
        tasks:
          - id: wd
            type: io.kestra.plugin.core.flow.WorkingDirectory
            tasks:
              - id: worker-run
                type: ${RET}
                format: "{{ workerTaskrun.value }}/{{ workerTaskrun.id == taskrun.parentId }}"
              - id: the-parent
                type: ${RET}
                format: "{{ parent }}"
`);
    expect(e.state.current).toBe('SUCCESS');
    expect(e.taskRunList).toHaveLength(5);
    expect(taskRun(e, 'worker-run').outputs.value).toBe('1/true');
    expect(taskRun(e, 'the-parent').outputs.value).toContain('{"taskrun":{"value":"1"}}');
  });

  test('SequentialTest: a failing nested Sequential runs its local errors, then the global ones; 6 task runs, FAILED', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: seq-errors
namespace: t
tasks:
  - id: outer
    type: io.kestra.plugin.core.flow.Sequential
    tasks:
      - id: ok
        type: ${RET}
        format: ok
      - id: inner
        type: io.kestra.plugin.core.flow.Sequential
        tasks:
          - id: boom
            type: io.kestra.plugin.core.execution.Fail
        errors:
          - id: local
            type: ${RET}
            format: local
errors:
  - id: global
    type: ${RET}
    format: global
`);
    expect(e.state.current).toBe('FAILED');
    expect(summary(e)).toEqual(['outer:FAILED', 'ok:SUCCESS', 'inner:FAILED', 'boom:FAILED', 'local:SUCCESS', 'global:SUCCESS']);
  });

  test('TaskWithAllowWarningTest.flowableTask: allowWarning on a flowable with allowFailure ends SUCCESS', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: warn-flowable\nnamespace: t\ntasks:\n  - id: seq\n    type: io.kestra.plugin.core.flow.Sequential\n    allowFailure: true\n    allowWarning: true\n    tasks:\n      - id: fail\n        type: io.kestra.plugin.core.execution.Fail\n  - id: next\n    type: ${LOG}\n    message: next\n`);
    expect(e.state.current).toBe('SUCCESS');
    expect(summary(e)).toEqual(['seq:SUCCESS', 'fail:FAILED', 'next:SUCCESS']);
  });
});
