// Run by Node (`node --test`) inside a temporary project that installed the packed kestra-lite
// (test/testing/node-package.test.ts): the harness as a Node user gets it.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startKestraLite, KestraLiteError } from 'kestra-lite/testing';

const DAILY = `id: daily
namespace: t
triggers:
  - id: every-day
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "0 9 * * *"
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: Hello
`;
const started = [];
const start = async (options) => { const kl = await startKestraLite(options); started.push(kl); return kl; };
after(() => Promise.all(started.map((kl) => kl.stop())));

describe('kestra-lite/testing under Node', () => {
  test('a child process on the fake clock fires a daily schedule seven times', async () => {
    const kl = await start({ clock: 'fake', now: '2025-01-01T00:00:00Z', flows: [DAILY] });
    assert.equal(kl.mode, 'process');
    assert.match(kl.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(await kl.advance('P7D'), { now: '2025-01-08T00:00:00.000Z', mode: 'fake' });
    const found = await (await fetch(`${kl.apiUrl}/executions/search?flowId=daily`)).json();
    assert.equal(found.total, 7);
  });

  test('journal, an HTTP fault once, a task fault', async () => {
    const kl = await start({ flows: [DAILY] });
    await kl.fault({ method: 'GET', path: '/api/v1/flows/**', status: 503 });
    assert.equal((await fetch(`${kl.apiUrl}/flows/t/daily`)).status, 503);
    assert.equal((await fetch(`${kl.apiUrl}/flows/t/daily`)).status, 200);
    assert.deepEqual((await kl.requests()).map((r) => `${r.method} ${r.path} ${r.status}`), ['GET /api/v1/flows/t/daily 503', 'GET /api/v1/flows/t/daily 200']);
    await kl.fault({ taskId: 'hello', fail: true });
    assert.equal((await kl.execute('t', 'daily')).state.current, 'FAILED');
    assert.equal((await kl.execute('t', 'daily')).state.current, 'SUCCESS');
  });

  test('export then import into a second, isolated instance', async () => {
    const a = await start({ flows: [DAILY] });
    const b = await start();
    const run = await a.execute('t', 'daily');
    await assert.rejects(b.execution(run.id), (err) => err instanceof KestraLiteError && err.status === 404);
    await b.import(await a.export());
    assert.deepEqual(await b.execution(run.id), await a.execution(run.id));
  });

  test("mode: 'in-process' is refused under Node", async () => {
    await assert.rejects(startKestraLite({ mode: 'in-process' }), /needs Bun/);
  });
});
