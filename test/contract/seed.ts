// The data the contract test's calls need, created through the API as a user would: flows (a
// plain one with a schedule and a webhook, a long one, a paused one, a failing one, a queued one,
// one with a FILE input), executions in every state an action needs, a KV entry, a namespace
// file, a dashboard. Everything under namespace `company.team` of tenant `main`.

import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.ts';
import { fakeClock } from '../../src/shared/time/clock.ts';
import { sequentialIds } from '../../src/shared/ids.ts';

export const NS = 'company.team';
const C = 'io.kestra.plugin.core';

export const FLOWS: Record<string, string> = {
  hello: `id: hello\nnamespace: ${NS}\ninputs:\n  - id: name\n    type: STRING\n    defaults: world\ntasks:\n  - id: hello\n    type: ${C}.log.Log\n    message: "Hello {{ inputs.name }}"\ntriggers:\n  - id: schedule\n    type: ${C}.trigger.Schedule\n    cron: "0 0 1 1 *"\n  - id: webhook\n    type: ${C}.trigger.Webhook\n    key: my_key\n`,
  long: `id: long\nnamespace: ${NS}\ntasks:\n  - id: nap\n    type: ${C}.flow.Sleep\n    duration: PT1H\n`,
  approve: `id: approve\nnamespace: ${NS}\ntasks:\n  - id: wait\n    type: ${C}.flow.Pause\n    onResume:\n      - id: approved\n        type: BOOLEAN\n        defaults: true\n  - id: after\n    type: ${C}.log.Log\n    message: done\n`,
  boom: `id: boom\nnamespace: ${NS}\ntasks:\n  - id: fail\n    type: ${C}.execution.Fail\n`,
  limited: `id: limited\nnamespace: ${NS}\nconcurrency:\n  limit: 1\n  behavior: QUEUE\ntasks:\n  - id: nap\n    type: ${C}.flow.Sleep\n    duration: PT1H\n`,
  upload: `id: upload\nnamespace: ${NS}\ninputs:\n  - id: f\n    type: FILE\ntasks:\n  - id: hello\n    type: ${C}.log.Log\n    message: "{{ inputs.f }}"\n`,
  nightly: `id: nightly\nnamespace: ${NS}\ntasks:\n  - id: hello\n    type: ${C}.log.Log\n    message: night\ntriggers:\n  - id: schedule\n    type: ${C}.trigger.Schedule\n    cron: "0 2 * * *"\n`,
  weekly: `id: weekly\nnamespace: ${NS}\ntasks:\n  - id: hello\n    type: ${C}.log.Log\n    message: week\ntriggers:\n  - id: schedule\n    type: ${C}.trigger.Schedule\n    cron: "0 3 * * 1"\n`,
  revised: `id: revised\nnamespace: ${NS}\ntasks:\n  - id: hello\n    type: ${C}.log.Log\n    message: first\n`,
  doomed: `id: doomed\nnamespace: ${NS}\ntasks:\n  - id: hello\n    type: ${C}.log.Log\n    message: bye\n`,
};

export const DASHBOARD = `id: overview\ntitle: Overview\ncharts:\n  - id: by_state\n    type: ${C}.dashboard.chart.Table\n    data:\n      type: ${C}.dashboard.data.Executions\n      columns:\n        state:\n          field: STATE\n        total:\n          agg: COUNT\n`;

export interface Seed {
  /** a run of hello stopped at a breakpoint */
  breakpoint: string;
  /** a SUCCESS run of hello, and its task run */
  done: string; taskRun: string;
  /** more SUCCESS runs of hello, for the calls that change or delete one */
  spare: string[];
  running: string[]; paused: string[]; failed: string[]; queued: string[];
  /** a run of `upload` and the storage URI of its FILE input */
  withFile: string; fileUri: string;
  dashboard: string;
}

export interface Contract { rt: Runtime; call(method: string, path: string, body?: { type: string; body: NonNullable<RequestInit['body']> }): Promise<Response>; seed: Seed }

