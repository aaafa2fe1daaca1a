import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../../src/shared/time/clock.ts';
import { testRuntime } from '../../helpers/runtime.ts';
import { logsOf, runWithClock, saveFlow, taskRun } from '../../helpers/flows.ts';

const LOG = 'io.kestra.plugin.core.log.Log';

describe('retries, sleep and timeouts on the fake clock', () => {
  test('constant retry: 3 attempts, execution goes RETRYING, then FAILED; errors wait for retries', async () => {
    const c = await testRuntime();
    const e = await runWithClock(c, `id: retry
namespace: t
tasks:
  - id: flaky
    type: io.kestra.plugin.core.execution.Fail
    retry:
      type: constant
      interval: PT10S
      maxAttempts: 3
errors:
  - id: handler
    type: ${LOG}
    message: "attempts={{ outputs.flaky ?? 'none' }}"
`, 5000);
    expect(e.state.current).toBe('FAILED');
    const run = taskRun(e, 'flaky');
    expect(run.attempts).toHaveLength(3);
    expect(run.state.histories.map((h: any) => h.state)).toEqual(['CREATED', 'RUNNING', 'FAILED', 'RETRYING', 'CREATED', 'RUNNING', 'FAILED', 'RETRYING', 'CREATED', 'RUNNING', 'FAILED']);
    expect(e.state.histories.map((h: any) => h.state)).toContain('RETRYING');
    // second attempt starts 10 s after the first ended
    const gap = Date.parse(run.attempts[1].state.startDate) - Date.parse(run.attempts[0].state.endDate);
    expect(gap).toBeGreaterThanOrEqual(10_000);
    expect(taskRun(e, 'handler').state.current).toBe('SUCCESS');
    const attempts = logsOf(c, e.id).filter((l) => l.taskId === 'flaky' && l.level === 'ERROR').map((l) => l.attemptNumber);
    expect(attempts).toEqual([0, 1, 2]);
  });

  test('taskrun.attemptsCount and warningOnRetry: success on the 3rd attempt is WARNING', async () => {
    const c = await testRuntime();
    const e = await runWithClock(c, `id: retry2
namespace: t
tasks:
  - id: flaky
    type: io.kestra.plugin.core.execution.Fail
    condition: "{{ taskrun.attemptsCount < 2 }}"
    retry:
      type: constant
      interval: PT1S
      maxAttempts: 5
      warningOnRetry: true
`, 1000);
    expect(taskRun(e, 'flaky').attempts).toHaveLength(3);
    expect(taskRun(e, 'flaky').state.current).toBe('WARNING');
    expect(e.state.current).toBe('WARNING');
  });

  test('Sleep waits on the injected clock', async () => {
    const c = await testRuntime();
    const flow = await saveFlow(c, `id: sleepy\nnamespace: t\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n  - id: after\n    type: ${LOG}\n    message: awake\n`);
    const started = await c.json('POST', `/api/v1/executions/${flow.namespace}/${flow.id}`, { body: new FormData() });
    const clock = c.rt.clock as FakeClock;
    await new Promise((r) => setImmediate(r));
    clock.advance(59 * 60 * 1000);
    await new Promise((r) => setImmediate(r));
    expect(c.rt.engine.get('main', started.body.id)?.state.current).toBe('RUNNING');
    const done = c.rt.engine.waitForTerminal('main', started.body.id)!;
    clock.advance(60 * 1000);
    const e = await done;
    expect(e.state.current).toBe('SUCCESS');
    const nap = e.taskRunList.find((t) => t.taskId === 'nap')!;
    expect(nap.state.histories.at(-1)!.date - nap.state.histories[0]!.date).toBe(3_600_000);
  });

  test('task timeout fails the attempt with "Timeout after HH:mm:ss.SSS"', async () => {
    const c = await testRuntime();
    const e = await runWithClock(c, `id: slow\nnamespace: t\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT10M\n    timeout: PT1S\n`, 500);
    expect(e.state.current).toBe('FAILED');
    expect(logsOf(c, e.id).some((l) => l.message === 'Timeout after 00:00:01.000')).toBe(true);
  });

  test('kill during a Sleep ends KILLED without running the rest', async () => {
    const c = await testRuntime();
    const flow = await saveFlow(c, `id: killme\nnamespace: t\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n  - id: after\n    type: ${LOG}\n    message: never\n`);
    const started = await c.json('POST', `/api/v1/executions/${flow.namespace}/${flow.id}`, { body: new FormData() });
    await new Promise((r) => setImmediate(r));
    const done = c.rt.engine.waitForTerminal('main', started.body.id)!;
    expect(c.rt.engine.kill('main', started.body.id)).toBe(true);
    const e = await done;
    expect(e.state.current).toBe('KILLED');
    expect(e.state.histories.map((h) => h.state)).toEqual(['CREATED', 'RUNNING', 'KILLING', 'KILLED']);
    expect(e.taskRunList.map((t) => [t.taskId, t.state.current])).toEqual([['nap', 'KILLED']]);
  });

  test('scheduleDate keeps the execution CREATED until then', async () => {
    const c = await testRuntime();
    const flow = await saveFlow(c, `id: later\nnamespace: t\ntasks:\n  - id: l\n    type: ${LOG}\n    message: now\n`);
    const at = new Date((c.rt.clock as FakeClock).now() + 60_000).toISOString();
    const r = await c.json('POST', `/api/v1/executions/${flow.namespace}/${flow.id}?scheduleDate=${encodeURIComponent(at)}`, { body: new FormData() });
    expect(r.body.scheduleDate).toBe(at);
    await new Promise((res) => setImmediate(res));
    expect(c.rt.engine.get('main', r.body.id)?.state.current).toBe('CREATED');
    const done = c.rt.engine.waitForTerminal('main', r.body.id)!;
    (c.rt.clock as FakeClock).advance(60_000);
    expect((await done).state.current).toBe('SUCCESS');
  });

  test('retries: the execution goes RUNNING again for each new attempt; maxAttempt is accepted', async () => {
    const c = await testRuntime();
    const e = await runWithClock(c, 'id: r\nnamespace: t\ntasks:\n  - id: f\n    type: io.kestra.plugin.core.execution.Fail\n    retry:\n      type: constant\n      interval: PT1S\n      maxAttempt: 3\n', 1000);
    expect(e.state.histories.map((h: any) => h.state)).toEqual(['CREATED', 'RUNNING', 'RETRYING', 'RUNNING', 'RETRYING', 'RUNNING', 'FAILED']);
    expect(e.taskRunList[0].attempts).toHaveLength(3);
  });
});

