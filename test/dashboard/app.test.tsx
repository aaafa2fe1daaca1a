// The live app: bus events reach the screen through the batching stream; keys drive the deps.

import { afterEach, describe, expect, test } from 'bun:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../src/dashboard/app.tsx';
import { withState } from '../../src/executions/state.ts';
import type { Input } from '../../src/flows/model.ts';
import { execution, fakeDeps, logEntry, manualTimers, T0, taskRun, until } from './helpers.ts';

afterEach(cleanup);

function mount(inputs: Input[] = []) {
  const deps = fakeDeps({}, inputs);
  const timers = manualTimers();
  const r = render(<App deps={deps} timers={timers} columns={80} rows={24} />);
  const frame = () => r.lastFrame() ?? '';
  return { deps, timers, r, frame };
}

describe('dashboard app', () => {
  test('events appear after one batched flush: execution, its state, task progress, its log line', async () => {
    const { deps, timers, frame } = mount();
    expect(frame()).toContain('company.team.hello');
    const e = execution('liveExec01');
    e.state = withState(e.state, 'RUNNING', T0 + 1);
    e.taskRunList.push(taskRun(e, 'tr1', 'say', 'RUNNING', T0 + 1));
    deps.bus.emit('execution.updated', { execution: e });
    deps.bus.emit('log.created', { entry: logEntry('liveExec01', 'hello Bob') });
    expect(frame()).not.toContain('liveExe');
    timers.fire();
    await until(() => frame().includes("liveExe"));
    expect(frame()).toMatch(/liveExe… hello\s+RUNNING/);
    expect(frame()).toContain('hello Bob');
    e.taskRunList[0]!.state = withState(e.taskRunList[0]!.state, 'SUCCESS', T0 + 2);
    e.state = withState(e.state, 'SUCCESS', T0 + 3);
    deps.bus.emit('execution.updated', { execution: e });
    timers.fire();
    await until(() => /SUCCESS\s+\S+\s+1\/1/.test(frame()));
    expect(frame()).toMatch(/succeeded 1/);
  });

  test('a running execution\'s duration advances with the clock, without new events', async () => {
    let clock = T0 + 1000;
    const deps = fakeDeps({ now: () => clock });
    const timers = manualTimers();
    const r = render(<App deps={deps} timers={timers} columns={80} rows={24} />);
    const frame = () => r.lastFrame() ?? '';
    const e = execution('slowExec01');
    e.state = withState(e.state, 'RUNNING', T0 + 1000);
    deps.bus.emit('execution.updated', { execution: e });
    timers.fire();
    await until(() => /slowExe… hello\s+RUNNING\s+1\.0s/.test(frame()));
    await until(() => timers.pending() === 1); // the dashboard's own tick, armed after the frame
    clock += 5_000;
    timers.fire();
    await until(() => /slowExe… hello\s+RUNNING\s+6\.0s/.test(frame()));
    await until(() => timers.pending() === 1); // re-armed after that frame
    clock += 2_000;
    timers.fire();
    await until(() => /slowExe… hello\s+RUNNING\s+8\.0s/.test(frame()));
  });

  test('x prompts for inputs; typed keys and Enter run the flow with them', async () => {
    const { deps, r, frame } = mount([{ id: 'name', type: 'STRING', defaults: 'world' }]);
    r.stdin.write('x');
    await until(() => frame().includes('Run company.team.hello'));
    expect(frame()).toContain('default world');
    r.stdin.write('Bob');
    await until(() => frame().includes('Bob'));
    r.stdin.write('\r');
    await until(() => deps.calls.run.length === 1 && frame().includes('started company.team.hello as new1'));
    expect(deps.calls.run[0]).toEqual(['company.team', 'hello', new Map([['name', 'Bob']])]);
  });

  test('a flow without inputs runs at once; k kills the selected execution; q quits', async () => {
    const { deps, timers, r, frame } = mount();
    r.stdin.write('x');
    await until(() => deps.calls.run.length === 1);
    deps.bus.emit('execution.updated', { execution: execution('new1') });
    timers.fire();
    await until(() => frame().includes('new1'));
    r.stdin.write('k');
    await until(() => frame().includes('kill new1'));
    expect(deps.calls.control).toEqual([['kill', 'new1']]);
    r.stdin.write('q');
    await until(() => deps.calls.quit === 1);
  });

  test('a failing action is reported on the status line, not thrown', async () => {
    const deps = fakeDeps({ control: async () => { throw new Error("Execution 'new1' is not paused, can't resume it"); } });
    deps.seed = () => ({ type: 'seed', flows: [], invalid: [], executions: [{ id: 'new1', tenant: 'main', namespace: 'n', flowId: 'f', state: 'SUCCESS', start: T0, end: T0 + 1, tasks: [] }] });
    const r = render(<App deps={deps} timers={manualTimers()} columns={80} rows={24} />);
    r.stdin.write('u');
    await until(() => (r.lastFrame() ?? '').includes("can't resume it"));
  });

  test('unmounting unsubscribes from the bus', async () => {
    const { deps, r } = mount();
    expect(deps.bus.listenerCount('log.created')).toBe(1);
    r.unmount();
    await until(() => deps.bus.listenerCount('log.created') === 0);
  });
});
