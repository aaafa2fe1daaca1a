// Flows named like a 0.21 execution action (routes/shadowed.ts): `POST /executions/{ns}/restart`
// creates an execution of flow `restart` in 2.0 mode always, and in the default mode unless `{ns}`
// is an execution of the tenant (then it is the 0.21 action, as Kestra 0.21's router chose).

import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const NAMES = ['restart', 'pause', 'resume', 'replay', 'labels', 'unqueue', 'force-run', 'change-status', 'state'] as const;

const flow = (id: string, namespace = 'company.team') =>
  `id: ${id}\nnamespace: ${namespace}\ninputs:\n  - id: name\n    type: STRING\n    defaults: world\n` +
  `tasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: "Hello {{ inputs.name }}"\n`;

async function withFlows(kestraVersion: '0.21' | '2.0', ids: readonly string[], namespace = 'company.team'): Promise<TestClient> {
  const c = await testRuntime({ kestraVersion });
  for (const id of ids) expect((await c.json('POST', '/api/v1/main/flows', { body: flow(id, namespace), type: YAML })).status).toBe(200);
  return c;
}

const inputs = (name: string) => {
  const form = new FormData();
  form.append('name', name);
  return form;
};

async function runOf(c: TestClient, url: string, name = 'Ada') {
  const r = await c.json('POST', url, { body: inputs(name) });
  expect(r.status).toBe(200);
  return r.body;
}

describe.each(['2.0', '0.21'] as const)('--kestra-version %s', (mode) => {
  test.each(NAMES)('POST /executions/{namespace}/%s runs the flow, with multipart inputs and wait=true', async (name) => {
    const c = await withFlows(mode, [name]);
    for (const base of ['/api/v1/main', '/api/v1']) {
      const done = await runOf(c, `${base}/executions/company.team/${name}?wait=true&labels=team:data`);
      expect(done).toMatchObject({ namespace: 'company.team', flowId: name, state: { current: 'SUCCESS' }, inputs: { name: 'Ada' } });
      expect(done.labels).toContainEqual({ key: 'team', value: 'data' });
      const logs = (await c.json('GET', `/api/v1/main/logs/${done.id}`)).body;
      expect(logs.map((l: { message: string }) => l.message)).toContain('Hello Ada');
    }
    // without wait: the execution as created
    const created = await runOf(c, `/api/v1/main/executions/company.team/${name}`, 'Bob');
    expect(created).toMatchObject({ flowId: name, state: { current: 'CREATED' }, inputs: { name: 'Bob' } });
  });

  test('a missing flow named like an action: 404', async () => {
    const c = await withFlows(mode, []);
    const r = await c.json('POST', '/api/v1/main/executions/company.team/restart', { body: inputs('Ada') });
    expect(r.status).toBe(404);
  });

  test('POST /executions/{namespace}/eval/validate validates the inputs of a flow `eval`', async () => {
    const c = await withFlows(mode, ['eval']);
    const r = await c.json('POST', '/api/v1/main/executions/company.team/eval/validate', { body: inputs('Ada') });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'eval', namespace: 'company.team' });
    expect(r.body.inputs[0]).toMatchObject({ input: { id: 'name' }, value: 'Ada' });
  });
});

describe('an execution id that is also a namespace', () => {
  /** a finished execution, and flows named `labels` and `restart` in the namespace spelled like its id */
  async function collision(mode: '0.21' | '2.0') {
    const c = await withFlows(mode, ['hello']);
    const exec = await runOf(c, '/api/v1/main/executions/company.team/hello?wait=true');
    for (const id of ['labels', 'restart']) expect((await c.json('POST', '/api/v1/main/flows', { body: flow(id, exec.id), type: YAML })).status).toBe(200);
    return { c, exec };
  }

  test('default mode: the 0.21 action on the execution (as Kestra 0.21 routed it)', async () => {
    const { c, exec } = await collision('0.21');
    const r = await c.json('POST', `/api/v1/main/executions/${exec.id}/labels`, { body: [{ key: 'team', value: 'data' }] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: exec.id, flowId: 'hello' });
    expect(r.body.labels).toContainEqual({ key: 'team', value: 'data' });
    // the restart action refuses a SUCCESS execution: the action answered, no flow was run
    const restart = await c.json('POST', `/api/v1/main/executions/${exec.id}/restart`, { body: inputs('Ada') });
    expect(restart.status).toBe(422);
    expect((await c.json('GET', `/api/v1/main/executions/search?namespace=${exec.id}`)).body.total).toBe(0);
  });

  test('2.0 mode: always the create (Kestra 2.0 has no such action path)', async () => {
    const { c, exec } = await collision('2.0');
    const run = await runOf(c, `/api/v1/main/executions/${exec.id}/restart?wait=true`);
    expect(run).toMatchObject({ namespace: exec.id, flowId: 'restart', state: { current: 'SUCCESS' }, inputs: { name: 'Ada' } });
  });

  test('default mode, neither an execution nor a flow: the 0.21 action answers 404', async () => {
    const c = await withFlows('0.21', []);
    const r = await c.json('POST', '/api/v1/main/executions/nobody/labels', { body: [{ key: 'team', value: 'data' }] });
    expect(r.status).toBe(404);
    expect((await c.json('POST', '/api/v1/main/executions/nobody/restart')).status).toBe(404);
  });

  test('default mode: a tenant is its own space (the execution of another tenant does not count)', async () => {
    const { c, exec } = await collision('0.21');
    expect((await c.json('POST', '/api/v1/t2/flows', { body: flow('restart', exec.id), type: YAML })).status).toBe(200);
    const run = await runOf(c, `/api/v1/t2/executions/${exec.id}/restart?wait=true`);
    expect(run).toMatchObject({ namespace: exec.id, flowId: 'restart', state: { current: 'SUCCESS' } });
  });
});
