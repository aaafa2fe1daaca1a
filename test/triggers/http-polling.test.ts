// io.kestra.plugin.core.http.Trigger: polls on the injected clock, starts an execution when the
// response condition holds, one at a time, and stops after the states in `stopAfter`.
import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime } from '../helpers/runtime.ts';
import { logsOf, saveFlow } from '../helpers/flows.ts';

const tick = async () => { for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r)); };

describe('http.Trigger', () => {
  test('polls every interval; a matching response starts an execution with the response as trigger variables; stopAfter stops it', async () => {
    const bodies = ['not yet', 'ready', 'ready'];
    const calls: string[] = [];
    const fetchStub = (async (url: string | URL | Request) => {
      calls.push(String(url));
      return new Response(bodies[Math.min(calls.length - 1, bodies.length - 1)], { status: 200, headers: { 'content-type': 'text/plain', 'x-run': String(calls.length) } });
    }) as typeof fetch;
    const c = await testRuntime({ fetch: fetchStub });
    await saveFlow(c, `id: poll
namespace: t
tasks:
  - id: show
    type: io.kestra.plugin.core.log.Log
    message: "{{ trigger.code }} {{ trigger.body }} {{ trigger.headers['x-run'][0] }}"
triggers:
  - id: watch
    type: io.kestra.plugin.core.http.Trigger
    uri: "https://example.test/{{ flow.id }}"
    interval: PT10S
    responseCondition: "{{ response.statusCode == 200 and response.body == 'ready' }}"
    stopAfter:
      - SUCCESS
`);
    const clock = c.rt.clock as FakeClock;
    const executions = async () => (await c.json('GET', '/api/v1/executions/search?flowId=poll')).body.results;
    clock.advance(9_000); await tick();
    expect(calls).toEqual([]);
    clock.advance(1_000); await tick();
    expect(calls).toEqual(['https://example.test/poll']);
    expect(await executions()).toHaveLength(0);
    clock.advance(10_000); await tick();
    expect(calls).toHaveLength(2);
    const [exec] = await executions();
    expect(exec.trigger).toMatchObject({ id: 'watch', type: 'io.kestra.plugin.core.http.Trigger', variables: { uri: 'https://example.test/poll', code: 200, body: 'ready' } });
    expect(exec.state.current).toBe('SUCCESS');
    expect(logsOf(c, exec.id).find((l) => l.taskId === 'show')?.message).toBe('200 ready 2');
    // stopAfter SUCCESS: no more polls
    clock.advance(60_000); await tick();
    expect(calls).toHaveLength(2);
  });
});
