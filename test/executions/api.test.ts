import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime, YAML } from '../helpers/runtime.ts';
import { execute, saveFlow } from '../helpers/flows.ts';

const LOG = 'id: ok\nnamespace: t\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n';
const HELLO = 'id: hello\nnamespace: company.team\nlabels:\n  team: a\ninputs:\n  - id: name\n    type: STRING\n    defaults: World\n  - id: count\n    type: INT\n    required: false\n  - id: doc\n    type: FILE\n    required: false\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "Hello {{ inputs.name }}"\n';

describe('POST /api/v1/executions/{namespace}/{id}', () => {
  test('without wait: CREATED, typed inputs, labels, url, metadata', async () => {
    const c = await testRuntime();
    await saveFlow(c, HELLO);
    const form = new FormData();
    form.append('name', 'Ada');
    form.append('count', '42');
    form.append('ignored', 'x');
    const r = await c.json('POST', '/api/v1/executions/company.team/hello?labels=env:dev&labels=url:https://a.b/c', { body: form });
    expect(r.status).toBe(200);
    expect(r.body.state.current).toBe('CREATED');
    expect(r.body.state.histories).toHaveLength(1);
    expect(r.body.taskRunList).toBeUndefined();
    expect(r.body.inputs).toEqual({ name: 'Ada', count: 42, doc: null });
    expect(r.body.labels).toEqual([{ key: 'team', value: 'a' }, { key: 'env', value: 'dev' }, { key: 'url', value: 'https://a.b/c' }, { key: 'system.correlationId', value: r.body.id }]);
    expect(r.body).toMatchObject({ namespace: 'company.team', flowId: 'hello', flowRevision: 1, originalId: r.body.id, deleted: false, metadata: { attemptNumber: 1 } });
    expect(r.body.url).toBe(`/ui/executions/company.team/hello/${r.body.id}`);
  });

  test('FILE inputs are keyed by the part filename and stored as kestra:/// URIs', async () => {
    const c = await testRuntime();
    await saveFlow(c, HELLO);
    const form = new FormData();
    form.append('files', new File(['a,b\n1,2\n'], 'doc'));
    const e = await execute(c, 'company.team', 'hello', {}, '');
    expect(e.inputs.doc).toBeNull();
    const r = await c.json('POST', '/api/v1/executions/company.team/hello?wait=true', { body: form });
    expect(r.body.inputs.doc).toStartWith(`kestra:///company/team/hello/executions/${r.body.id}/inputs/doc/`);
    const file = await c.call('GET', `/api/v1/executions/${r.body.id}/file?path=${encodeURIComponent(r.body.inputs.doc)}`);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('a,b\n1,2\n');
  });

  test('errors: unknown flow 404, disabled 409, bad input 422, system label 422, wrong content type 415, bad labels', async () => {
    const c = await testRuntime();
    await saveFlow(c, HELLO);
    const missing = await c.json('POST', '/api/v1/executions/company.team/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Not Found: Requested Flow is not found.');
    const badInput = new FormData();
    badInput.append('count', 'abc');
    const bad = await c.json('POST', '/api/v1/executions/company.team/hello', { body: badInput });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe('Invalid entity: count: Invalid input for `count`, For input string: "abc", but received `abc`');
    expect(bad.body._embedded.errors[0].path).toBe('count');
    const sys = await c.json('POST', '/api/v1/executions/company.team/hello?labels=system.app:x');
    expect(sys.status).toBe(422);
    expect(sys.body.message).toBe('Illegal argument: System labels can only be set by Kestra itself, offending label: system.app=x');
    expect((await c.json('POST', '/api/v1/executions/company.team/hello?labels=k:', { body: new FormData() })).status).toBe(422);
    expect((await c.json('POST', '/api/v1/executions/company.team/hello', { body: '{"a":1}', type: 'application/json' })).status).toBe(415);
    expect((await c.json('POST', '/api/v1/executions/company.team/hello?revision=7')).status).toBe(404);
    expect((await c.json('POST', '/api/v1/executions/company.team/hello?scheduleDate=tomorrow')).status).toBe(422);
    await c.json('POST', '/api/v1/flows/disable/by-ids', { body: [{ namespace: 'company.team', id: 'hello' }] });
    const disabled = await c.json('POST', '/api/v1/executions/company.team/hello');
    expect(disabled.status).toBe(409);
    expect(disabled.body.message).toBe('Illegal state: Requested Flow is disabled.');
    await c.call('DELETE', '/api/v1/flows/company.team/hello');
    expect((await c.json('POST', '/api/v1/executions/company.team/hello')).status).toBe(404);
  });

  test('revision runs an older revision', async () => {
    const c = await testRuntime();
    await saveFlow(c, HELLO);
    await c.json('PUT', '/api/v1/flows/company.team/hello', { body: HELLO.replace('Hello {{', 'Bye {{'), type: YAML });
    const e = await execute(c, 'company.team', 'hello', {}, '&revision=1');
    expect(e.flowRevision).toBe(1);
    const logs = c.rt.services.logs.logs.find('main', { executionId: e.id }).results;
    expect(logs[0]!.message).toBe('Hello World');
  });

  test('a deleted flow cannot be executed, not even by revision', async () => {
    const c = await testRuntime();
    await saveFlow(c, LOG);
    await c.call('DELETE', '/api/v1/flows/t/ok');
    const r = await c.json('POST', '/api/v1/executions/t/ok?revision=1');
    expect(r.status).toBe(404);
    expect(r.body.message).toBe('Not Found: Requested Flow is not found.');
  });
});