describe('WaitFor', () => {
  test('repeats its children until the condition holds, pausing between iterations', async () => {
    const c = await testRuntime();
    const e = await runWithClock(c, `id: poll
namespace: t
tasks:
  - id: wait
    type: io.kestra.plugin.core.flow.WaitFor
    condition: "{{ outputs.check.value == '3' }}"
    checkFrequency:
      interval: PT10S
    tasks:
      - id: check
        type: io.kestra.plugin.core.debug.Return
        format: "{{ taskrun.iteration + 1 }}"
`, 10_000);
    expect(e.state.current).toBe('SUCCESS');
    const wait = taskRun(e, 'wait');
    expect(wait.outputs).toEqual({ iterationCount: 3 });
    expect(wait.iteration).toBe(2);
    expect(e.taskRunList.filter((t: any) => t.taskId === 'check')).toHaveLength(1);
    expect(e.state.histories.map((h: any) => h.state)).toContain('PAUSED');
  });

  test('maxIterations reached: SUCCESS by default, FAILED with failOnMaxReached', async () => {
    const c = await testRuntime();
    const flow = (fail: boolean) => `id: never${fail ? 'f' : ''}\nnamespace: t\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.WaitFor\n    condition: "{{ false }}"\n    failOnMaxReached: ${fail}\n    checkFrequency:\n      maxIterations: 3\n      interval: PT1S\n    tasks:\n      - id: l\n        type: ${LOG}\n        message: x\n`;
    expect((await runWithClock(c, flow(false), 1000)).state.current).toBe('SUCCESS');
    const failed = await runWithClock(c, flow(true), 1000);
    expect(failed.state.current).toBe('FAILED');
    expect(taskRun(failed, 'wait').outputs.iterationCount).toBe(3);
  });
});

describe('SLA', () => {
  test('MAX_DURATION with FAIL fails a slow execution and logs the violation', async () => {
    const c = await testRuntime();
    const e = await runWithClock(c, `id: sla\nnamespace: t\nsla:\n  - id: quick\n    type: MAX_DURATION\n    duration: PT5M\n    behavior: FAIL\n    labels:\n      sla: missed\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n`, 60_000);
    expect(e.state.current).toBe('FAILED');
    expect(e.labels).toContainEqual({ key: 'sla', value: 'missed' });
    const messages = logsOf(c, e.id).map((l) => l.message);
    expect(messages.some((m) => m.startsWith("SLA 'quick' violated: execution duration of"))).toBe(true);
    expect(messages.some((m) => m.startsWith("Execution failed due to SLA 'quick' violated"))).toBe(true);
  });

  test('EXECUTION_ASSERTION with CANCEL cancels when the assertion turns false', async () => {
    const c = await testRuntime();
    const e = await runWithClock(c, `id: slaa\nnamespace: t\nsla:\n  - id: small\n    type: EXECUTION_ASSERTION\n    assert: "{{ (outputs.r.value ?? '0') | number < 10 }}"\n    behavior: CANCEL\ntasks:\n  - id: r\n    type: io.kestra.plugin.core.debug.Return\n    format: "42"\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n`, 60_000);
    expect(e.state.current).toBe('CANCELLED');
    expect(logsOf(c, e.id).some((l) => l.message.includes('assertion is false'))).toBe(true);
  });
});
