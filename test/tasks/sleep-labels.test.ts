import { describe, expect, test } from 'bun:test';
import { labelsTask, mergeLabels } from '../../src/tasks/core/labels.ts';
import { sleepTask } from '../../src/tasks/core/sleep.ts';
import { TaskKilledError } from '../../src/tasks/types.ts';
import { buildRunContext, runExpectingError } from '../helpers/run-context.ts';

const CORE = 'io.kestra.plugin.core.';

describe('flow.Sleep', () => {
  test('logs "Waiting for PT2S" and completes only when the clock reaches the duration', async () => {
    const r = buildRunContext({ task: { id: 's', type: `${CORE}flow.Sleep`, duration: 'PT2S' } });
    let done = false;
    const running = r.run(sleepTask).then(() => { done = true; });
    expect(r.logs).toEqual([{ level: 'INFO', message: 'Waiting for PT2S' }]);
    expect(r.clock.pendingTimers()).toBe(1);
    r.clock.advance(1999);
    await Promise.resolve();
    expect(done).toBe(false);
    r.clock.advance(1);
    await running;
    expect(done).toBe(true);
  });

  test('the duration is rendered and printed as java.time.Duration does', async () => {
    const r = buildRunContext({ task: { id: 's', type: `${CORE}flow.Sleep`, duration: '{{ inputs.d }}' }, variables: { inputs: { d: 'P1DT0.5S' } } });
    const running = r.run(sleepTask);
    expect(r.logs[0]!.message).toBe('Waiting for PT24H0.5S');
    r.clock.advance(86_400_500);
    await running;
  });

  test('an invalid duration fails with the Jackson conversion message', async () => {
    const r = buildRunContext({ task: { id: 's', type: `${CORE}flow.Sleep`, duration: 'two seconds' } });
    const e = await runExpectingError(r, sleepTask);
    expect(e.message).toContain('Cannot deserialize value of type `java.time.Duration` from String "two seconds"');
  });

  test('killing the task interrupts the wait', async () => {
    const r = buildRunContext({ task: { id: 's', type: `${CORE}flow.Sleep`, duration: 'PT1H' } });
    const running = r.run(sleepTask);
    r.kill();
    await expect(running).rejects.toBeInstanceOf(TaskKilledError);
    expect(r.clock.pendingTimers()).toBe(0);
  });
});

describe('execution.Labels', () => {
  const labelsTaskDef = (labels: unknown) => ({ id: 'l', type: `${CORE}execution.Labels`, labels });
  const existing = [{ key: 'env', value: 'dev' }, { key: 'team', value: 'a' }];

  test('a map: keys and values rendered, merged over existing labels (same key replaced in place)', async () => {
    const r = buildRunContext({ task: labelsTaskDef({ team: '{{ inputs.team }}', '{{ "new" }}': 1, flag: true }), labels: existing, variables: { inputs: { team: 'b' } } });
    expect(await r.run(labelsTask)).toBeUndefined();
    expect(r.labelsSet).toEqual([{ key: 'env', value: 'dev' }, { key: 'team', value: 'b' }, { key: 'new', value: '1' }, { key: 'flag', value: 'true' }]);
  });

  test('a list of {key, value}', async () => {
    const r = buildRunContext({ task: labelsTaskDef([{ key: 'env', value: '{{ flow.id }}' }, { key: 'k', value: 'v' }]), labels: existing });
    await r.run(labelsTask);
    expect(r.labelsSet).toEqual([{ key: 'env', value: 'my-flow' }, { key: 'team', value: 'a' }, { key: 'k', value: 'v' }]);
  });

  test('a string rendering to a JSON object (typed expression or JSON text)', async () => {
    const typed = buildRunContext({ task: labelsTaskDef('{{ inputs.labels }}'), variables: { inputs: { labels: { a: 'x', n: 2 } } } });
    await typed.run(labelsTask);
    expect(typed.labelsSet).toEqual([{ key: 'a', value: 'x' }, { key: 'n', value: '2' }]);
    const text = buildRunContext({ task: labelsTaskDef('{"a": "{{ flow.namespace }}"}') });
    await text.run(labelsTask);
    expect(text.labelsSet).toEqual([{ key: 'a', value: 'company.team' }]);
  });

  test('a string that is not a JSON object fails', async () => {
    const r = buildRunContext({ task: labelsTaskDef('not json') });
    expect((await runExpectingError(r, labelsTask)).message).toBe('Unable to parse labels, a JSON object is expected: not json');
  });

  test('system labels are refused with Kestra\'s message', async () => {
    const r = buildRunContext({ task: labelsTaskDef({ 'system.correlationId': 'x' }) });
    expect((await runExpectingError(r, labelsTask)).message).toBe('System labels can only be set by Kestra itself, offending label: system.correlationId=x');
    expect(r.labelsSet).toBeUndefined();
  });

  test('mergeLabels keeps order and does not mutate its inputs', () => {
    const before = [{ key: 'a', value: '1' }];
    expect(mergeLabels(before, [{ key: 'a', value: '2' }, { key: 'b', value: '3' }])).toEqual([{ key: 'a', value: '2' }, { key: 'b', value: '3' }]);
    expect(before).toEqual([{ key: 'a', value: '1' }]);
  });
});
