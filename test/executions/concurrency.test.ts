import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime } from '../helpers/runtime.ts';
import { saveFlow } from '../helpers/flows.ts';

const tick = () => new Promise((r) => setImmediate(r));
const flow = (behavior: string) => `id: limited\nnamespace: t\nconcurrency:\n  limit: 1\n  behavior: ${behavior}\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1M\n`;

describe('flow concurrency limits', () => {
  test('QUEUE: the second execution waits QUEUED and starts when the first ends', async () => {
    const c = await testRuntime();
    await saveFlow(c, flow('QUEUE'));
    const a = (await c.json('POST', '/api/v1/executions/t/limited')).body.id;
    await tick();
    const b = (await c.json('POST', '/api/v1/executions/t/limited')).body.id;
    await tick();
    expect((await c.json('GET', `/api/v1/executions/${b}`)).body.state.current).toBe('QUEUED');
    const doneB = c.rt.engine.waitForTerminal('main', b)!;
    (c.rt.clock as FakeClock).advance(60_000);
    await tick(); await tick();
    expect((await c.json('GET', `/api/v1/executions/${a}`)).body.state.current).toBe('SUCCESS');
    expect((await c.json('GET', `/api/v1/executions/${b}`)).body.state.current).toBe('RUNNING');
    (c.rt.clock as FakeClock).advance(60_000);
    const e = await doneB;
    expect(e.state.histories.map((h) => h.state)).toEqual(['CREATED', 'QUEUED', 'RUNNING', 'SUCCESS']);
  });

  test('CANCEL and FAIL end the new execution without task runs', async () => {
    for (const [behavior, state] of [['CANCEL', 'CANCELLED'], ['FAIL', 'FAILED']] as const) {
      const c = await testRuntime();
      await saveFlow(c, flow(behavior));
      await c.json('POST', '/api/v1/executions/t/limited');
      await tick();
      const b = await c.json('POST', '/api/v1/executions/t/limited?wait=true');
      expect(b.body.state.current).toBe(state);
      expect(b.body.taskRunList).toBeUndefined();
      if (behavior === 'FAIL') {
        const logs = c.rt.services.logs.logs.find('main', { executionId: b.body.id }).results;
        expect(logs.map((l) => l.message)).toContain('Flow is FAILED due to concurrency limit exceeded');
      }
    }
  });
});
