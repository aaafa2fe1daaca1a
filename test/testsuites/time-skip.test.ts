// Test cases on skipping time: a Sleep, a Pause with pauseDuration and retry intervals take no
// wall time, yet the execution's dates and durations show the time that passed; a case that can
// never move on ends as an error at once instead of waiting for the time limit.
import { describe, expect, test } from 'bun:test';
import { isFakeClock, systemClock } from '../../src/shared/time/clock.ts';
import type { TestSuite } from '../../src/testsuites/model.ts';
import { withTimeSkipping } from '../../src/testsuites/time-skip.ts';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const TIMED = `id: timed
namespace: qa
tasks:
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT1H
  - id: wait
    type: io.kestra.plugin.core.flow.Pause
    pauseDuration: PT30M
  - id: flaky
    type: io.kestra.plugin.core.execution.Fail
    allowFailure: true
    retry:
      type: constant
      interval: PT10M
      maxAttempts: 3
`;
const STUCK = `id: stuck
namespace: qa
tasks:
  - id: wait
    type: io.kestra.plugin.core.flow.Pause
`;

const suiteOf = (flowId: string, expectedState = 'SUCCESS'): TestSuite => ({
  id: `${flowId}_tests`, namespace: 'qa', flowId,
  testCases: [{ id: 'case', type: 'io.kestra.core.tests.flow.UnitTest', expectedState, assertions: [{ value: 'a', equalTo: 'a' }] }],
} as TestSuite);

async function runSkipping(c: TestClient, suite: TestSuite) {
  const { clock } = c.rt;
  if (!isFakeClock(clock)) throw new Error('the test runtime has a fake clock');
  const { time } = c.rt.services.admin;
  const runner = c.rt.services.testsuites.runner;
  return withTimeSkipping({ clock, settle: time.settle, moveTo: (now) => time.set({ now }) },
    (stalled) => runner.runCase('main', suite, suite.testCases[0]!, { limitClock: systemClock(), stalled }));
}

const ms = (iso: string) => Date.parse(iso);

describe('time skipping', () => {
  test('Sleep PT1H, Pause pauseDuration PT30M and retries: an instant of wall time, the real durations on the execution', async () => {
    const c = await testRuntime();
    expect((await c.json('POST', '/api/v1/flows', { body: TIMED, type: YAML })).status).toBe(200);
    const start = c.rt.clock.now();
    const result = await runSkipping(c, suiteOf('timed', 'WARNING'));
    expect(result.errors).toEqual([]);
    expect(result.state).toBe('SUCCESS');
    const exec = (await c.json('GET', `/api/v1/executions/${result.executionId}`)).body;
    expect(exec.kind).toBe('TEST');
    const run = (id: string) => exec.taskRunList.find((t: any) => t.taskId === id);
    expect(run('nap').state.duration).toBe('PT1H');
    expect(ms(run('wait').state.endDate) - ms(run('wait').state.startDate)).toBe(30 * 60_000);
    expect(run('flaky').attempts).toHaveLength(3);
    // 1 h sleep + 30 min pause + two 10 min retry intervals
    expect(ms(exec.state.endDate) - ms(exec.state.startDate)).toBe(110 * 60_000);
    expect(c.rt.clock.now()).toBe(start + 110 * 60_000);
  });

  test('Pause behavior: the pauseDuration ends the task as the behavior says', async () => {
    const c = await testRuntime();
    const flow = TIMED.split('  - id: flaky')[0]!.replace('pauseDuration: PT30M', 'pauseDuration: PT30M\n    behavior: WARN');
    expect((await c.json('POST', '/api/v1/flows', { body: flow, type: YAML })).status).toBe(200);
    const result = await runSkipping(c, suiteOf('timed', 'WARNING'));
    expect(result.state).toBe('SUCCESS');
    const exec = (await c.json('GET', `/api/v1/executions/${result.executionId}`)).body;
    expect(exec.taskRunList.find((t: any) => t.taskId === 'wait').state.current).toBe('WARNING');
  });

  test('a Pause nothing will resume: an ERROR naming the state, the execution killed, no wait', async () => {
    const c = await testRuntime();
    expect((await c.json('POST', '/api/v1/flows', { body: STUCK, type: YAML })).status).toBe(200);
    const result = await runSkipping(c, suiteOf('stuck'));
    expect(result.state).toBe('ERROR');
    expect(result.errors[0]!.message).toContain('The execution stopped in state PAUSED with nothing left to move it on');
    expect(result.executionId).toBeDefined();
    const exec = (await c.json('GET', `/api/v1/executions/${result.executionId}`)).body;
    expect(exec.state.current).toBe('KILLED');
  });

  test('cases that start after a stall are not caught by it', async () => {
    const c = await testRuntime();
    expect((await c.json('POST', '/api/v1/flows', { body: STUCK, type: YAML })).status).toBe(200);
    expect((await c.json('POST', '/api/v1/flows', { body: TIMED, type: YAML })).status).toBe(200);
    const { clock } = c.rt;
    if (!isFakeClock(clock)) throw new Error('fake clock expected');
    const { time } = c.rt.services.admin;
    const runner = c.rt.services.testsuites.runner;
    const stuck = suiteOf('stuck');
    const timed = suiteOf('timed', 'WARNING');
    const [first, second] = await withTimeSkipping({ clock, settle: time.settle, moveTo: (now) => time.set({ now }) }, async (stalled) => {
      const a = await runner.runCase('main', stuck, stuck.testCases[0]!, { limitClock: systemClock(), stalled });
      const b = await runner.runCase('main', timed, timed.testCases[0]!, { limitClock: systemClock(), stalled });
      return [a, b];
    });
    expect(first!.state).toBe('ERROR');
    expect(second!.state).toBe('SUCCESS');
  });
});
