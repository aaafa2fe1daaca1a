import { describe, expect, test } from 'bun:test';
import { createZip, readZip } from '../../src/shared/zip/zip.ts';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const LOG = 'io.kestra.plugin.core.log.Log';
const template = (id: string, namespace = 'company.team', message = 'hello') => ({ id, namespace, tasks: [{ id: 't1', type: LOG, message }] });
const yamlOf = (id: string, namespace = 'company.team') => `id: ${id}\nnamespace: ${namespace}\ntasks:\n  - id: t1\n    type: ${LOG}\n    message: hi\n`;
const ids = async (c: TestClient, query = '', base = '/api/v1') =>
  (await c.json('GET', `${base}/templates/search${query}`)).body.results.map((t: any) => `${t.namespace}/${t.id}`);

async function seed(c: TestClient, base = '/api/v1') {
  for (const [id, ns] of [['alpha', 'company'], ['beta', 'company.team'], ['gamma', 'company.team.sub'], ['delta', 'other']]) {
    const r = await c.json('POST', `${base}/templates`, { body: template(id!, ns) });
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  }
}

describe('GET /templates/search and distinct-namespaces', () => {
  for (const base of ['/api/v1', '/api/v1/main', '/api/v1/t2']) {
    test(`paging, sort, q and namespace prefix under ${base}`, async () => {
      const c = await testRuntime();
      await seed(c, base);
      const all = await c.json('GET', `${base}/templates/search`);
      expect(all.body.total).toBe(4);
      expect(await ids(c, '', base)).toEqual(['company/alpha', 'company.team/beta', 'company.team.sub/gamma', 'other/delta']);
      expect(await ids(c, '?page=2&size=3', base)).toEqual(['other/delta']);
      expect((await c.json('GET', `${base}/templates/search?page=3&size=3`)).body).toEqual({ results: [], total: 4 });
      expect(await ids(c, '?sort=id:desc', base)).toEqual(['company.team.sub/gamma', 'other/delta', 'company.team/beta', 'company/alpha']);
      expect(await ids(c, '?namespace=company.team', base)).toEqual(['company.team/beta', 'company.team.sub/gamma']);
      expect(await ids(c, '?namespace=compan', base)).toEqual([]);
      expect(await ids(c, '?q=GAM', base)).toEqual(['company.team.sub/gamma']);
      expect(await ids(c, '?q=team%20beta', base)).toEqual(['company.team/beta']);
      expect(await ids(c, '?filters[namespace][PREFIX]=other', base)).toEqual(['other/delta']);
      expect((await c.json('GET', `${base}/templates/distinct-namespaces`)).body).toEqual(['company', 'company.team', 'company.team.sub', 'other']);
    });
  }

  test('bad paging and sort get 422', async () => {
    const c = await testRuntime();
    for (const q of ['page=0', 'size=0', 'page=x', 'sort=id', 'filters[flowId][EQUALS]=x']) {
      const r = await c.json('GET', `/api/v1/templates/search?${q}`);
      expect(r.status).toBe(422);
      expect(typeof r.body.message).toBe('string');
    }
  });

  test('another tenant sees nothing', async () => {
    const c = await testRuntime();
    await seed(c);
    expect((await c.json('GET', '/api/v1/t2/templates/search')).body).toEqual({ results: [], total: 0 });
    expect((await c.json('GET', '/api/v1/t2/templates/distinct-namespaces')).body).toEqual([]);
  });
});

