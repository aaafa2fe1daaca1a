// GET /executions/{id}/follow-dependencies (Kestra 1.x+): the status of an execution and of the
// executions of its dependent flows (subflow, flow trigger), `end` per flow, then `end-all`.
import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';
import { sseReader, type SseFrame } from '../helpers/sse.ts';

const LOG = 'io.kestra.plugin.core.log.Log';
const CHILD = `id: child\nnamespace: t\ntasks:\n  - id: l\n    type: ${LOG}\n    message: child\n`;
const PARENT = `id: parent\nnamespace: t\ntasks:\n  - id: call\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: t\n    flowId: child\n    wait: true\n`;
const LISTENER = `id: listener\nnamespace: t\ntriggers:\n  - id: after\n    type: io.kestra.plugin.core.trigger.Flow\n    conditions:\n      - type: io.kestra.plugin.core.condition.ExecutionFlow\n        namespace: t\n        flowId: parent\ntasks:\n  - id: l\n    type: ${LOG}\n    message: listener\n`;
const LONE = `id: lone\nnamespace: t\ntasks:\n  - id: l\n    type: ${LOG}\n    message: alone\n`;

async function setup(base: string, ...sources: string[]) {
  const c = await testRuntime();
  for (const s of sources) expect((await c.json('POST', `${base}/flows`, { body: s, type: YAML })).status).toBe(200);
  return c;
}

async function readAll(c: TestClient, url: string): Promise<SseFrame[]> {
  const res = await c.call('GET', url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  const sse = sseReader(res);
  const frames: SseFrame[] = [];
  for (let f = await sse.next(); f; f = await sse.next()) frames.push(f);
  return frames;
}

describe.each(['/api/v1', '/api/v1/main'])('follow-dependencies under %s', (base) => {
  test('follows the execution, its subflow execution and the flow-triggered execution to end-all', async () => {
    const c = await setup(base, CHILD, PARENT, LISTENER);
    const s = await c.json('POST', `${base}/executions/t/parent`);
    const frames = await readAll(c, `${base}/executions/${s.body.id}/follow-dependencies`);
    const last = frames.at(-1)!;
    expect(last.id).toBe('end-all');
    const ends = frames.filter((f) => f.id === 'end');
    expect(ends.map((f) => f.data.flowId).sort()).toEqual(['child', 'listener', 'parent']);
    for (const f of ends) {
      expect(f.data.state.current).toBe('SUCCESS');
      expect(Object.keys(f.data).sort()).toEqual(['executionId', 'flowId', 'namespace', 'state', 'tenantId']);
      expect(f.data.tenantId).toBe('main');
    }
    expect(ends.find((f) => f.data.flowId === 'parent')!.data.executionId).toBe(s.body.id);
    // every execution event before its flow's end
    const endIndex = new Map(ends.map((f) => [f.data.flowId, frames.indexOf(f)]));
    for (const [i, f] of frames.entries()) if (f.id === 'progress') expect(i).toBeLessThan(endIndex.get(f.data.flowId)!);
  });

  test('a flow without dependencies: its finished execution gets end, then end-all', async () => {
    const c = await setup(base, LONE);
    const done = await c.json('POST', `${base}/executions/t/lone?wait=true`);
    const frames = await readAll(c, `${base}/executions/${done.body.id}/follow-dependencies?destinationOnly=true&expandAll=true`);
    expect(frames.map((f) => f.id)).toEqual(['end', 'end-all']);
    expect(frames[0]!.data).toMatchObject({ executionId: done.body.id, flowId: 'lone', namespace: 't' });
  });

  test('unknown execution → 404; bad flags → 422', async () => {
    const c = await setup(base, LONE);
    const missing = await c.json('GET', `${base}/executions/nope/follow-dependencies`);
    expect(missing.status).toBe(404);
    const done = await c.json('POST', `${base}/executions/t/lone?wait=true`);
    expect((await c.json('GET', `${base}/executions/${done.body.id}/follow-dependencies?expandAll=maybe`)).status).toBe(422);
  });
});
