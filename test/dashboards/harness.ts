// Dashboards tests: a runtime whose executions, logs and metrics come from really running small
// flows (a day apart on the fake clock), and helpers to post dashboards and ask for chart data.

import type { FakeClock } from '../../src/shared/time/clock.ts';
import { execute, saveFlow } from '../helpers/flows.ts';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';
import type { RuntimeOptions } from '../../src/runtime.ts';

export const DAY = 86_400_000;

/** Return emits a `length` counter (the rendered text's length); Log writes one line; Fail fails. */
const flow = (id: string, namespace: string, text: string, fail = false) => `id: ${id}
namespace: ${namespace}
labels:
  team: ${namespace.split('.').pop()}
tasks:
  - id: say
    type: io.kestra.plugin.core.log.Log
    message: "${id} says ${text}"
  - id: ret
    type: io.kestra.plugin.core.debug.Return
    format: "${text}"
${fail ? '  - id: boom\n    type: io.kestra.plugin.core.execution.Fail\n' : ''}`;

/**
 * Day 1 (2025-01-01): alpha ×2 (SUCCESS, length 5), beta ×1 (FAILED, length 3).
 * Day 2 (2025-01-02): alpha ×1 (SUCCESS), other.gamma ×1 (SUCCESS, length 7). "now" = day 2 + 1 h.
 */
export async function seeded(options: RuntimeOptions = {}): Promise<TestClient> {
  const c = await testRuntime(options);
  const clock = c.rt.clock as FakeClock;
  await saveFlow(c, flow('alpha', 'company.team', 'hello'));
  await saveFlow(c, flow('beta', 'company.team', 'abc', true));
  await saveFlow(c, flow('gamma', 'other.ns', 'bonjour'));
  await execute(c, 'company.team', 'alpha');
  await execute(c, 'company.team', 'alpha');
  await execute(c, 'company.team', 'beta');
  clock.advance(DAY);
  await execute(c, 'company.team', 'alpha');
  await execute(c, 'other.ns', 'gamma');
  clock.advance(3_600_000);
  return c;
}

export async function createDashboard(c: TestClient, yaml: string, prefix = '/api/v1') {
  const r = await c.json('POST', `${prefix}/dashboards`, { body: yaml, type: YAML });
  if (r.status !== 200) throw new Error(`dashboard not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string };
}

/** One chart in a dashboard of its own; returns the chart data for the given request body. */
export async function chartData(c: TestClient, chart: string, body: object = {}, prefix = '/api/v1') {
  const d = await createDashboard(c, `title: Test\ncharts:\n${indent(chart)}`, prefix);
  return c.json('POST', `${prefix}/dashboards/${d.id}/charts/c`, { body });
}

export const indent = (text: string) => text.trim().split('\n').map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)).join('\n');

export const dataChart = (kind: string, source: string, columns: string, extra = '') => `id: c
type: io.kestra.plugin.core.dashboard.chart.${kind}
data:
  type: io.kestra.plugin.core.dashboard.data.${source}
  columns:
${columns.trim().split('\n').map((l) => `    ${l}`).join('\n')}
${extra}`;

export const rowsOf = (r: { body: { results: Record<string, unknown>[] } }) => r.body.results;
