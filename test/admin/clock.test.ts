import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';
import { advance, adminRuntime, dailyFlow, deploy, execution, start, START } from './helpers.ts';

const scheduled = async (c: Awaited<ReturnType<typeof adminRuntime>>) =>
  (await c.json('GET', '/api/v1/executions/search?namespace=t&flowId=daily&size=100&sort=state.startDate:asc')).body;

describe('GET /_kestra-lite/clock', () => {
  test('reports the fake clock and its time', async () => {
    const c = await adminRuntime();
    expect((await c.json('GET', '/_kestra-lite/clock')).body).toEqual({ now: '2025-01-01T00:00:00.000Z', mode: 'fake' });
  });

  test('reports the system clock, which the admin API refuses to move (409)', async () => {
    const c = await testRuntime({ clock: 'system' });
    const view = (await c.json('GET', '/_kestra-lite/clock')).body;
    expect(view.mode).toBe('system');
    const moved = await advance(c, { ms: 1000 });
    expect(moved.status).toBe(409);
    expect(moved.body.message).toContain('--clock fake');
  });

  test("runtime options clock: 'fake' and now start the fake clock there", async () => {
    const c = await testRuntime({ clock: 'fake', now: '2030-06-01T12:00:00Z' });
    expect((await c.json('GET', '/_kestra-lite/clock')).body).toEqual({ now: '2030-06-01T12:00:00.000Z', mode: 'fake' });
  });
});

describe('POST /_kestra-lite/clock/advance', () => {
  test('a daily schedule fires seven times over seven days, in order, settled when advance answers', async () => {
    const c = await adminRuntime();
    await deploy(c, dailyFlow());
    const moved = await advance(c, { duration: 'P7D' });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ now: '2025-01-08T00:00:00.000Z', mode: 'fake' });
    const found = await scheduled(c);
    expect(found.total).toBe(7);
    expect(found.results.map((e: any) => e.trigger.variables.date)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((d) => `2025-01-0${d}T09:00:00Z`));
    expect(found.results.every((e: any) => e.state.current === 'SUCCESS')).toBe(true);
    // each ran at its own instant, not at the end of the advance
    expect(found.results[0].state.startDate).toBe('2025-01-01T09:00:00.000Z');
  });

  test('ms and duration are the same move; 0 only settles', async () => {
    const c = await adminRuntime();
    expect((await advance(c, { ms: 90_000 })).body.now).toBe('2025-01-01T00:01:30.000Z');
    expect((await advance(c, { duration: 'PT30S' })).body.now).toBe('2025-01-01T00:02:00.000Z');
    expect((await advance(c, { ms: 0 })).body.now).toBe('2025-01-01T00:02:00.000Z');
  });

  test('a Pause delay, a retry interval and a Sleep elapse within one advance', async () => {
    const c = await adminRuntime();
    await deploy(c, `id: timed\nnamespace: t\ntasks:
  - id: wait
    type: io.kestra.plugin.core.flow.Pause
    delay: PT1H
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT30M
  - id: flaky
    type: io.kestra.plugin.core.execution.Fail
    allowFailure: true
    retry:
      type: constant
      interval: PT10M
      maxAttempts: 3
`);
    const id = await start(c, 't', 'timed');
    await advance(c, { ms: 0 });
    expect((await execution(c, id)).state.current).toBe('PAUSED');
    await advance(c, { duration: 'PT2H' });
    const done = await execution(c, id);
    expect(done.state.current).toBe('WARNING');
    const flaky = done.taskRunList.find((t: any) => t.taskId === 'flaky');
    expect(flaky.attempts.length).toBe(3);
    // 1 h pause + 30 min sleep + two 10 min intervals
    expect(done.state.endDate).toBe(new Date(START + 110 * 60_000).toISOString());
  });

  test('an execution SLA fires when its deadline falls in the interval', async () => {
    const c = await adminRuntime();
    await deploy(c, `id: slow\nnamespace: t\nsla:\n  - id: max\n    type: MAX_DURATION\n    behavior: FAIL\n    duration: PT5M\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n`);
    const id = await start(c, 't', 'slow');
    await advance(c, { duration: 'PT6M' });
    expect((await execution(c, id)).state.current).toBe('FAILED');
  });

  test('bad input is a 422 naming the field', async () => {
    const c = await adminRuntime();
    const cases: [object | string, string][] = [
      [{ ms: -5 }, 'advance.ms'],
      [{ duration: '-P1D' }, 'must not be negative'],
      [{ duration: 'one day' }, 'not an ISO-8601 duration'],
      [{ ms: 1, duration: 'P1D' }, 'exactly one'],
      [{}, 'exactly one'],
      [{ ms: 1, speed: 2 }, 'advance.speed: unknown field'],
      [[1], 'must be a JSON object'],
    ];
    for (const [body, message] of cases) {
      const r = await advance(c, body as object);
      expect(r.status).toBe(422);
      expect(r.body.message).toContain(message);
    }
    const broken = await c.json('POST', '/_kestra-lite/clock/advance', { body: '{"ms":', type: 'application/json' });
    expect(broken.status).toBe(422);
    expect((await c.json('GET', '/_kestra-lite/clock')).body.now).toBe('2025-01-01T00:00:00.000Z');
  });
});

describe('POST /_kestra-lite/clock/set', () => {
  test('moves to a date, firing what falls in between; a date without zone is refused', async () => {
    const c = await adminRuntime();
    await deploy(c, dailyFlow());
    const set = await c.json('POST', '/_kestra-lite/clock/set', { body: { now: '2025-01-03T10:00:00Z' } });
    expect(set.body).toEqual({ now: '2025-01-03T10:00:00.000Z', mode: 'fake' });
    expect((await scheduled(c)).total).toBe(3);
    const bad = await c.json('POST', '/_kestra-lite/clock/set', { body: { now: '2025-01-03 10:00' } });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toContain('ISO-8601');
  });
});

describe('KV expiry on the fake clock', () => {
  test('a key with a TTL expires once the clock passes its expiry', async () => {
    const c = await adminRuntime();
    const put = await c.json('PUT', '/api/v1/namespaces/t/kv/token', { body: '"abc"', type: 'application/json', headers: { ttl: 'PT1H' } });
    expect(put.status).toBe(200);
    expect((await c.json('GET', '/api/v1/namespaces/t/kv/token')).status).toBe(200);
    await advance(c, { duration: 'PT2H' });
    const expired = await c.json('GET', '/api/v1/namespaces/t/kv/token');
    expect(expired.status).toBe(410); // Kestra answers an expired key with 410 Gone
    expect(expired.body.message).toContain('expired');
  });
});