describe('reading, listing, searching, deleting', () => {
  async function seed() {
    const c = await testRuntime();
    await saveFlow(c, HELLO);
    await saveFlow(c, 'id: other\nnamespace: company.team.sub\ntasks:\n  - id: f\n    type: io.kestra.plugin.core.execution.Fail\n');
    await saveFlow(c, 'id: sys\nnamespace: system\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n');
    const clock = c.rt.clock as FakeClock;
    const ids: string[] = [];
    ids.push((await execute(c, 'company.team', 'hello', {}, '&labels=k:v1')).id);
    clock.advance(60_000);
    ids.push((await execute(c, 'company.team', 'hello', {}, '&labels=k:v2')).id);
    clock.advance(60_000);
    ids.push((await execute(c, 'company.team.sub', 'other')).id);
    clock.advance(60_000);
    ids.push((await execute(c, 'system', 'sys')).id);
    return { c, ids };
  }

  test('get and 404', async () => {
    const { c, ids } = await seed();
    const e = await c.json('GET', `/api/v1/executions/${ids[0]}`);
    expect(e.body.state.current).toBe('SUCCESS');
    expect(e.body.url).toBeUndefined();
    const missing = await c.json('GET', '/api/v1/executions/nope');
    expect(missing.status).toBe(404);
    expect((await c.json('GET', `/api/v1/acme/executions/${ids[0]}`)).status).toBe(404);
  });

  test('GET /executions needs namespace and flowId', async () => {
    const { c } = await seed();
    const r = await c.json('GET', '/api/v1/executions?namespace=company.team&flowId=hello');
    expect(r.body.total).toBe(2);
    const bad = await c.json('GET', '/api/v1/executions?namespace=company.team');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Bad Request: Required QueryValue [flowId] not specified');
  });

  test('search filters: namespace prefix, flowId, state, labels, q, scope, dates, timeRange, sort, paging', async () => {
    const { c, ids } = await seed();
    const s = async (q: string) => (await c.json('GET', `/api/v1/executions/search?${q}`)).body;
    expect((await s('')).total).toBe(4);
    expect((await s('')).results.map((e: any) => e.id)).toEqual([...ids].reverse());
    expect((await s('namespace=company.team')).total).toBe(3);
    expect((await s('namespace=company.team&flowId=hello')).total).toBe(2);
    expect((await s('state=FAILED')).results.map((e: any) => e.id)).toEqual([ids[2]]);
    expect((await s('state=FAILED,SUCCESS')).total).toBe(4);
    expect((await s('labels=k:v2')).results.map((e: any) => e.id)).toEqual([ids[1]]);
    expect((await s('filters[labels][EQUALS][k]=v1')).results.map((e: any) => e.id)).toEqual([ids[0]]);
    expect((await s('q=other')).total).toBe(1);
    expect((await s('scope=USER')).total).toBe(3);
    expect((await s('scope=SYSTEM')).total).toBe(1);
    const start = new Date((c.rt.clock as FakeClock).now() - 90_000).toISOString();
    expect((await s(`startDate=${encodeURIComponent(start)}`)).total).toBe(2);
    expect((await s('timeRange=PT90S')).total).toBe(2);
    expect((await s('sort=state.startDate:asc&size=1&page=2')).results.map((e: any) => e.id)).toEqual([ids[1]]);
    expect((await s('filters[state][EQUALS]=FAILED')).total).toBe(1);
    for (const q of ['state=NOPE', 'page=0', 'sort=bogus:asc', `timeRange=P1Y`, `startDate=${encodeURIComponent(start)}&timeRange=PT1H`, 'startDate=2030-01-01T00:00:00Z&endDate=2020-01-01T00:00:00Z', 'startDate=yesterday']) {
      const r = await c.json('GET', `/api/v1/executions/search?${q}`);
      expect(r.status).toBe(422);
    }
  });

  test('delete with its flags removes logs and files', async () => {
    const { c, ids } = await seed();
    const deleted: string[] = [];
    c.rt.events.on('execution.deleted', (e) => void deleted.push(e.id)); // the dashboard and flow triggers drop it
    expect(c.rt.services.logs.logs.find('main', { executionId: ids[0] }).total).toBeGreaterThan(0);
    expect((await c.call('DELETE', `/api/v1/executions/${ids[0]}`)).status).toBe(204);
    expect((await c.json('GET', `/api/v1/executions/${ids[0]}`)).status).toBe(404);
    expect(c.rt.services.logs.logs.find('main', { executionId: ids[0] }).total).toBe(0);
    expect((await c.call('DELETE', `/api/v1/executions/${ids[1]}?deleteLogs=false`)).status).toBe(204);
    expect(c.rt.services.logs.logs.find('main', { executionId: ids[1] }).total).toBeGreaterThan(0);
    expect((await c.call('DELETE', '/api/v1/executions/nope')).status).toBe(404);
    expect(deleted).toEqual(ids.slice(0, 2));
  });
});

