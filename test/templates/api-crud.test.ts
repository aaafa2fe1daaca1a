import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const LOG = 'io.kestra.plugin.core.log.Log';
const template = (id: string, namespace = 'company.team', extra: Record<string, unknown> = {}) => ({
  id, namespace, description: 'My template', tasks: [{ id: 't1', type: LOG, message: 'hello' }], ...extra,
});
const count = async (c: TestClient, base = '/api/v1') => (await c.json('GET', `${base}/templates/search`)).body.total as number;

describe('POST/GET/PUT/DELETE /templates', () => {
  for (const base of ['/api/v1', '/api/v1/main']) {
    test(`create, read, update and soft-delete a template under ${base}`, async () => {
      const c = await testRuntime();
      const created = await c.json('POST', `${base}/templates`, { body: template('tpl') });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({
        id: 'tpl', namespace: 'company.team', description: 'My template', tasks: [{ id: 't1', type: LOG, message: 'hello' }], deleted: false,
      });

      const got = await c.json('GET', `${base}/templates/company.team/tpl`);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(created.body);

      const updated = await c.json('PUT', `${base}/templates/company.team/tpl`, {
        body: template('tpl', 'company.team', { description: undefined, errors: [{ id: 'e1', type: LOG, message: 'oops' }] }),
      });
      expect(updated.status).toBe(200);
      expect(updated.body.description).toBeUndefined();
      expect(updated.body.errors).toEqual([{ id: 'e1', type: LOG, message: 'oops' }]);
      expect((await c.json('GET', `${base}/templates/company.team/tpl`)).body.errors).toHaveLength(1);

      const deleted = await c.call('DELETE', `${base}/templates/company.team/tpl`);
      expect(deleted.status).toBe(204);
      expect(await deleted.text()).toBe('');
      expect((await c.json('GET', `${base}/templates/company.team/tpl`)).status).toBe(404);
      expect((await c.json('DELETE', `${base}/templates/company.team/tpl`)).status).toBe(404);
      expect(await count(c, base)).toBe(0);

      // a deleted template can be created again
      expect((await c.json('POST', `${base}/templates`, { body: template('tpl') })).status).toBe(200);
    });
  }

  test('a YAML body is accepted too', async () => {
    const c = await testRuntime();
    const r = await c.json('POST', '/api/v1/templates', {
      body: `id: y\nnamespace: company.team\ntasks:\n  - id: a\n    type: ${LOG}\n    message: hi\n`, type: YAML,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'y', namespace: 'company.team', deleted: false });
  });

  test('creating an existing template is a 422 with Kestra\'s message', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/templates', { body: template('tpl') });
    const r = await c.json('POST', '/api/v1/templates', { body: template('tpl', 'company.team', { description: 'other' }) });
    expect(r.status).toBe(422);
    expect(r.body.message).toBe('Invalid entity: template.id: Template id already exists');
    expect(r.body._embedded.errors[0]).toMatchObject({ message: 'Template id already exists', path: 'template.id' });
    expect((await c.json('GET', '/api/v1/templates/company.team/tpl')).body.description).toBe('My template');
  });

  test('invalid templates get 422 with Kestra\'s messages and store nothing', async () => {
    const c = await testRuntime();
    const cases: [unknown, string][] = [
      [{ ...template('a'), inputs: [] }, 'Invalid entity: Unrecognized field "inputs" (class io.kestra.core.models.templates.Template), not marked as ignorable'],
      [template('a', 'company.team', { tasks: [] }), 'Invalid entity: tasks: must not be empty'],
      [{ namespace: 'company.team', tasks: [{ id: 't', type: LOG, message: 'm' }] }, 'Invalid entity: id: must not be null'],
      [template('a b'), 'Invalid entity: id: must match "^[a-zA-Z0-9][a-zA-Z0-9._-]*"'],
      [template('a', 'Company'), 'Invalid entity: namespace: must match "^[a-z0-9][a-z0-9._-]*"'],
      [template('a', 'company.team', { tasks: [{ id: 't', type: LOG }] }), 'Invalid entity: t.message: must not be null'],
      [template('a', 'company.team', { tasks: [{ id: 't', type: 'io.kestra.invalid' }] }), 'Invalid entity: Invalid type: io.kestra.invalid'],
      [template('a', 'company.team', { tasks: 'nope' }), 'Invalid entity: Cannot deserialize value of type `java.util.List<io.kestra.core.models.tasks.Task>`'],
      [[template('a')], 'Invalid entity: Illegal template yaml: Cannot deserialize value of type `io.kestra.core.models.templates.Template`'],
    ];
    for (const [body, message] of cases) {
      const r = await c.json('POST', '/api/v1/templates', { body: body as object });
      expect(r.status).toBe(422);
      expect(r.body.message.startsWith(message)).toBe(true);
      expect(Array.isArray(r.body._embedded.errors)).toBe(true);
    }
    const yaml = await c.json('POST', '/api/v1/templates', { body: 'id: [unclosed\n', type: YAML });
    expect(yaml.status).toBe(422);
    expect(yaml.body.message).toStartWith('Invalid entity: Illegal template yaml:');
    const notJson = await c.json('POST', '/api/v1/templates', { body: '{"id": ', type: 'application/json' });
    expect(notJson.status).toBe(422);
    expect(notJson.body.message).toStartWith('Invalid json:');
    const empty = await c.json('POST', '/api/v1/templates', { body: '', type: 'application/json' });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('Bad Request: Required Body [template] not specified');
    const multipart = await c.json('POST', '/api/v1/templates', { body: new FormData() });
    expect(multipart.status).toBe(415);
    expect(await count(c)).toBe(0);
  });

  test('updates: unknown template 404, id or namespace changes 422, nothing changed', async () => {
    const c = await testRuntime();
    expect((await c.json('PUT', '/api/v1/templates/company.team/nope', { body: template('nope') })).status).toBe(404);
    await c.json('POST', '/api/v1/templates', { body: template('tpl') });
    const renamed = await c.json('PUT', '/api/v1/templates/company.team/tpl', { body: template('other', 'company.other') });
    expect(renamed.status).toBe(422);
    expect(renamed.body.message).toBe('Invalid entity: template.id: Illegal template id update, template.namespace: Illegal namespace update');
    const invalid = await c.json('PUT', '/api/v1/templates/company.team/tpl', { body: template('tpl', 'company.team', { tasks: [] }) });
    expect(invalid.status).toBe(422);
    expect((await c.json('GET', '/api/v1/templates/company.team/tpl')).body.tasks).toHaveLength(1);
    expect((await c.json('GET', '/api/v1/templates/company.other/other')).status).toBe(404);
  });

  test('tenants are isolated', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/templates', { body: template('tpl') });
    expect((await c.json('GET', '/api/v1/main/templates/company.team/tpl')).status).toBe(200);
    expect((await c.json('GET', '/api/v1/t2/templates/company.team/tpl')).status).toBe(404);
    expect(await count(c, '/api/v1/t2')).toBe(0);
    expect((await c.json('POST', '/api/v1/t2/templates', { body: template('tpl') })).status).toBe(200);
    expect((await c.call('DELETE', '/api/v1/t2/templates/company.team/tpl')).status).toBe(204);
    expect((await c.json('GET', '/api/v1/templates/company.team/tpl')).status).toBe(200);
  });

  test('templates survive a restart in persisted mode', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'kl-templates-'));
    try {
      const first = await testRuntime({ memory: false, dataDir: dir });
      await first.json('POST', '/api/v1/templates', { body: template('kept') });
      await first.rt.dispose();
      const second = await testRuntime({ memory: false, dataDir: dir });
      expect((await second.json('GET', '/api/v1/templates/company.team/kept')).body.id).toBe('kept');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GET /configs', () => {
  test('reports templates as enabled, under every tenant form', async () => {
    const c = await testRuntime();
    for (const base of ['/api/v1', '/api/v1/main', '/api/v1/t2']) {
      expect((await c.json('GET', `${base}/configs`)).body.isTemplateEnabled).toBe(true);
    }
  });
});
