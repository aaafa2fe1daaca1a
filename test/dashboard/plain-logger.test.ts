// The non-dashboard output: one line per event, as text or JSON.

import { describe, expect, test } from 'bun:test';
import { attachPlainLogger } from '../../src/cli/plain-logger.ts';
import { withState } from '../../src/executions/state.ts';
import { createEventBus } from '../../src/shared/events.ts';
import { execution, logEntry, T0 } from './helpers.ts';

function run(format?: 'text' | 'json') {
  const events = createEventBus();
  const lines: string[] = [];
  const detach = attachPlainLogger(events, (l) => lines.push(l), () => T0, format ? { format } : undefined);
  const e = execution('e1');
  events.emit('flow.changed', { tenant: 'main', namespace: 'company.team', id: 'hello', revision: 1, origin: 'file', deleted: false, source: '' });
  events.emit('execution.updated', { execution: e });
  e.state = withState(e.state, 'RUNNING', T0 + 1);
  events.emit('execution.updated', { execution: e });
  events.emit('execution.updated', { execution: e }); // a task-run change: same state, no line
  events.emit('log.created', { entry: logEntry('e1', 'hello world') });
  e.state = withState(e.state, 'FAILED', T0 + 2);
  events.emit('execution.updated', { execution: e });
  events.emit('flow.invalid', { tenant: 'main', file: 'bad.yml', violations: [{ path: 'tasks', message: 'must not be empty' }] });
  detach();
  events.emit('log.created', { entry: logEntry('e1', 'after detach') });
  return lines;
}

describe('plain logger', () => {
  test('text: one line per flow event, execution state change and log line', () => {
    const time = new Date(T0).toISOString();
    expect(run()).toEqual([
      `${time} INFO  flow company.team.hello revision 1 (from file)`,
      `${time} INFO  execution e1 company.team.hello CREATED`,
      `${time} INFO  execution e1 company.team.hello RUNNING`,
      `${new Date(T0 + 5).toISOString()} INFO  company.team.hello e1 say: hello world`,
      `${time} ERROR execution e1 company.team.hello FAILED`,
      `${time} WARN  invalid flow file bad.yml: tasks: must not be empty`,
    ]);
  });

  test('json: one parseable object per line with the raw log message', () => {
    const objects = run('json').map((l) => JSON.parse(l));
    expect(objects.map((o) => o.event)).toEqual(['flow.changed', 'execution', 'execution', 'log', 'execution', 'flow.invalid']);
    expect(objects[3]).toEqual({
      time: new Date(T0 + 5).toISOString(), level: 'INFO', event: 'log', message: 'hello world',
      tenant: 'main', namespace: 'company.team', flowId: 'hello', executionId: 'e1', taskId: 'say',
    });
    expect(objects[4]).toMatchObject({ level: 'ERROR', executionId: 'e1', state: 'FAILED' });
  });

  test('the three-argument call of earlier callers still works', () => {
    const events = createEventBus();
    const lines: string[] = [];
    attachPlainLogger(events, (l) => lines.push(l), () => T0);
    events.emit('flow.file-error', { file: 'x.yml', message: 'unreadable' });
    expect(lines).toEqual([`${new Date(T0).toISOString()} WARN  flow file x.yml: unreadable`]);
  });
});
