import { describe, expect, test } from 'bun:test';
import { friendlyIds, seededIds } from '../../src/shared/ids.ts';
import { testRuntime } from '../helpers/runtime.ts';
import { adminRuntime, deploy } from './helpers.ts';

const basic = `Basic ${Buffer.from('me@x.io:secret').toString('base64')}`;

describe('admin API and auth', () => {
  test('with basic auth on, Kestra routes need credentials and the admin API stays open', async () => {
    const c = await adminRuntime({ basicAuth: { username: 'me@x.io', password: 'secret' } });
    expect((await c.call('GET', '/_kestra-lite/clock')).status).toBe(200);
    expect((await c.call('POST', '/_kestra-lite/reset')).status).toBe(204);
    expect((await c.call('GET', '/api/v1/flows/search')).status).toBe(401);
    // refused calls are journaled too, with the credential masked
    await c.call('GET', '/api/v1/flows/search', { headers: { authorization: basic } });
    const journal = (await c.json('GET', '/_kestra-lite/requests')).body.results;
    expect(journal.map((e: any) => [e.status, e.headers.authorization ?? null])).toEqual([[401, null], [200, 'Basic ******']]);
  });

  test('with an admin token, the admin API needs "Bearer TOKEN"; Kestra routes keep their own auth', async () => {
    const c = await adminRuntime({ basicAuth: { username: 'me@x.io', password: 'secret' }, adminToken: 't0k3n' });
    expect((await c.call('GET', '/_kestra-lite/clock')).status).toBe(401);
    expect((await c.call('GET', '/_kestra-lite/clock', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await c.call('GET', '/_kestra-lite/clock', { headers: { authorization: basic } })).status).toBe(401);
    expect((await c.call('GET', '/_kestra-lite/clock', { headers: { authorization: 'Bearer t0k3n' } })).status).toBe(200);
    expect((await c.call('GET', '/api/v1/flows/search', { headers: { authorization: 'Bearer t0k3n' } })).status).toBe(401);
    expect((await c.call('GET', '/api/v1/flows/search', { headers: { authorization: basic } })).status).toBe(200);
  });
});

describe('POST /_kestra-lite/fixtures', () => {
  const pluginFlow = `id: etl\nnamespace: t\ntasks:\n  - id: extract\n    type: io.kestra.plugin.jdbc.postgresql.Query\n    sql: select 1\n`;

  test('a fixture added at run time mocks the next runs; reset removes it', async () => {
    const c = await adminRuntime();
    await deploy(c, pluginFlow);
    const added = await c.json('POST', '/_kestra-lite/fixtures', { body: 'flowId: etl\ntasks:\n  - id: extract\n    outputs:\n      rows: 42\n', type: 'application/x-yaml' });
    expect(added.status).toBe(200);
    expect(added.body.name).toBe('(admin)/000001');
    const run = (await c.json('POST', '/api/v1/executions/t/etl?wait=true', { body: new FormData() })).body;
    expect(run.state.current).toBe('SUCCESS');
    expect(run.taskRunList[0].outputs).toEqual({ rows: 42 });
    await c.call('POST', '/_kestra-lite/reset?keep=flows');
    const after = (await c.json('POST', '/api/v1/executions/t/etl?wait=true', { body: new FormData() })).body;
    expect(after.state.current).toBe('WARNING'); // no fixture: mocked with empty outputs
  });

  test('JSON documents work too; an invalid document is a 422 naming the problem', async () => {
    const c = await adminRuntime();
    expect((await c.json('POST', '/_kestra-lite/fixtures', { body: { tasks: [{ id: 'x', state: 'FAILED' }] } })).status).toBe(200);
    const bad = await c.json('POST', '/_kestra-lite/fixtures', { body: { tasks: [{ id: 'x', ouputs: {} }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toContain('ouputs');
    expect((await c.json('POST', '/_kestra-lite/fixtures', { body: '', type: 'application/x-yaml' })).status).toBe(422);
  });
});

describe('seeded ids', () => {
  test('the same seed gives the same friendly ids; another seed others', () => {
    const take = (g: () => string) => [g(), g(), g()];
    const a = take(seededIds(7));
    expect(take(seededIds(7))).toEqual(a);
    expect(take(seededIds(8))).not.toEqual(a);
    for (const id of a) expect(id).toMatch(/^[0-9A-Za-z]{20,22}$/);
    expect(take(friendlyIds())[0]).toMatch(/^[0-9A-Za-z]{20,22}$/);
  });

  test('runtimes started with the same seed give the same execution ids', async () => {
    const ids = async () => {
      const c = await testRuntime({ seed: 42, clock: 'fake', now: '2025-01-01T00:00:00Z' });
      await deploy(c, 'id: a\nnamespace: t\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n');
      const e = (await c.json('POST', '/api/v1/executions/t/a?wait=true', { body: new FormData() })).body;
      return [e.id, e.taskRunList[0].id];
    };
    expect(await ids()).toEqual(await ids());
  });
});
