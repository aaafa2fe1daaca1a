// Rendered frames of the dashboard view at 80×24 and larger, on resize, and in each mode.

import { afterEach, describe, expect, test } from 'bun:test';
import { cleanup, render } from 'ink-testing-library';
import type { Action } from '../../src/dashboard/actions.ts';
import { promptFor } from '../../src/dashboard/prompt.ts';
import { initialState, reduceAll } from '../../src/dashboard/state/state.ts';
import { DashboardView } from '../../src/dashboard/view.tsx';
import { INFO, log, row, T0 } from './helpers.ts';

afterEach(cleanup);

const tasks = [
  { id: 'tr1', taskId: 'say', state: 'SUCCESS' as const, attempts: 1, start: T0, end: T0 + 100 },
  { id: 'tr2', taskId: 'each', state: 'RUNNING' as const, attempts: 1, start: T0 + 100 },
  { id: 'tr3', taskId: 'child', parentId: 'tr2', value: 'a', state: 'FAILED' as const, attempts: 2, start: T0 + 150, end: T0 + 400 },
];

function sample(...more: Action[]) {
  return reduceAll(initialState(), [
    { type: 'seed', flows: [{ tenant: 'main', namespace: 'company.team', id: 'hello', revision: 3 }], invalid: [{ file: 'broken.yml', message: 'tasks: must not be empty' }], executions: [] },
    { type: 'execution', row: row('exec0000001', 'SUCCESS', { start: T0 - 5000, end: T0 - 4000, tasks: [tasks[0]!] }) },
    { type: 'execution', row: row('exec0000002', 'RUNNING', { tasks }) },
    log('exec0000002', 'hello from say', 'INFO', 'say'),
    log('exec0000002', 'something broke', 'ERROR', 'child'),
    log('exec0000002', 'noisy detail', 'DEBUG', 'child'),
    ...more,
  ]);
}

const frame = (el: React.ReactElement) => render(el).lastFrame()!;
const lines = (f: string) => f.split('\n');

describe('dashboard view', () => {
  test('80×24: every part fits, one line per row', () => {
    const f = frame(<DashboardView state={sample()} info={INFO} now={T0 + 1000} columns={80} rows={24} />);
    expect(lines(f)).toHaveLength(24);
    for (const l of lines(f)) expect(Bun.stringWidth(l)).toBeLessThanOrEqual(80);
    expect(f).toContain('http://127.0.0.1:8080');
    expect(f).toMatch(/flows 1 \(1 invalid\)\s+running 1\s+succeeded 1\s+failed 0\s+next fire —/);
    expect(f).toContain('company.team.hello');
    expect(f).toContain('✗ broken.yml');
    expect(f).toContain('tasks: must not be');
    expect(f).toMatch(/exec000… hello\s+RUNNING/); // 80 columns: the flow id without its namespace
    expect(f).toMatch(/SUCCESS\s+1\.0s\s+1\/1/);
    expect(f).toContain('2/3'); // task-run progress of the running one (2 of 3 finished)
    expect(f).toContain('hello from say');
    expect(f).toContain('something broke');
    expect(f).not.toContain('noisy detail'); // below the INFO minimum
    expect(lines(f).at(-1)).toContain('x run');
    expect(lines(f).at(-1)).toContain('q quit');
  });

  test('task-run tree: children under their parent, attempts, durations, Gantt bars', () => {
    const s = sample({ type: 'focus', pane: 'executions' }, { type: 'open' });
    const f = frame(<DashboardView state={s} info={INFO} now={T0 + 1000} columns={80} rows={24} />);
    expect(f).toContain('Task runs · exec0000002');
    const say = lines(f).find((l) => l.includes(' say '))!;
    const child = lines(f).find((l) => l.includes('child [a]'))!;
    expect(say).toMatch(/say\s+SUCCESS\s+100ms/);
    expect(child).toMatch(/│ {4}child \[a\]\s+FAILED\s+×2\s+250ms/); // indented under `each`
    // the Gantt: say occupies the start of the axis, child starts later
    expect(say.indexOf('█')).toBeLessThan(child.indexOf('█'));
    expect(f).not.toContain('Flows'); // the detail view gives the body to tasks and logs
  });

  test('resize: a wide terminal puts tasks and logs side by side; the frame follows the size', () => {
    const r = render(<DashboardView state={sample()} info={INFO} now={T0} columns={80} rows={24} />);
    r.rerender(<DashboardView state={sample()} info={INFO} now={T0} columns={130} rows={40} />);
    const f = r.lastFrame()!;
    expect(lines(f)).toHaveLength(40);
    expect(lines(f).some((l) => l.includes('Task runs') && l.includes('Logs'))).toBe(true);
    r.rerender(<DashboardView state={sample()} info={INFO} now={T0} columns={80} rows={24} />);
    expect(lines(r.lastFrame()!)).toHaveLength(24);
  });

  test('level, follow mode, filter and the status message show up', () => {
    const more = Array.from({ length: 10 }, (_, i) => log('exec0000002', `line ${i}`, 'DEBUG'));
    const s = sample(...more, { type: 'set-level', level: 'DEBUG' }, { type: 'focus', pane: 'logs' }, { type: 'move', delta: -1 }, { type: 'filter-start' }, { type: 'filter-type', text: 'hello' });
    const f = frame(<DashboardView state={s} info={INFO} now={T0} columns={80} rows={24} />);
    expect(f).toContain('Logs ≥ DEBUG · 13 lines · scrolled ↑1');
    expect(f).toContain('line 8');
    expect(f).not.toContain('line 9'); // scrolled up one: the newest line is below the window
    expect(lines(f).at(-1)).toContain('/hello');
    const m = frame(<DashboardView state={sample({ type: 'message', text: 'killing exec0000002', tone: 'info' })} info={INFO} now={T0} columns={80} rows={24} />);
    expect(lines(m).at(-1)).toContain('killing exec0000002');
  });

  test('help overlay and input prompt replace the body', () => {
    const h = frame(<DashboardView state={sample({ type: 'toggle-help' })} info={INFO} now={T0} columns={80} rows={24} />);
    expect(h).toContain('Keys');
    expect(h).toContain('minimum log level');
    const prompt = promptFor({ tenant: 'main', namespace: 'company.team', id: 'hello' }, [{ id: 'name', type: 'STRING', defaults: 'world' }, { id: 'n', type: 'INT' }]);
    const p = frame(<DashboardView state={sample({ type: 'prompt-open', prompt }, { type: 'prompt-type', text: 'Bob' })} info={INFO} now={T0} columns={80} rows={24} />);
    expect(p).toContain('Run company.team.hello');
    expect(p).toMatch(/›name\s+Bob\s+STRING · default world/);
    expect(p).toMatch(/ n\*\s+INT/);
  });

  test('an empty server still renders cleanly', () => {
    const f = frame(<DashboardView state={initialState()} info={{ ...INFO, flowsDir: undefined, auth: true }} now={T0} columns={80} rows={24} />);
    expect(lines(f)).toHaveLength(24);
    expect(f).toContain('auth on');
    expect(f).toContain('no executions yet');
    expect(f).toContain('select an execution');
  });
});
