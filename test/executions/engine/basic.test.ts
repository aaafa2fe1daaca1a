import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML } from '../../helpers/runtime.ts';

const run = async (c: Awaited<ReturnType<typeof testRuntime>>, source: string, inputs?: Record<string, string>) => {
  const created = await c.json('POST', '/api/v1/flows', { body: source, type: YAML });
  if (created.status !== 200) throw new Error(JSON.stringify(created.body));
  const form = new FormData();
  for (const [k, v] of Object.entries(inputs ?? {})) form.append(k, v);
  const r = await c.json('POST', `/api/v1/executions/${created.body.namespace}/${created.body.id}?wait=true`, { body: form });
  return r;
};

describe('engine basics', () => {
  test('a one-Log flow runs to SUCCESS with wait=true', async () => {
    const c = await testRuntime();
    const r = await run(c, 'id: hello\nnamespace: t\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "Hello {{ flow.id }}"\n');
    expect(r.status).toBe(200);
    expect(r.body.state.current).toBe('SUCCESS');
    expect(r.body.taskRunList).toHaveLength(1);
    expect(r.body.taskRunList[0].state.current).toBe('SUCCESS');
    expect(r.body.url).toBe(`/ui/executions/t/hello/${r.body.id}`);
  });
});
