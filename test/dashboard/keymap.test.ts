// Keys → actions/commands, and the UI half of the reducer they drive.

import { describe, expect, test } from 'bun:test';
import type { Key } from 'ink';
import { keyToIntent, splitInput } from '../../src/dashboard/keymap.ts';
import type { DashboardState } from '../../src/dashboard/model.ts';
import { promptFor, promptValues } from '../../src/dashboard/prompt.ts';
import { selectedExecution, selectedFlow } from '../../src/dashboard/state/selectors.ts';
import { initialState, reduceAll } from '../../src/dashboard/state/state.ts';
import { log, row, T0 } from './helpers.ts';

/** Presses keys one after another, applying each result; returns the state and the commands. */
function press(s: DashboardState, ...keys: (string | Partial<Key>)[]) {
  const commands = [];
  for (const k of keys) {
    const r = typeof k === 'string' ? keyToIntent(s, k, {}) : keyToIntent(s, '', k);
    s = reduceAll(s, r.actions);
    if (r.command) commands.push(r.command);
  }
  return { s, commands };
}

const flows = [{ tenant: 'main', namespace: 'a', id: 'one', revision: 1 }, { tenant: 'main', namespace: 'b', id: 'two', revision: 3 }];
const withData = () => reduceAll(initialState(), [{ type: 'seed', flows, invalid: [], executions: [row('e1', 'SUCCESS', { start: T0, flowId: 'one', namespace: 'a' }), row('e2', 'RUNNING', { start: T0 + 1 })] }]);

