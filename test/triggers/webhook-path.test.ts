// Webhook routes with a trailing `{path}` (Kestra 1.x+): routed for every method, but Kestra's core
// Webhook trigger takes no extra path and answers 404 with an empty body, creating nothing.
import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML } from '../helpers/runtime.ts';

const HOOK = `id: hook\nnamespace: t\ntriggers:\n  - id: in\n    type: io.kestra.plugin.core.trigger.Webhook\n    key: k1\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ trigger.body }}"\n`;

describe.each(['/api/v1', '/api/v1/main'])('webhook with a path under %s', (base) => {
  test.each(['GET', 'POST', 'PUT'])('%s /webhook/{ns}/{id}/{key}/{path} → 404, empty body, no execution', async (method) => {
    const c = await testRuntime();
    expect((await c.json('POST', `${base}/flows`, { body: HOOK, type: YAML })).status).toBe(200);
    for (const path of ['extra', 'a/b/c']) {
      const r = await c.call(method, `${base}/executions/webhook/t/hook/k1/${path}`, method === 'GET' ? undefined : { body: 'x', type: 'text/plain' });
      expect(r.status).toBe(404);
      expect(await r.text()).toBe('');
    }
    const slash = await c.call(method, `${base}/executions/webhook/t/hook/k1/`);
    expect(slash.status).toBe(404);
    expect((await c.json('GET', `${base}/executions/search`)).body.total).toBe(0);
    // the route without a path still triggers
    const ok = await c.json(method, `${base}/executions/webhook/t/hook/k1`, method === 'GET' ? undefined : { body: 'x', type: 'text/plain' });
    expect(ok.status).toBe(200);
    expect((await c.json('GET', `${base}/executions/search`)).body.total).toBe(1);
  });

  test('unknown flow or key with a path: the usual 404 errors', async () => {
    const c = await testRuntime();
    expect((await c.json('POST', `${base}/flows`, { body: HOOK, type: YAML })).status).toBe(200);
    const flow = await c.json('POST', `${base}/executions/webhook/t/nope/k1/extra`);
    expect(flow.status).toBe(404);
    expect(flow.body.message).toBe('Not Found: Flow not found');
    const key = await c.json('POST', `${base}/executions/webhook/t/hook/wrong/extra`);
    expect(key.body.message).toBe('Not Found: Webhook not found');
  });
});
