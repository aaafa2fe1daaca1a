import { describe, expect, test } from 'bun:test';
import { DEFAULT_TASK_FAILURE } from '../../src/admin/faults.ts';
import { logsOf } from '../helpers/flows.ts';
import { advance, adminRuntime, deploy, execution, logFlow, start } from './helpers.ts';

const fault = (c: Awaited<ReturnType<typeof adminRuntime>>, body: object) => c.json('POST', '/_kestra-lite/faults', { body });

describe('HTTP faults', () => {
  test('the next matching call gets the fault once, then the real answer comes back', async () => {
    const c = await adminRuntime();
    await deploy(c, logFlow('a'));
    const created = await fault(c, { method: 'GET', path: '/api/v1/flows/t/*', status: 503 });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: 'fault-1', kind: 'http', remaining: 1, method: 'GET', path: '/api/v1/flows/t/*', status: 503 });
    const first = await c.json('GET', '/api/v1/flows/t/a');
    expect(first.status).toBe(503);
    expect(first.body.message).toContain('Injected fault');
    expect(first.body._links.self.href).toBe('/api/v1/flows/t/a');
    expect((await c.json('GET', '/api/v1/flows/t/a')).status).toBe(200);
    expect((await c.json('GET', '/_kestra-lite/faults')).body.results).toEqual([]);
    const journal = (await c.json('GET', '/_kestra-lite/requests?path=/api/v1/flows/t/a')).body.results;
    expect(journal.map((e: any) => [e.status, e.fault])).toEqual([[503, 'fault-1'], [200, undefined]]);
  });

  test('times, a custom body and headers, method matching, the tenant form of a path', async () => {
    const c = await adminRuntime();
    await fault(c, { method: 'POST', path: '/api/v1/executions/**', status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '1' }, times: 2 });
    expect((await c.json('GET', '/api/v1/executions/search')).status).toBe(200); // GET does not match
    for (const path of ['/api/v1/executions/t/a', '/api/v1/main/executions/t/a']) {
      const r = await c.json('POST', path);
      expect(r.status).toBe(429);
      expect(r.body).toEqual({ message: 'slow down' });
      expect(r.res.headers.get('retry-after')).toBe('1');
    }
    expect((await c.json('POST', '/api/v1/executions/t/a')).status).toBe(404); // used up: the real answer
  });

  test('every spelling that reaches the route gets its fault: a trailing slash, the tenant form, HEAD for a GET fault', async () => {
    const c = await adminRuntime();
    await deploy(c, logFlow('a'));
    await fault(c, { method: 'GET', path: '/api/v1/flows/*/*', status: 503, times: 3 });
    expect((await c.call('GET', '/api/v1/main/flows/t/a/')).status).toBe(503);
    expect((await c.call('HEAD', '/api/v1/flows/t/a')).status).toBe(503);
    expect((await c.call('GET', '/api/v1/flows/t/a/')).status).toBe(503);
    expect((await c.call('GET', '/api/v1/flows/t/a/')).status).toBe(200);
    await fault(c, { method: 'POST', path: '/api/v1/flows/*/*', status: 503 });
    expect((await c.call('HEAD', '/api/v1/flows/t/a')).status).toBe(200); // a POST fault is no GET fault
  });

  test('a delay without status slows the real answer down', async () => {
    const c = await adminRuntime();
    await fault(c, { path: '/api/v1/flows/search', delayMs: 40 });
    const r = await c.json('GET', '/api/v1/flows/search');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(0);
    const [entry] = (await c.json('GET', '/_kestra-lite/requests')).body.results;
    expect(entry.fault).toBe('fault-1');
    expect(entry.durationMs).toBeGreaterThanOrEqual(35); // the deliberate delay, not a speed check
  });

  test('GET lists, DELETE one or all', async () => {
    const c = await adminRuntime();
    await fault(c, { path: '/a', status: 500 });
    await fault(c, { taskId: 'x', fail: true });
    expect((await c.json('GET', '/_kestra-lite/faults')).body.results.map((f: any) => `${f.id}:${f.kind}`)).toEqual(['fault-1:http', 'fault-2:task']);
    expect((await c.call('DELETE', '/_kestra-lite/faults/fault-1')).status).toBe(204);
    expect((await c.call('DELETE', '/_kestra-lite/faults/fault-1')).status).toBe(404);
    expect((await c.call('DELETE', '/_kestra-lite/faults')).status).toBe(204);
    expect((await c.json('GET', '/_kestra-lite/faults')).body.results).toEqual([]);
  });

  test('malformed specs are 422 and register nothing', async () => {
    const c = await adminRuntime();
    const cases: [object, string][] = [
      [{ path: '/x' }, 'needs a status'],
      [{ path: '/x', status: 700 }, 'fault.status'],
      [{ path: '/x', status: 500, times: 0 }, 'fault.times'],
      [{ path: '/x', delayMs: -1 }, 'fault.delayMs'],
      [{ path: '/x', status: 500, when: 'now' }, 'fault.when: unknown field'],
      [{ path: 'x', status: 500 }, "must start with '/'"],
      [{ status: 500 }, 'fault.path'],
      [{ path: '/_kestra-lite/clock', status: 500 }, 'admin API'],
      [{ taskId: 'x' }, 'needs fail, timeout or delayMs'],
      [{ taskId: 'x', fail: true, timeout: true }, 'exclude each other'],
      [{ taskId: 'x', delayMs: 0 }, 'fault.delayMs'],
      [{ taskId: 'x', fail: true, retries: 1 }, 'fault.retries: unknown field'],
    ];
    for (const [body, message] of cases) {
      const r = await fault(c, body);
      expect(r.status).toBe(422);
      expect(r.body.message).toContain(message);
    }
    expect((await c.json('GET', '/_kestra-lite/faults')).body.results).toEqual([]);
  });
});

