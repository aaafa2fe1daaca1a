// Shared by the admin API tests: a runtime on the fake clock and small flow builders.
import { fakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';
import type { RuntimeOptions } from '../../src/runtime.ts';

export const START = Date.UTC(2025, 0, 1);

export function adminRuntime(options: RuntimeOptions = {}): Promise<TestClient> {
  return testRuntime({ clock: fakeClock(START), ...options });
}

export async function deploy(c: TestClient, source: string) {
  const r = await c.json('POST', '/api/v1/flows', { body: source, type: YAML });
  if (r.status !== 200) throw new Error(`flow not saved: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** starts an execution without waiting for it */
export async function start(c: TestClient, namespace: string, flowId: string) {
  const r = await c.json('POST', `/api/v1/executions/${namespace}/${flowId}`, { body: new FormData() });
  if (r.status !== 200) throw new Error(`execution not started: ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

export const execution = async (c: TestClient, id: string) => (await c.json('GET', `/api/v1/executions/${id}`)).body;

export const advance = (c: TestClient, body: object) => c.json('POST', '/_kestra-lite/clock/advance', { body });

export const logFlow = (id: string, namespace = 't', extra = '', task = '') =>
  `id: ${id}\nnamespace: ${namespace}\n${extra}tasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: Hello\n${task}`;

export const dailyFlow = (id = 'daily') =>
  logFlow(id, 't', 'triggers:\n  - id: every-day\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "0 9 * * *"\n');
