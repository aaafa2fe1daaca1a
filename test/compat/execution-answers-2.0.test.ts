// `--kestra-version 2.0`: the execution create (with and without wait, labels, FILE inputs), the
// execution follow stream and the log follow stream, field by field against the schemas the 2.0
// document declares for them (ajv, as the contract test) and against what Kestra's serialiser
// writes besides (`tenantId`, which its models hide from the description). The default mode keeps
// its 0.21 answers.

import { describe, expect, test } from 'bun:test';
import { createValidator, describeErrors, loadDocument, type Schema } from '../contract/openapi.ts';
import { sseReader, type SseFrame } from '../helpers/sse.ts';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const doc = loadDocument('openapi-2.0-oss.yml');
const validatorFor = createValidator(doc.schemas);
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** The properties a schema declares, `allOf` parts included. */
function declared(name: string): Set<string> {
  const s = doc.schemas[name]!;
  const parts: Schema[] = [s, ...(s.allOf ?? []).map((p: Schema) => (p.$ref ? doc.schemas[String(p.$ref).split('/').pop()!]! : p))];
  return new Set(parts.flatMap((p) => [...Object.keys(p.properties ?? {}), ...(p.allOf ? [...declared(String(p.allOf[0].$ref).split('/').pop()!)] : [])]));
}

/** Valid against the schema, and no property beyond those declared plus the serialiser's `tenantId`. */
function expectShape(value: Record<string, any>, schema: string) {
  const v = validatorFor(ref(schema));
  // without a public URL the link is relative, as Kestra writes it without `kestra.url` (a Java URI
  // reference); the validator's `uri` format wants a scheme, so it checks the link on a base
  const absolute = typeof value.url === 'string' && value.url.startsWith('/') ? { ...value, url: `http://localhost${value.url}` } : value;
  expect(v(absolute) ? 'valid' : describeErrors(v)).toBe('valid');
  const allowed = new Set([...declared(schema), 'tenantId']);
  expect(Object.keys(value).filter((k) => !allowed.has(k))).toEqual([]);
  const taskRunKeys = declared('TaskRun');
  for (const run of value.taskRunList ?? []) expect(Object.keys(run).filter((k) => !taskRunKeys.has(k))).toEqual([]);
}

const FLOW = `id: hello
namespace: company.team
labels:
  env: dev
inputs:
  - id: name
    type: STRING
    defaults: world
  - id: doc
    type: FILE
    required: false
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: "Hello {{ inputs.name }}"
  - id: out
    type: io.kestra.plugin.core.output.OutputValues
    values:
      a: b
`;
const LONG = 'id: long\nnamespace: company.team\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n';

async function setUp(kestraVersion: '0.21' | '2.0', options: { publicUrl?: string } = {}): Promise<TestClient> {
  const c = await testRuntime({ kestraVersion, ...options });
  for (const tenant of ['main', 't2']) {
    for (const source of [FLOW, LONG]) expect((await c.json('POST', `/api/v1/${tenant}/flows`, { body: source, type: YAML })).status).toBe(200);
  }
  return c;
}

function withFile(name = 'Ada') {
  const form = new FormData();
  form.append('name', name);
  form.append('doc', new File(['abc'], 'a.txt'));
  return form;
}

async function framesUntilEnd(res: Response): Promise<SseFrame[]> {
  const reader = sseReader(res);
  const frames: SseFrame[] = [];
  for (let f = await reader.next(); f; f = await reader.next()) {
    if (f.data !== undefined) frames.push(f);
    if (f.id === 'end') break;
  }
  await reader.cancel();
  return frames;
}