describe('task faults', () => {
  test('fail: the next attempt of the task fails with the message, the next one runs', async () => {
    const c = await adminRuntime();
    await deploy(c, logFlow('a'));
    await fault(c, { taskId: 'hello', fail: true });
    const failed = (await c.json('POST', '/api/v1/executions/t/a?wait=true', { body: new FormData() })).body;
    expect(failed.state.current).toBe('FAILED');
    expect(logsOf(c, failed.id).map((l: any) => l.message)).toContain(DEFAULT_TASK_FAILURE);
    const next = (await c.json('POST', '/api/v1/executions/t/a?wait=true', { body: new FormData() })).body;
    expect(next.state.current).toBe('SUCCESS');
  });

  test('fail with a message, matched by task type and flow, twice; a retry sees the fault used up', async () => {
    const c = await adminRuntime();
    await deploy(c, logFlow('a', 't', '', '    retry:\n      type: constant\n      interval: PT1M\n      maxAttempts: 3\n'));
    await fault(c, { taskType: 'io.kestra.plugin.core.log.Log', flowId: 'a', fail: 'database down', times: 2 });
    const id = await start(c, 't', 'a');
    await advance(c, { duration: 'PT5M' });
    const done = await execution(c, id);
    expect(done.state.current).toBe('SUCCESS');
    expect(done.taskRunList[0].attempts.map((a: any) => a.state.current)).toEqual(['FAILED', 'FAILED', 'SUCCESS']);
    expect(logsOf(c, id).filter((l: any) => l.message === 'database down')).toHaveLength(2);
  });

  test('timeout: the task hangs until its own timeout fires', async () => {
    const c = await adminRuntime();
    await deploy(c, logFlow('a', 't', '', '    timeout: PT10M\n'));
    await fault(c, { taskId: 'hello', timeout: true });
    const id = await start(c, 't', 'a');
    await advance(c, { duration: 'PT9M' });
    expect((await execution(c, id)).state.current).toBe('RUNNING');
    await advance(c, { duration: 'PT1M' });
    const done = await execution(c, id);
    expect(done.state.current).toBe('FAILED');
    expect(logsOf(c, id).map((l: any) => l.message)).toContain('Timeout after 00:10:00.000');
  });

  test('timeout without a task timeout hangs until the execution is killed', async () => {
    const c = await adminRuntime();
    await deploy(c, logFlow('a'));
    await fault(c, { taskId: 'hello', timeout: true });
    const id = await start(c, 't', 'a');
    await advance(c, { duration: 'P1D' });
    expect((await execution(c, id)).state.current).toBe('RUNNING');
    expect((await c.call('DELETE', `/api/v1/executions/${id}/kill`)).status).toBe(202);
    await advance(c, { ms: 0 });
    expect((await execution(c, id)).state.current).toBe('KILLED');
  });

  test('delayMs: the task waits on the runtime clock, then runs as usual', async () => {
    const c = await adminRuntime();
    await deploy(c, logFlow('a'));
    await fault(c, { taskId: 'hello', delayMs: 60_000 });
    const id = await start(c, 't', 'a');
    await advance(c, { ms: 59_999 });
    expect((await execution(c, id)).state.current).toBe('RUNNING');
    await advance(c, { ms: 1 });
    const done = await execution(c, id);
    expect(done.state.current).toBe('SUCCESS');
    expect(done.taskRunList[0].state.duration).toBe('PT1M');
  });
});