describe('POST /templates/{namespace}', () => {
  test('creates, updates, deletes the others of the exact namespace; deleted first in the answer', async () => {
    const c = await testRuntime();
    await seed(c);
    const r = await c.json('POST', '/api/v1/templates/company.team', { body: [template('beta', 'company.team', 'changed'), template('new', 'company.team')] });
    expect(r.status).toBe(200);
    expect(r.body.map((t: any) => t.id)).toEqual(['beta', 'new']);
    expect((await c.json('GET', '/api/v1/templates/company.team/beta')).body.tasks[0].message).toBe('changed');

    const r2 = await c.json('POST', '/api/v1/main/templates/company.team', { body: [template('new', 'company.team')] });
    expect(r2.body.map((t: any) => `${t.id}:${t.deleted}`)).toEqual(['beta:false', 'new:false']);
    expect((await c.json('GET', '/api/v1/templates/company.team/beta')).status).toBe(404);
    expect(await ids(c)).toEqual(['company/alpha', 'company.team/new', 'company.team.sub/gamma', 'other/delta']);

    const keep = await c.json('POST', '/api/v1/templates/company.team?delete=false', { body: [template('more', 'company.team')] });
    expect(keep.body.map((t: any) => t.id)).toEqual(['more']);
    expect(await ids(c, '?namespace=company.team')).toContain('company.team/new');
  });

  test('wrong namespace, duplicates and invalid documents are 422 and change nothing', async () => {
    const c = await testRuntime();
    await seed(c);
    const before = await ids(c);
    const wrong = await c.json('POST', '/api/v1/templates/company.team', { body: [template('x', 'other')] });
    expect(wrong.status).toBe(422);
    expect(wrong.body.message).toBe('Invalid entity: template.namespace: Template namespace is invalid');
    const dup = await c.json('POST', '/api/v1/templates/company.team', { body: [template('x', 'company.team'), template('x', 'company.team')] });
    expect(dup.status).toBe(422);
    expect(dup.body.message).toBe('Invalid entity: template.id: Duplicate template id');
    const invalid = await c.json('POST', '/api/v1/templates/company.team', { body: [template('ok', 'company.team'), { id: 'bad', namespace: 'company.team', tasks: [] }] });
    expect(invalid.status).toBe(422);
    expect(invalid.body.message).toBe('Invalid entity: tasks: must not be empty');
    expect((await c.json('POST', '/api/v1/templates/company.team', { body: { id: 'x' } })).status).toBe(422);
    expect((await c.json('POST', '/api/v1/templates/company.team?delete=maybe', { body: [] })).status).toBe(422);
    expect(await ids(c)).toEqual(before);
  });
});

describe('POST /templates/validate', () => {
  test('one report per document, invalid ones with constraints', async () => {
    const c = await testRuntime();
    for (const base of ['/api/v1', '/api/v1/main']) {
      const body = `${yamlOf('good')}---\nid: bad\nnamespace: company.team\ntasks: []\n---\nid: x\nnamespace: company.team\nfoo: 1\ntasks: []\n---\nid: [\n`;
      const r = await c.json('POST', `${base}/templates/validate`, { body, type: YAML });
      expect(r.status).toBe(200);
      expect(r.body[0]).toEqual({ index: 0, flow: 'good', namespace: 'company.team', outdated: false });
      expect(r.body[1]).toEqual({ index: 1, flow: 'bad', namespace: 'company.team', outdated: false, constraints: 'tasks: must not be empty' });
      expect(r.body[2].flow).toBeUndefined();
      expect(r.body[2].constraints).toStartWith('Unrecognized field "foo" (class io.kestra.core.models.templates.Template)');
      expect(r.body[3].constraints).toStartWith('Illegal template yaml:');
    }
    expect(await ids(c)).toEqual([]);
    expect((await c.json('POST', '/api/v1/templates/validate', { body: [], type: 'application/json' })).status).toBe(415);
  });
});

