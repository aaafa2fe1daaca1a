import { describe, expect, test } from 'bun:test';
import { testRuntime, flowYaml, YAML } from '../helpers/runtime.ts';

describe('HTTP edge', () => {
  test('GET /ping answers pong', async () => {
    const { call } = await testRuntime();
    const res = await call('GET', '/ping');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('pong');
  });

  test('unknown routes get Kestra error JSON', async () => {
    const { json } = await testRuntime();
    const { status, body } = await json('GET', '/api/v1/nothing-here/at/all?x=1');
    expect(status).toBe(404);
    expect(body.message).toBe('Not Found');
    expect(body._links.self.href).toBe('/api/v1/nothing-here/at/all?x=1');
  });

  test('oversized bodies get 413 and store nothing', async () => {
    const { json } = await testRuntime({ maxBodyBytes: 64 });
    const big = flowYaml('too-big') + '# padding'.repeat(20);
    const r = await json('POST', '/api/v1/flows', { body: big, type: YAML });
    expect(r.status).toBe(413);
    expect(r.body.message).toStartWith('Request Entity Too Large');
    expect((await json('GET', '/api/v1/flows/search')).body.total).toBe(0);
  });

  test('malformed JSON bodies get 422 Invalid json', async () => {
    const { json } = await testRuntime();
    const r = await json('DELETE', '/api/v1/flows/delete/by-ids', { body: '[{"namespace":', type: 'application/json' });
    expect(r.status).toBe(422);
    expect(r.body.message).toStartWith('Invalid json');
  });
});

describe('configs and usages', () => {
  test('configs has the Kestra shape', async () => {
    const { json } = await testRuntime();
    const { status, body } = await json('GET', '/api/v1/configs');
    expect(status).toBe(200);
    expect(body).toMatchObject({ isBasicAuthEnabled: false, systemNamespace: 'system', preview: { initial: 100, max: 5000 } });
    expect(typeof body.uuid).toBe('string');
    expect(typeof body.version).toBe('string');
    for (const k of ['isCustomDashboardsEnabled', 'isTaskRunEnabled', 'isTemplateEnabled', 'isAnonymousUsageEnabled']) expect(typeof body[k]).toBe('boolean');
  });

  test('tenant forms are aliases', async () => {
    const { json } = await testRuntime();
    expect((await json('GET', '/api/v1/main/configs')).status).toBe(200);
    expect((await json('GET', '/api/v1/acme/usages/all')).status).toBe(200);
  });

  test('usages has the keys clients assert on', async () => {
    const { json } = await testRuntime();
    const { body } = await json('GET', '/api/v1/usages/all');
    for (const v of [body.uuid, body.version, body.startTime, body.host.uuid, body.host.hardware.logicalProcessorCount, body.host.jvm.name, body.host.os.family, body.configurations.repositoryType, body.configurations.queueType]) {
      expect(v).toBeDefined();
    }
  });
});
