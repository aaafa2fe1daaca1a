// kestra-lite/testing in-process under Bun: the scenarios of a test that mocks Kestra.
import { describe, expect, test } from 'bun:test';
import { appCall, DAILY, logFlow, NOW, start } from './helpers.ts';

describe('startKestraLite() in-process', () => {
  test('listens on a free port of 127.0.0.1 and answers the Kestra API', async () => {
    const kl = await start();
    expect(kl.mode).toBe('in-process');
    expect(kl.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(kl.apiUrl).toBe(`${kl.url}/api/v1`);
    expect((await appCall(kl, 'GET', '/api/v1/configs')).status).toBe(200);
    expect((await kl.clock()).mode).toBe('system');
  });

  test('a fake clock fires a daily schedule seven times over seven days', async () => {
    const kl = await start({ clock: 'fake', now: NOW, flows: [DAILY] });
    expect(await kl.advance('P7D')).toEqual({ now: '2025-01-08T00:00:00.000Z', mode: 'fake' });
    const found = (await appCall(kl, 'GET', '/api/v1/executions/search?namespace=t&flowId=daily&size=20&sort=state.startDate:asc')).body;
    expect(found.total).toBe(7);
    expect(found.results.map((e: any) => e.trigger.variables.date)).toEqual([1, 2, 3, 4, 5, 6, 7].map((d) => `2025-01-0${d}T09:00:00Z`));
    expect(found.results.every((e: any) => e.state.current === 'SUCCESS')).toBe(true);
  });

  test('advance takes milliseconds, setTime a Date; both refuse on the system clock', async () => {
    const kl = await start({ clock: 'fake', now: new Date(NOW) });
    expect((await kl.advance(90_000)).now).toBe('2025-01-01T00:01:30.000Z');
    expect((await kl.setTime(new Date('2025-03-01T00:00:00Z'))).now).toBe('2025-03-01T00:00:00.000Z');
    await expect(kl.advance('-P1D')).rejects.toThrow(/must not be negative/);
    const real = await start();
    await expect(real.advance('PT1M')).rejects.toMatchObject({ status: 409 });
  });

  test("the journal records the application's calls, not the harness's own", async () => {
    const kl = await start({ flows: [logFlow('a')] });
    await kl.execute('t', 'a');
    await appCall(kl, 'POST', '/api/v1/executions/t/a?wait=true', '');
    await appCall(kl, 'GET', '/api/v1/flows/t/missing');
    await appCall(kl, 'PUT', '/api/v1/namespaces/t/kv/k', JSON.stringify({ password: 'hunter2', n: 1 }));
    const all = await kl.requests();
    expect(all.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /api/v1/executions/t/a 200', 'GET /api/v1/flows/t/missing 404', 'PUT /api/v1/namespaces/t/kv/k 200',
    ]);
    expect(all[0]!.query).toEqual({ wait: 'true' });
    expect(all[2]!.body).toBe('{"password":"******","n":1}');
    expect((await kl.requests({ method: 'GET' })).map((r) => r.path)).toEqual(['/api/v1/flows/t/missing']);
    expect((await kl.requests({ path: '/api/v1/namespaces/**' })).length).toBe(1);
    await kl.clearRequests();
    expect(await kl.requests()).toEqual([]);
  });

  test('an HTTP fault is seen by a client once, then the real answer comes back', async () => {
    const kl = await start({ flows: [logFlow('a')] });
    const f = await kl.fault({ method: 'GET', path: '/api/v1/flows/t/*', status: 503 });
    expect(f).toMatchObject({ kind: 'http', remaining: 1 });
    const first = await appCall(kl, 'GET', '/api/v1/flows/t/a');
    expect(first.status).toBe(503);
    expect(first.body.message).toContain('Injected fault');
    expect((await appCall(kl, 'GET', '/api/v1/flows/t/a')).status).toBe(200);
    expect(await kl.faults()).toEqual([]);
    expect((await kl.requests()).map((r) => r.fault)).toEqual([f.id, undefined]);
  });

  test('a task fault fails the next run of that task only', async () => {
    const kl = await start({ flows: [logFlow('a')] });
    await kl.fault({ taskId: 'hello', fail: 'database is down' });
    const failed = await kl.execute('t', 'a');
    expect(failed.state.current).toBe('FAILED');
    expect((await kl.logs(failed.id)).some((l) => l.message.includes('database is down'))).toBe(true);
    expect((await kl.execute('t', 'a')).state.current).toBe('SUCCESS');
  });

  test('bad fault specs are refused with the admin API message', async () => {
    const kl = await start();
    await expect(kl.fault({ path: '/api/v1/flows', status: 500, delay: 5 } as never)).rejects.toMatchObject({ status: 422 });
    await expect(kl.fault({ taskId: 'x' })).rejects.toThrow(/needs fail, timeout or delayMs/);
  });

  test('export then import into another instance gives the same API answers', async () => {
    const a = await start({ clock: 'fake', now: NOW, flows: [logFlow('a'), DAILY] });
    const run = await a.execute('t', 'a', { name: 'Ada' }, { labels: { team: 'data' } });
    await a.advance('P2D');
    await a.kv('t').set('greeting', 'hello');
    const b = await start({ clock: 'fake', now: NOW });
    await b.import(await a.export());
    const paths = [`/api/v1/executions/${run.id}`, `/api/v1/logs/${run.id}`, '/api/v1/executions/search?namespace=t&sort=id:asc',
      '/api/v1/flows/t/daily?source=true', '/api/v1/namespaces/t/kv/greeting', '/api/v1/triggers/search?namespace=t'];
    for (const path of paths) expect((await appCall(b, 'GET', path)).body).toEqual((await appCall(a, 'GET', path)).body);
    await expect(b.import('{"format":"kestra-lite-state"')).rejects.toMatchObject({ status: 422, message: expect.stringContaining('not a JSON document') });
    expect((await b.execution(run.id)).id).toBe(run.id); // a refused import changed nothing
  });

  test('two instances never share state: flows, executions, KV, clock, journal, faults', async () => {
    const a = await start({ clock: 'fake', now: NOW, flows: [logFlow('a')] });
    const b = await start({ clock: 'fake', now: NOW });
    expect(a.url).not.toBe(b.url);
    await a.execute('t', 'a');
    await a.kv('t').set('k', 1);
    await a.advance('P1D');
    await a.fault({ path: '/api/v1/flows/**', status: 500, times: 5 });
    expect((await appCall(b, 'GET', '/api/v1/flows/t/a')).status).toBe(404);
    expect((await appCall(b, 'GET', '/api/v1/executions/search')).body.total).toBe(0);
    expect(await b.kv('t').get('k')).toBeUndefined();
    expect((await b.clock()).now).toBe('2025-01-01T00:00:00.000Z');
    expect(await b.faults()).toEqual([]);
    expect((await b.requests()).map((r) => r.path)).toEqual(['/api/v1/flows/t/a', '/api/v1/executions/search']);
  });

  test('reset empties the state; keepFlows keeps the flows; fixture documents of the options stay', async () => {
    const fixture = 'tasks:\n  - id: py\n    outputs:\n      rows: 42\n';
    const pyFlow = 'id: py\nnamespace: t\ntasks:\n  - id: py\n    type: io.kestra.plugin.scripts.python.Script\n    script: print(1)\n';
    const kl = await start({ flows: [pyFlow], fixtures: [fixture] });
    expect((await kl.execute('t', 'py')).taskRunList![0]!.outputs).toEqual({ rows: 42 });
    await kl.kv('t').set('k', 'v');
    await kl.reset({ keepFlows: true });
    expect((await appCall(kl, 'GET', '/api/v1/executions/search')).body.total).toBe(0);
    expect(await kl.kv('t').get('k')).toBeUndefined();
    expect((await kl.execute('t', 'py')).taskRunList![0]!.outputs).toEqual({ rows: 42 });
    await kl.reset();
    expect((await appCall(kl, 'GET', '/api/v1/flows/t/py')).status).toBe(404);
  });
});