describe('keys and UI state', () => {
  test('arrows move the selection in the focused pane; Tab and ←/→ change pane', () => {
    let { s } = press(withData());
    expect(s.ui.focus).toBe('executions');
    expect(selectedExecution(s)!.id).toBe('e2');
    ({ s } = press(s, { downArrow: true }));
    expect(selectedExecution(s)!.id).toBe('e1');
    ({ s } = press(s, { downArrow: true }));
    expect(selectedExecution(s)!.id).toBe('e1'); // clamped
    // a new execution arriving on top does not move the selection
    s = reduceAll(s, [{ type: 'execution', row: row('e3', 'RUNNING', { start: T0 + 2 }) }]);
    expect(selectedExecution(s)!.id).toBe('e1');
    ({ s } = press(s, { tab: true }, { tab: true }, { tab: true }));
    expect(s.ui.focus).toBe('flows');
    ({ s } = press(s, { downArrow: true }));
    expect(selectedFlow(s)!.id).toBe('two');
    ({ s } = press(s, { rightArrow: true }, { leftArrow: true }, { tab: true, shift: true }));
    expect(s.ui.focus).toBe('logs');
  });

  test('Enter on a flow filters its executions; Enter on an execution opens it; Esc goes back', () => {
    let { s } = press(withData(), { tab: true, shift: true });
    expect(s.ui.focus).toBe('flows');
    ({ s } = press(s, { return: true }));
    expect(s.ui.filter).toBe('a.one');
    expect(s.ui.focus).toBe('executions');
    ({ s } = press(s, { return: true }));
    expect(s.ui.opened).toBe('e1');
    expect(s.ui.focus).toBe('tasks');
    ({ s } = press(s, { tab: true }, { tab: true }));
    expect(s.ui.focus).toBe('tasks'); // only tasks and logs in the detail view
    ({ s } = press(s, { escape: true }));
    expect(s.ui.opened).toBeUndefined();
    ({ s } = press(s, { escape: true }));
    expect(s.ui.filter).toBe('');
  });

  test('/ edits the filter (typing, backspace, Enter keeps, Esc clears); l cycles the level; ? toggles help', () => {
    let { s } = press(withData(), '/', 't', 'w', 'x', { backspace: true }, 'o', { return: true });
    expect(s.ui.filter).toBe('two');
    expect(s.ui.filterEditing).toBe(false);
    ({ s } = press(s, '/', 'z', { escape: true }));
    expect(s.ui.filter).toBe('');
    ({ s } = press(s, 'l', 'l'));
    expect(s.ui.minLevel).toBe('ERROR');
    ({ s } = press(s, 'l'));
    expect(s.ui.minLevel).toBe('TRACE');
    ({ s } = press(s, '?'));
    expect(s.ui.help).toBe(true);
    ({ s } = press(s, { escape: true }));
    expect(s.ui.help).toBe(false);
  });

  test('log scrolling leaves follow mode; scrolling back down or f resumes it', () => {
    const logs = ['a', 'b', 'c'].map((m) => log('e2', m));
    let { s } = press(reduceAll(withData(), logs), { tab: true }, { tab: true });
    expect(s.ui.focus).toBe('logs');
    ({ s } = press(s, { upArrow: true }, { upArrow: true }));
    expect(s.ui).toMatchObject({ follow: false, logScroll: 2 });
    ({ s } = press(s, { upArrow: true }, { upArrow: true }));
    expect(s.ui.logScroll).toBe(2); // clamped: three lines, the oldest at the top
    ({ s } = press(s, { downArrow: true }, { downArrow: true }));
    expect(s.ui).toMatchObject({ follow: true, logScroll: 0 });
    ({ s } = press(s, 'f'));
    expect(s.ui.follow).toBe(false);
  });

  test('x asks for the inputs of the selected flow; r/k/p/u act on the selected execution; q quits', () => {
    const { commands } = press(withData(), 'x', 'r', 'k', 'p', 'u', 'q', { ctrl: true });
    expect(commands[0]).toEqual({ kind: 'ask-inputs', flow: { tenant: 'main', namespace: 'company.team', id: 'hello' } });
    expect(commands.slice(1, 5).map((c) => c.kind === 'control' && [c.verb, c.execution.id])).toEqual([['replay', 'e2'], ['kill', 'e2'], ['pause', 'e2'], ['resume', 'e2']]);
    expect(commands[5]).toEqual({ kind: 'quit' });
    expect(press(withData(), { ctrl: true }).commands).toEqual([]);
    expect(keyToIntent(withData(), 'c', { ctrl: true }).command).toEqual({ kind: 'quit' });
    const empty = press(initialState(), 'k');
    expect(empty.commands).toEqual([]);
    expect(empty.s.ui.message?.tone).toBe('error');
  });

  test('the run prompt: defaults shown, types, choices, required fields, Enter on the last field runs', () => {
    const prompt = promptFor({ tenant: 'main', namespace: 'a', id: 'one' }, [
      { id: 'name', type: 'STRING', defaults: 'world' },
      { id: 'count', type: 'INT', required: true },
      { id: 'color', type: 'ENUM', values: ['red', 'blue'], defaults: 'red' },
      { id: 'dry', type: 'BOOLEAN', required: false },
    ]);
    expect(prompt.fields.map((f) => [f.id, f.type, f.defaultText, f.choices])).toEqual([
      ['name', 'STRING', 'world', undefined], ['count', 'INT', undefined, undefined], ['color', 'ENUM', 'red', ['red', 'blue']], ['dry', 'BOOLEAN', undefined, ['true', 'false']],
    ]);
    let { s } = press(withData(), { escape: true });
    s = reduceAll(s, [{ type: 'prompt-open', prompt }]);
    let commands;
    ({ s, commands } = press(s, { return: true }, { return: true }, { return: true }, { return: true }));
    expect(commands).toEqual([]);
    expect(s.ui.message?.text).toBe('required: count');
    ({ s } = press(s, { upArrow: true }, { upArrow: true }, '4', '2x', { backspace: true }, { tab: true }, { rightArrow: true }, { rightArrow: true }, { tab: true }, { rightArrow: true }));
    ({ s, commands } = press(s, { return: true }));
    expect(s.ui.prompt).toBeUndefined();
    expect(commands[0]!.kind).toBe('run');
    expect(promptValues((commands[0] as { prompt: typeof prompt }).prompt)).toEqual(new Map([['count', '42'], ['color', 'blue'], ['dry', 'true']]));
  });

  test('a chunk of typed keys is split so Enter inside it still acts', () => {
    expect(splitInput('Bob\r', {})).toEqual([['Bob', {}], ['', { return: true }]]);
    expect(splitInput('a\tb\u007f', {})).toEqual([['a', {}], ['', { tab: true }], ['b', {}], ['', { backspace: true }]]);
    expect(splitInput('x', {})).toEqual([['x', {}]]);
    expect(splitInput('[A', { upArrow: true })).toEqual([['[A', { upArrow: true }]]);
  });
});
