// Helpers to save a flow and run it to a terminal state through the HTTP API.
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { YAML, type TestClient } from './runtime.ts';

export async function saveFlow(c: TestClient, source: string) {
  const created = await c.json('POST', '/api/v1/flows', { body: source, type: YAML });
  if (created.status !== 200) throw new Error(`flow not saved: ${JSON.stringify(created.body)}`);
  return created.body as { id: string; namespace: string };
}

export async function runFlow(c: TestClient, source: string, inputs: Record<string, string | File> = {}, query = '') {
  const flow = await saveFlow(c, source);
  return execute(c, flow.namespace, flow.id, inputs, query);
}

export async function execute(c: TestClient, namespace: string, id: string, inputs: Record<string, string | File> = {}, query = '') {
  const form = new FormData();
  for (const [k, v] of Object.entries(inputs)) form.append(k, v as never);
  const r = await c.json('POST', `/api/v1/executions/${namespace}/${id}?wait=true${query}`, { body: form });
  if (r.status !== 200) throw new Error(`execution failed to start: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Starts an execution without waiting, then drives the fake clock until it is terminal. */
export async function runWithClock(c: TestClient, source: string, stepMs = 1000, maxSteps = 1000) {
  const flow = await saveFlow(c, source);
  const started = await c.json('POST', `/api/v1/executions/${flow.namespace}/${flow.id}`, { body: new FormData() });
  const id = started.body.id as string;
  const done = c.rt.engine.waitForTerminal('main', id);
  let finished = false;
  done?.then(() => { finished = true; });
  const clock = c.rt.clock as FakeClock;
  for (let i = 0; i < maxSteps && !finished; i++) {
    await new Promise((r) => setImmediate(r)); // let promise-based tasks settle between clock steps
    clock.advance(stepMs);
  }
  await done;
  return (await c.json('GET', `/api/v1/executions/${id}`)).body;
}

export function logsOf(c: TestClient, executionId: string) {
  return c.rt.services.logs.logs.find('main', { executionId }).results;
}

export const taskRun = (exec: any, taskId: string, value?: string) =>
  exec.taskRunList.find((t: any) => t.taskId === taskId && (value === undefined || t.value === value));