describe('export and import', () => {
  test('export by query and by ids as ZIP of YAML; unknown id is 404', async () => {
    const c = await testRuntime();
    await seed(c);
    const res = await c.call('GET', '/api/v1/templates/export/by-query?namespace=company.team');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="templates.zip"');
    const entries = readZip(new Uint8Array(await res.arrayBuffer()));
    expect(entries.map((e) => e.name)).toEqual(['company.team.beta.yml', 'company.team.sub.gamma.yml']);
    const text = new TextDecoder().decode(entries[0]!.data);
    expect(text).toContain('id: beta\nnamespace: company.team\ntasks:');
    expect(text).not.toContain('deleted');

    const byIds = await c.call('POST', '/api/v1/main/templates/export/by-ids', { body: [{ namespace: 'other', id: 'delta' }] });
    expect(readZip(new Uint8Array(await byIds.arrayBuffer())).map((e) => e.name)).toEqual(['other.delta.yml']);
    const unknown = await c.json('POST', '/api/v1/templates/export/by-ids', { body: [{ namespace: 'other', id: 'nope' }] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Not Found: No value present');
    expect((await c.json('POST', '/api/v1/templates/export/by-ids', { body: { namespace: 'x' } })).status).toBe(422);
  });

  test('an export imports back (ZIP), YAML multi-document imports create or update', async () => {
    const c = await testRuntime();
    await seed(c);
    const zip = new Uint8Array(await (await c.call('GET', '/api/v1/templates/export/by-query')).arrayBuffer());
    const form = new FormData();
    form.append('fileUpload', new File([zip], 'templates.zip'));
    const imported = await c.call('POST', '/api/v1/t2/templates/import', { body: form });
    expect(imported.status).toBe(204);
    expect(await ids(c, '', '/api/v1/t2')).toEqual(await ids(c));

    const yaml = new FormData();
    yaml.append('fileUpload', new File([`${yamlOf('alpha', 'company').replace('hi', 'updated')}---\n${yamlOf('fresh')}`], 'all.yaml'));
    expect((await c.call('POST', '/api/v1/templates/import', { body: yaml })).status).toBe(204);
    expect((await c.json('GET', '/api/v1/templates/company/alpha')).body.tasks[0].message).toBe('updated');
    expect((await c.json('GET', '/api/v1/templates/company.team/fresh')).status).toBe(200);
  });

  test('bad imports: wrong extension, invalid document, missing part, not multipart', async () => {
    const c = await testRuntime();
    const form = (name: string, content: string | Uint8Array) => {
      const f = new FormData();
      f.append('fileUpload', new File([content], name));
      return f;
    };
    const ext = await c.json('POST', '/api/v1/templates/import', { body: form('t.txt', 'x') });
    expect(ext.status).toBe(422);
    expect(ext.body.message).toBe('Illegal argument: Cannot import file of type .txt');
    const bad = await c.json('POST', '/api/v1/templates/import', { body: form('t.yml', 'id: broken\nnamespace: company.team\ntasks: []\n') });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe('Invalid entity: tasks: must not be empty');
    const badZip = await c.json('POST', '/api/v1/templates/import', { body: form('t.zip', createZip([{ name: 'a.yml', data: 'id: a\nnamespace: n\nfoo: 1\n' }])) });
    expect(badZip.status).toBe(422);
    expect(badZip.body.message).toStartWith('Invalid entity: Unrecognized field "foo"');
    const notZip = await c.json('POST', '/api/v1/templates/import', { body: form('t.zip', 'not a zip') });
    expect(notZip.status).toBe(422);
    const missing = await c.json('POST', '/api/v1/templates/import', { body: new FormData() });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('Bad Request: Required Part [fileUpload] not specified');
    expect((await c.json('POST', '/api/v1/templates/import', { body: 'x', type: YAML })).status).toBe(415);
    expect(await ids(c)).toEqual([]);
  });
});

describe('bulk deletes', () => {
  test('delete by ids (unknown id 404, nothing deleted before it is checked) and by query', async () => {
    const c = await testRuntime();
    await seed(c);
    const unknown = await c.json('DELETE', '/api/v1/templates/delete/by-ids', { body: [{ namespace: 'company', id: 'alpha' }, { namespace: 'x', id: 'y' }] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Not Found: No value present');
    expect(await ids(c)).toHaveLength(4);

    const byIds = await c.json('DELETE', '/api/v1/main/templates/delete/by-ids', { body: [{ namespace: 'company', id: 'alpha' }] });
    expect(byIds.body).toEqual({ count: 1 });
    const byQuery = await c.json('DELETE', '/api/v1/templates/delete/by-query?namespace=company.team');
    expect(byQuery.body).toEqual({ count: 2 });
    expect(await ids(c)).toEqual(['other/delta']);
    expect((await c.json('DELETE', '/api/v1/t2/templates/delete/by-query')).body).toEqual({ count: 0 });
    expect(await ids(c)).toEqual(['other/delta']);
    expect((await c.json('DELETE', '/api/v1/templates/delete/by-ids', { body: 'nope', type: 'application/json' })).status).toBe(422);
  });
});
