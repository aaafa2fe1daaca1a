import { describe, expect, test } from 'bun:test';
import { parseFixtureFile } from '../../src/tasks/fixtures-format.ts';

const parseError = (text: string): string => {
  try {
    parseFixtureFile(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a parse error');
};

describe('fixture file format', () => {
  test('a full file', () => {
    const file = parseFixtureFile(`
namespace: company.team
flowId: daily
tasks:
  - id: extract
    value: 3
    state: WARNING
    outputs: {vars: {rows: 42}}
    files: {out.csv: "a,b", data.json: {a: 1}}
    logs: [{level: warn, message: hi}, plain text]
    duration: PT1S
  - type: io.kestra.plugin.jdbc.postgresql.Query
    attempts: [{state: FAILED, errorMessage: boom}, {outputs: {size: 1}}]
`);
    expect(file).toEqual({
      namespace: 'company.team',
      flowId: 'daily',
      entries: [
        {
          id: 'extract', value: '3', state: 'WARNING', outputs: { vars: { rows: 42 } }, files: { 'out.csv': 'a,b', 'data.json': '{"a":1}' },
          logs: [{ level: 'WARN', message: 'hi' }, { level: 'INFO', message: 'plain text' }], duration: 'PT1S',
        },
        { type: 'io.kestra.plugin.jdbc.postgresql.Query', attempts: [{ state: 'FAILED', errorMessage: 'boom' }, { outputs: { size: 1 } }] },
      ],
    });
  });

  test('Kestra test-suite documents: fixtures.tasks and enabled testCases', () => {
    expect(parseFixtureFile('fixtures:\n  tasks:\n    - id: a\n').entries).toEqual([{ id: 'a' }]);
    const suite = parseFixtureFile(`
id: suite
namespace: company.team
flowId: f
testCases:
  - id: one
    type: io.kestra.core.tests.flow.UnitTest
    fixtures: {tasks: [{id: a, outputs: {x: 1}}]}
  - id: off
    disabled: true
    fixtures: {tasks: [{id: b}]}
`);
    expect(suite).toEqual({ namespace: 'company.team', flowId: 'f', entries: [{ id: 'a', outputs: { x: 1 } }] });
  });

  test('an empty file holds no fixtures', () => {
    expect(parseFixtureFile('')).toEqual({ entries: [] });
    expect(parseFixtureFile('# nothing yet\n')).toEqual({ entries: [] });
  });

  test('invalid files are explained', () => {
    expect(parseError('tasks: [')).toStartWith('Invalid YAML:');
    expect(parseError('- a\n- b\n')).toBe('A fixture file must be a YAML map with a `tasks` list');
    expect(parseError('flowId: x\n')).toBe('tasks: a fixture file needs a `tasks` list');
    expect(parseError('tasks: {id: a}\n')).toBe('tasks: must be a list');
    expect(parseError('tasks: [{state: SUCCESS}]\n')).toBe('tasks[0]: needs an `id` or a `type` to match tasks');
    expect(parseError('tasks: [{id: a, ouputs: {}}]\n')).toStartWith('tasks[0].ouputs: unknown property');
    expect(parseError('tasks: [{id: a, state: RUNNING}]\n')).toBe('tasks[0].state: must be one of SUCCESS, WARNING, FAILED');
    expect(parseError('tasks: [{id: a, outputs: [1]}]\n')).toBe('tasks[0].outputs: must be a map');
    expect(parseError('tasks: [{id: a, logs: [{level: LOUD, message: x}]}]\n')).toBe('tasks[0].logs[0].level: must be one of TRACE, DEBUG, INFO, WARN, ERROR');
    expect(parseError('tasks: [{id: a, logs: [{level: INFO}]}]\n')).toBe('tasks[0].logs[0].message: is required');
    expect(parseError('tasks: [{id: a, files: {"../x": y}}]\n')).toBe("tasks[0].files: invalid file name '../x'");
    expect(parseError('tasks: [{id: a, attempts: []}]\n')).toBe('tasks[0].attempts: must be a non-empty list');
    expect(parseError('tasks: [{id: a, attempts: [{id: b}]}]\n')).toStartWith('tasks[0].attempts[0].id: unknown property');
    expect(parseError('tasks: [{id: [1]}]\n')).toBe('tasks[0].id: must be a string');
  });
});