describe('--kestra-version 2.0', () => {
  test('create: ExecutionController.ExecutionResponse with labels, a FILE input, tenantId and a tenant-qualified url', async () => {
    const c = await setUp('2.0');
    const r = await c.json('POST', '/api/v1/main/executions/company.team/hello?labels=team:data', { body: withFile() });
    expect(r.status).toBe(200);
    expectShape(r.body, 'ExecutionController.ExecutionResponse');
    expect(r.body).toMatchObject({ tenantId: 'main', namespace: 'company.team', flowId: 'hello', deleted: false, state: { current: 'CREATED' } });
    expect(r.body.url).toBe(`/ui/main/executions/company.team/hello/${r.body.id}`);
    expect(r.body.labels).toEqual([{ key: 'env', value: 'dev' }, { key: 'team', value: 'data' }, { key: 'system.correlationId', value: r.body.id }]);
    expect(r.body.inputs.name).toBe('Ada');
    expect(r.body.inputs.doc).toStartWith(`kestra:///company/team/hello/executions/${r.body.id}/inputs/doc/`);
  });

  test('create with wait=true: the finished execution, task runs without outputs', async () => {
    const c = await setUp('2.0');
    const r = await c.json('POST', '/api/v1/executions/company.team/hello?wait=true&labels=team:data', { body: withFile('Bob') });
    expectShape(r.body, 'ExecutionController.ExecutionResponse');
    expect(r.body).toMatchObject({ tenantId: 'main', state: { current: 'SUCCESS' }, url: `/ui/main/executions/company.team/hello/${r.body.id}` });
    expect(r.body.taskRunList.map((t: { taskId: string }) => t.taskId)).toEqual(['hello', 'out']);
    for (const run of r.body.taskRunList) expect(run).not.toHaveProperty('outputs');
    // the outputs are read from /outputs in 2.0
    expect((await c.json('GET', `/api/v1/main/outputs/${r.body.id}/${r.body.taskRunList[1].id}`)).status).toBe(200);
  });

  test('the url names the tenant, after the public URL when one is set', async () => {
    const c = await setUp('2.0', { publicUrl: 'https://kestra.example.com' });
    const r = await c.json('POST', '/api/v1/t2/executions/company.team/hello', { body: withFile() });
    expect(r.body).toMatchObject({ tenantId: 't2', url: `https://kestra.example.com/ui/t2/executions/company.team/hello/${r.body.id}` });
  });

  test('follow: every frame is an Execution of the tenant, progress frames then end', async () => {
    const c = await setUp('2.0');
    const created = (await c.json('POST', '/api/v1/main/executions/company.team/long', { body: new FormData() })).body;
    const pending = c.call('GET', `/api/v1/main/executions/${created.id}/follow`).then(framesUntilEnd);
    await new Promise((r) => setImmediate(r));
    (c.rt.clock as unknown as { advance(ms: number): void }).advance(3_600_000);
    const frames = await pending;
    expect(frames[0]!.id).toBe('progress');
    expect(frames.at(-1)).toMatchObject({ id: 'end', data: { state: { current: 'SUCCESS' } } });
    for (const frame of frames) {
      expectShape(frame.data, 'Execution');
      expect(frame.data).toMatchObject({ tenantId: 'main', id: created.id, deleted: false });
    }
  });

  test('logs follow: FollowLogEvent frames, with tenantId and without deleted', async () => {
    const c = await setUp('2.0');
    const done = (await c.json('POST', '/api/v1/t2/executions/company.team/hello?wait=true', { body: withFile('Cy') })).body;
    const reader = sseReader(await c.call('GET', `/api/v1/t2/logs/${done.id}/follow`));
    const frame = await reader.next();
    await reader.cancel();
    expect(frame!.id).toBe('progress');
    const v = validatorFor(ref('FollowLogEvent'));
    expect(v(frame!.data) ? 'valid' : describeErrors(v)).toBe('valid');
    expect(Object.keys(frame!.data).filter((k) => !declared('FollowLogEvent').has(k))).toEqual([]);
    expect(frame!.data).toMatchObject({ tenantId: 't2', executionId: done.id, taskId: 'hello', message: 'Hello Cy', level: 'INFO' });
  });
});

describe('the default mode keeps its 0.21 answers', () => {
  test('create: no tenantId, the url without a tenant; log frames keep deleted', async () => {
    const c = await setUp('0.21');
    const r = await c.json('POST', '/api/v1/main/executions/company.team/hello?wait=true', { body: withFile() });
    expect(r.body).not.toHaveProperty('tenantId');
    expect(r.body.url).toBe(`/ui/executions/company.team/hello/${r.body.id}`);
    expect(r.body.taskRunList[1].outputs).toEqual({ values: { a: 'b' } });
    const reader = sseReader(await c.call('GET', `/api/v1/main/logs/${r.body.id}/follow`));
    const frame = await reader.next();
    await reader.cancel();
    expect(frame!.data).toMatchObject({ deleted: false, message: 'Hello Ada' });
    expect(frame!.data).not.toHaveProperty('tenantId');
  });
});
