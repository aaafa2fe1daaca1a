// Secret values never leave through the API: a flow uses a secret in log messages and in an
// expression evaluated after the run; then every GET route of the route table (params filled
// with the real execution, flow and task run) and the eval routes are read, and no response
// may contain the value (masking is of the exact value, as in Kestra: a value transformed by a
// filter is the flow author's choice). Route-table driven, so routes added later are checked too.

import { describe, expect, test } from 'bun:test';
import { runFlow } from '../helpers/flows.ts';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';

const SECRET = 'hunter2-Very-Secret-Value';
const FLOW = `id: uses-secret
namespace: company.team
labels:
  team: data
tasks:
  - id: say
    type: io.kestra.plugin.core.log.Log
    message: "connecting with {{ secret('DB_PASSWORD') }} now"
  - id: warn
    type: io.kestra.plugin.core.log.Log
    level: WARN
    message: "{{ secret('DB_PASSWORD') }}{{ secret('DB_PASSWORD') }} twice"
`;

/** The whole body, or what an endless stream sent within a short window. */
async function bodyText(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = AbortSignal.timeout(300);
  for (;;) {
    const next = await Promise.race([reader.read(), new Promise<null>((r) => deadline.addEventListener('abort', () => r(null), { once: true }))]);
    if (next === null || next.done) break;
    text += decoder.decode(next.value);
  }
  await reader.cancel();
  return text;
}

async function read(c: TestClient, method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  const res = await c.rt.app.handle(new Request(`http://localhost${path}`, { method, body, signal: AbortSignal.timeout(300) }));
  return { status: res.status, text: await bodyText(res) };
}

describe('secret values never appear in API responses', () => {
  test('every GET route and the eval routes, after a run that used the secret', async () => {
    const c = await testRuntime({ env: { SECRET_DB_PASSWORD: Buffer.from(SECRET).toString('base64') } });
    const exec = await runFlow(c, FLOW);
    expect(exec.state.current).toBe('SUCCESS');
    const taskRunId = exec.taskRunList[0].id as string;
    const values: Record<string, string> = { executionId: exec.id, namespace: 'company.team', flowId: 'uses-secret', id: 'uses-secret', taskRunId, taskId: 'say' };
    const fill = (pattern: string) => pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? 'x1').replace(/\*/g, 'x2');

    // the logs were written, masked: the run really used the secret
    const logs = await c.json('GET', `/api/v1/logs/${exec.id}`);
    expect(logs.body.map((l: any) => l.message)).toContain(`connecting with **masked*${'*'.repeat(SECRET.length - 9)} now`);

    const leaks: string[] = [];
    let read200 = 0;
    for (const { method, path } of c.rt.app.routeTable()) {
      if (method !== 'GET') continue;
      const r = await read(c, 'GET', fill(path));
      if (r.status === 200) read200++;
      if (r.text.includes(SECRET)) leaks.push(`GET ${path}`);
    }
    for (const path of [`/api/v1/executions/${exec.id}/eval/${taskRunId}`, `/api/v1/executions/${exec.id}/actions/eval`]) {
      const r = await read(c, 'POST', path, "{{ secret('DB_PASSWORD') }} / {{ 'x' ~ secret('DB_PASSWORD') }}");
      expect(r.status).toBe(200);
      if (r.text.includes(SECRET)) leaks.push(`POST ${path}: ${r.text}`);
    }
    for (const q of [SECRET, 'hunter2']) {
      const r = await read(c, 'GET', `/api/v1/logs/search?q=${encodeURIComponent(q)}`);
      if (r.text.includes(SECRET)) leaks.push(`log search ${q}`);
    }
    expect(leaks).toEqual([]);
    expect(read200).toBeGreaterThan(40); // the sweep really read things
  }, 30_000);
});
