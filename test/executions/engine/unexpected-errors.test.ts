// A task failing with an unexpected exception: ERROR message, ERROR causes, TRACE stack trace as
// Kestra's RunContextLogger writes them, with no server file path in any entry.
import { describe, expect, test } from 'bun:test';
import { runAttempt } from '../../../src/executions/engine/attempts/worker.ts';
import { traceText } from '../../../src/executions/engine/attempts/error-trace.ts';
import { ExpressionError } from '../../../src/expressions/errors.ts';
import { fakeClock } from '../../../src/shared/time/clock.ts';
import { TaskError, type RunContext, type RunnableTask } from '../../../src/tasks/types.ts';

type Entry = [level: string, message: string];

/** one attempt of a task that throws `err`; returns its state and the log entries it wrote */
async function attempt(err: unknown): Promise<{ state: string; logs: Entry[] }> {
  const logs: Entry[] = [];
  const log = (level: string) => (m: string) => { logs.push([level, m]); };
  const ctx = {
    task: { id: 't', type: 'io.kestra.plugin.core.log.Log' }, clock: fakeClock(), render: String,
    logger: { trace: log('TRACE'), debug: log('DEBUG'), info: log('INFO'), warn: log('WARN'), error: log('ERROR'), log: (l: string, m: string) => log(l)(m) },
  } as unknown as RunContext;
  const task: RunnableTask = { run: () => { throw err; } };
  const outcome = await runAttempt(task, ctx, new AbortController());
  return { state: outcome.state, logs };
}

/** a real runtime error: its stack names this file's absolute path */
function typeError(): TypeError {
  try {
    (undefined as unknown as { x: number }).x;
  } catch (e) {
    return e as TypeError;
  }
  throw new Error('unreachable');
}

describe('unexpected exceptions in a task', () => {
  test('ERROR message, then a TRACE trace with the error name and function names, without file paths', async () => {
    const err = typeError();
    expect(err.stack).toContain(import.meta.dir); // the raw stack does leak our paths
    const { state, logs } = await attempt(err);
    expect(state).toBe('FAILED');
    expect(logs.map(([l]) => l)).toEqual(['ERROR', 'TRACE']);
    expect(logs[0]![1]).toBe(err.message);
    const trace = logs[1]![1];
    expect(trace.split('\n')[0]).toBe(`TypeError: ${err.message}`);
    expect(trace).toContain('\tat typeError');
    expect(trace).not.toContain(import.meta.dir);
    expect(trace).not.toMatch(/\.ts:\d+/);
  });

  test('causes: one ERROR entry with their messages, and a "Caused by:" section each in the trace', async () => {
    const root = new Error('connection refused');
    const middle = new RangeError('pool exhausted', { cause: root });
    const top = new Error('Unable to load the rows', { cause: middle });
    const { logs } = await attempt(top);
    expect(logs.map(([l]) => l)).toEqual(['ERROR', 'ERROR', 'TRACE']);
    expect(logs[1]![1]).toBe('pool exhausted\nconnection refused');
    const trace = logs[2]![1];
    expect(trace).toStartWith('Error: Unable to load the rows\n');
    expect(trace).toContain('\nCaused by: RangeError: pool exhausted\n');
    expect(trace).toContain('\nCaused by: Error: connection refused');
    expect(trace).not.toContain(import.meta.dir);
  });

  test('a cause cycle ends the chain', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(traceText(a).match(/Caused by:/g)).toHaveLength(1);
  });

  test('a TaskError is described by its message (and causes), an expression error by its message alone', async () => {
    expect((await attempt(new TaskError('Task failure'))).logs).toEqual([['ERROR', 'Task failure']]);
    expect((await attempt(new TaskError('Unable to read', new Error('disk full')))).logs).toEqual([['ERROR', 'Unable to read'], ['ERROR', 'disk full']]);
    const expr = new ExpressionError('Unable to find `x` used in the expression `{{ x }}` at line 1');
    expect((await attempt(expr)).logs).toEqual([['ERROR', expr.message]]);
  });

  test('paths inside an error message are hidden in the trace', async () => {
    const { logs } = await attempt(new Error("ENOENT: no such file or directory, open '/srv/app/data/x.json'"));
    expect(logs[1]![1].split('\n')[0]).toBe("Error: ENOENT: no such file or directory, open '<server path>'");
  });
});
