import { describe, expect, test } from 'bun:test';
import { echoTask } from '../../src/tasks/core/echo.ts';
import { failTask } from '../../src/tasks/core/fail.ts';
import { logTask } from '../../src/tasks/core/log.ts';
import { outputValuesTask } from '../../src/tasks/core/output-values.ts';
import { returnTask } from '../../src/tasks/core/return.ts';
import { TaskError } from '../../src/tasks/types.ts';
import { buildRunContext, runExpectingError } from '../helpers/run-context.ts';

const CORE = 'io.kestra.plugin.core.';
const task = (type: string, props: Record<string, unknown> = {}) => ({ id: 't', type: CORE + type, ...props });

describe('log.Log', () => {
  test('renders a message and logs it at INFO by default, no outputs', async () => {
    const r = buildRunContext({ task: task('log.Log', { message: 'Hello {{ inputs.name }}' }), variables: { inputs: { name: 'World' } } });
    expect(await r.run(logTask)).toBeUndefined();
    expect(r.logs).toEqual([{ level: 'INFO', message: 'Hello World' }]);
  });

  test('a list of messages gives one log entry each, at the given level', async () => {
    const r = buildRunContext({ task: task('log.Log', { message: ['one {{ 1 + 1 }}', 'two'], level: 'WARN' }) });
    await r.run(logTask);
    expect(r.logs).toEqual([{ level: 'WARN', message: 'one 2' }, { level: 'WARN', message: 'two' }]);
  });

  test('level is rendered; an unknown level fails with the Jackson enum message', async () => {
    const ok = buildRunContext({ task: task('log.Log', { message: 'x', level: "{{ 'ERROR' }}" }) });
    await ok.run(logTask);
    expect(ok.logs[0]!.level).toBe('ERROR');
    const bad = buildRunContext({ task: task('log.Log', { message: 'x', level: 'LOUD' }) });
    const e = await runExpectingError(bad, logTask);
    expect(e.message).toContain('not one of the values accepted for Enum class: [ERROR, WARN, INFO, DEBUG, TRACE]');
  });

  test('an expression error fails the task with the engine message', async () => {
    const r = buildRunContext({ task: task('log.Log', { message: '{{ nope }}' }) });
    const e = await runExpectingError(r, logTask);
    expect(e.message).toBe('Unable to find `nope` used in the expression `{{ nope }}` at line 1');
  });
});

describe('debug.Return', () => {
  test('returns the rendered format, logs it at DEBUG, emits length and duration metrics', async () => {
    const r = buildRunContext({ task: task('debug.Return', { format: '{{ flow.id }}-{{ taskrun.value }}' }), value: 'v1' });
    expect(await r.run(returnTask)).toEqual({ outputs: { value: 'my-flow-v1' } });
    expect(r.logs).toEqual([{ level: 'DEBUG', message: 'my-flow-v1' }]);
    expect(r.metrics).toEqual([
      { type: 'counter', name: 'length', value: 10, tags: { format: 'my-flow-v1' } },
      { type: 'timer', name: 'duration', value: 0, tags: { format: 'my-flow-v1' } },
    ]);
  });

  test('no format: no value', async () => {
    const r = buildRunContext({ task: task('debug.Return') });
    expect(await r.run(returnTask)).toEqual({ outputs: {} });
  });
});

describe('debug.Echo', () => {
  test('logs the rendered format at the given level', async () => {
    const r = buildRunContext({ task: task('debug.Echo', { format: '{{ 6 * 7 }}', level: 'DEBUG' }) });
    expect(await r.run(echoTask)).toBeUndefined();
    expect(r.logs).toEqual([{ level: 'DEBUG', message: '42' }]);
  });

  test('INFO by default', async () => {
    const r = buildRunContext({ task: task('debug.Echo', { format: 'hi' }) });
    await r.run(echoTask);
    expect(r.logs).toEqual([{ level: 'INFO', message: 'hi' }]);
  });
});

describe('output.OutputValues', () => {
  test('renders keys and string leaves recursively, keeps typed leaves', async () => {
    const r = buildRunContext({
      task: task('output.OutputValues', {
        values: { n: 1, ok: true, s: '{{ inputs.a }}', '{{ inputs.k }}': 'key', nested: { list: ['{{ 1 + 1 }}', 3.5] }, obj: '{{ inputs }}' },
      }),
      variables: { inputs: { a: 'A', k: 'dyn' } },
    });
    expect(await r.run(outputValuesTask)).toEqual({
      outputs: { values: { n: 1, ok: true, s: 'A', dyn: 'key', nested: { list: ['2', 3.5] }, obj: '{"a":"A","k":"dyn"}' } },
    });
  });

  test('no values: empty map', async () => {
    const r = buildRunContext({ task: task('output.OutputValues') });
    expect(await r.run(outputValuesTask)).toEqual({ outputs: { values: {} } });
  });

  test('values given as an expression producing a map', async () => {
    const r = buildRunContext({ task: task('output.OutputValues', { values: '{{ inputs }}' }), variables: { inputs: { a: 1 } } });
    expect(await r.run(outputValuesTask)).toEqual({ outputs: { values: { a: 1 } } });
  });
});

describe('execution.Fail', () => {
  test('without condition: fails with the default message', async () => {
    const e = await runExpectingError(buildRunContext({ task: task('execution.Fail') }), failTask);
    expect(e).toBeInstanceOf(TaskError);
    expect(e.message).toBe('Task failure');
  });

  test('without condition: fails with the rendered errorMessage', async () => {
    const r = buildRunContext({ task: task('execution.Fail', { errorMessage: 'Bad input {{ inputs.x }}' }), variables: { inputs: { x: 3 } } });
    expect((await runExpectingError(r, failTask)).message).toBe('Bad input 3');
  });

  test('truthy condition: ERROR log of errorMessage, fails with "Fail on a condition"', async () => {
    const r = buildRunContext({ task: task('execution.Fail', { condition: '{{ inputs.x > 2 }}', errorMessage: 'x too big' }), variables: { inputs: { x: 3 } } });
    expect((await runExpectingError(r, failTask)).message).toBe('Fail on a condition');
    expect(r.logs).toEqual([{ level: 'ERROR', message: 'x too big' }]);
  });

  test('falsy condition (Kestra truthiness on the rendered text): success', async () => {
    for (const condition of ['{{ false }}', '0', '', '{{ 1 > 2 }}']) {
      const r = buildRunContext({ task: task('execution.Fail', { condition }) });
      expect(await r.run(failTask)).toBeUndefined();
      expect(r.logs).toEqual([]);
    }
  });

  test('"False" and "no" are truthy, as in Kestra', async () => {
    const r = buildRunContext({ task: task('execution.Fail', { condition: 'no' }) });
    expect((await runExpectingError(r, failTask)).message).toBe('Fail on a condition');
    expect(r.logs).toEqual([{ level: 'ERROR', message: 'Task failure' }]);
  });
});