describe('execution graph and flow', () => {
  test('the graph of the execution revision carries its task runs; /flow returns that revision', async () => {
    const c = await testRuntime();
    await saveFlow(c, HELLO);
    const e = await execute(c, 'company.team', 'hello');
    const g = await c.json('GET', `/api/v1/executions/${e.id}/graph`);
    expect(g.status).toBe(200);
    const node = g.body.nodes.find((n: any) => n.uid === 'root.log');
    expect(node.taskRun).toMatchObject({ taskId: 'log', state: { current: 'SUCCESS' } });
    const f = await c.json('GET', `/api/v1/executions/${e.id}/flow`);
    expect(f.body).toMatchObject({ id: 'hello', namespace: 'company.team', revision: 1 });
    expect(typeof f.body.source).toBe('string');
    expect((await c.json('GET', '/api/v1/executions/nope/graph')).status).toBe(404);
  });
});

describe('POST /executions/{namespace}/{id}/validate', () => {
  test('reports every input with its value and errors, creating nothing', async () => {
    const c = await testRuntime();
    await saveFlow(c, HELLO);
    const form = new FormData();
    form.append('count', 'abc');
    const r = await c.json('POST', '/api/v1/executions/company.team/hello/validate', { body: form });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'hello', namespace: 'company.team' });
    const byId = Object.fromEntries(r.body.inputs.map((i: any) => [i.input.id, i]));
    expect(byId.name).toMatchObject({ value: 'World', enabled: true, errors: [] });
    expect(byId.count.errors[0].message).toContain('For input string');
    expect((await c.json('GET', '/api/v1/executions/search')).body.total).toBe(0);
  });
});

describe('POST /executions/{id}/eval/{taskRunId}', () => {
  test('renders an expression in the task run context, or reports the error', async () => {
    const c = await testRuntime();
    await saveFlow(c, HELLO);
    const e = await execute(c, 'company.team', 'hello', { name: 'Ada' });
    const tr = e.taskRunList[0].id;
    const ok = await c.json('POST', `/api/v1/executions/${e.id}/eval/${tr}`, { body: '{{ inputs.name | upper }} {{ taskrun.id == "' + tr + '" }}', type: 'text/plain' });
    expect(ok.body).toEqual({ result: 'ADA true' });
    const bad = await c.json('POST', `/api/v1/executions/${e.id}/eval/${tr}`, { body: '{{ nope }}', type: 'text/plain' });
    expect(bad.body.error).toContain('Unable to find `nope`');
    expect((await c.json('POST', `/api/v1/executions/${e.id}/eval/zz`, { body: 'x', type: 'text/plain' })).status).toBe(404);
  });
});