const tick = () => new Promise((r) => setImmediate(r));

export async function seededRuntime(options: RuntimeOptions): Promise<Contract> {
  const rt = await createRuntime({ memory: true, flowsDir: null, publicUrl: 'http://localhost:8080', clock: fakeClock(), ids: sequentialIds('id'), ...options });
  const call: Contract['call'] = (method, path, body) =>
    rt.app.handle(new Request(`http://localhost${path}`, { method, headers: body && !(body.body instanceof FormData) ? { 'content-type': body.type } : {}, body: body?.body }));
  const json = async (method: string, path: string, body?: { type: string; body: NonNullable<RequestInit['body']> }) => {
    const res = await call(method, path, body);
    const text = await res.text();
    if (res.status >= 300) throw new Error(`seeding ${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const base = '/api/v1/main';
  for (const source of Object.values(FLOWS)) await json('POST', `${base}/flows`, { type: 'application/x-yaml', body: source });
  const run = async (flow: string, wait = false, form = new FormData()) => {
    const e = await json('POST', `${base}/executions/${NS}/${flow}${wait ? '?wait=true' : ''}`, { type: 'multipart/form-data', body: form });
    await tick();
    return e as { id: string; taskRunList?: { id: string }[]; inputs?: Record<string, string> };
  };
  const first = await run('hello', true);
  const spare = [];
  for (let i = 0; i < 8; i++) spare.push((await run('hello', true)).id);
  const running = [];
  for (let i = 0; i < 4; i++) running.push((await run('long')).id);
  const paused = [];
  for (let i = 0; i < 4; i++) paused.push((await run('approve')).id);
  const failed = [];
  for (let i = 0; i < 3; i++) failed.push((await run('boom', true)).id);
  await run('limited');
  const queued = [];
  for (let i = 0; i < 4; i++) queued.push((await run('limited')).id);
  const breakpoint = (await json('POST', `${base}/executions/${NS}/hello?breakpoints=hello`, { type: 'multipart/form-data', body: new FormData() })).id;
  await tick();
  const form = new FormData();
  form.append('f', new File(['a,b\n1,2\n'], 'data.csv', { type: 'text/csv' }));
  const withFile = await run('upload', true, form);

  await json('PUT', `${base}/namespaces/${NS}/kv/my_key`, { type: 'text/plain', body: '"value"' });
  const file = new FormData();
  file.append('fileContent', new File(['print(1)\n'], 'etl.py'));
  await json('POST', `${base}/namespaces/${NS}/files?path=/sub/path`, { type: 'multipart/form-data', body: file });
  await json('POST', `${base}/namespaces/${NS}/files?path=/sub/other.txt`, { type: 'multipart/form-data', body: file });
  const dashboard = await json('POST', `${base}/dashboards`, { type: 'application/x-yaml', body: DASHBOARD });
  // a second revision of `revised` (deleteRevisions removes the first), and backfills for the
  // single-trigger backfill calls (createBackfill makes its own on `hello`)
  await json('PUT', `${base}/flows/${NS}/revised`, { type: 'application/x-yaml', body: FLOWS.revised!.replace('first', 'second') });
  // paused at once, so they are still there when the calls run: nightly for pause and delete, weekly for unpause
  for (const flowId of ['nightly', 'weekly']) {
    const trigger = { namespace: NS, flowId, triggerId: 'schedule' };
    await json('PUT', `${base}/triggers/backfill/create`, {
      type: 'application/json', body: JSON.stringify({ ...trigger, backfill: { start: '2024-01-01T00:00:00Z', end: '2024-12-31T00:00:00Z' } }),
    });
    await json('PUT', `${base}/triggers/backfill/pause`, { type: 'application/json', body: JSON.stringify(trigger) });
  }
  return {
    rt, call,
    seed: {
      breakpoint, done: first.id, taskRun: first.taskRunList![0]!.id, spare, running, paused, failed, queued,
      withFile: withFile.id, fileUri: withFile.inputs!.f!, dashboard: dashboard.id,
    },
  };
}
