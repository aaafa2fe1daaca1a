import { describe, expect, test } from 'bun:test';
import { createZip, readZip } from '../../src/shared/zip/zip.ts';
import { flowYaml, testRuntime, YAML } from '../helpers/runtime.ts';

const create = (c: Awaited<ReturnType<typeof testRuntime>>, id: string, ns = 'company.team', extra = '') =>
  c.json('POST', '/api/v1/flows', { body: flowYaml(id, ns, extra), type: YAML });

describe('GET /api/v1/flows/search', () => {
  test('paging, total, sort, q, namespace prefix, labels, both filter forms', async () => {
    const c = await testRuntime();
    await create(c, 'alpha', 'company');
    await create(c, 'beta', 'company.team', 'labels:\n  env: prod\n');
    await create(c, 'gamma', 'company.team.sub', 'labels:\n  - key: env\n    value: dev\n');
    await create(c, 'delta', 'other');
    await create(c, 'sys', 'system');

    const all = await c.json('GET', '/api/v1/flows/search');
    expect(all.body.total).toBe(5);
    expect(all.body.results.map((f: any) => f.id)).toEqual(['alpha', 'beta', 'gamma', 'delta', 'sys']);
    expect(all.body.results[0].source).toBeUndefined();

    const page2 = await c.json('GET', '/api/v1/flows/search?page=2&size=2');
    expect(page2.body).toMatchObject({ total: 5 });
    expect(page2.body.results.map((f: any) => f.id)).toEqual(['gamma', 'delta']);
    expect((await c.json('GET', '/api/v1/flows/search?page=9&size=2')).body).toEqual({ results: [], total: 5 });

    const byId = await c.json('GET', '/api/v1/flows/search?sort=id:desc');
    expect(byId.body.results.map((f: any) => f.id)).toEqual(['sys', 'gamma', 'delta', 'beta', 'alpha']);

    expect((await c.json('GET', '/api/v1/flows/search?namespace=company.team')).body.total).toBe(2);
    expect((await c.json('GET', '/api/v1/flows/search?namespace=COMPANY')).body.total).toBe(3);
    expect((await c.json('GET', '/api/v1/flows/search?namespace=compan')).body.total).toBe(0);
    expect((await c.json('GET', '/api/v1/flows/search?q=GAM')).body.results.map((f: any) => f.id)).toEqual(['gamma']);
    expect((await c.json('GET', '/api/v1/flows/search?q=team%20beta')).body.total).toBe(1);
    expect((await c.json('GET', '/api/v1/flows/search?q=*')).body.total).toBe(5);
    expect((await c.json('GET', '/api/v1/flows/search?labels=env:prod')).body.results.map((f: any) => f.id)).toEqual(['beta']);
    expect((await c.json('GET', '/api/v1/flows/search?filters[labels][EQUALS][env]=dev')).body.results.map((f: any) => f.id)).toEqual(['gamma']);
    expect((await c.json('GET', '/api/v1/flows/search?filters[namespace][PREFIX]=company.team')).body.total).toBe(2);
    expect((await c.json('GET', '/api/v1/flows/search?filters[q][EQUALS]=delta')).body.total).toBe(1);
    expect((await c.json('GET', '/api/v1/flows/search?scope=USER')).body.total).toBe(4);
    expect((await c.json('GET', '/api/v1/flows/search?scope=SYSTEM')).body.total).toBe(1);
    expect((await c.json('GET', '/api/v1/flows/search?scope=USER&scope=SYSTEM')).body.total).toBe(5);
  });

  test('bad page, size, sort and labels get 422', async () => {
    const c = await testRuntime();
    for (const q of ['page=0', 'size=0', 'size=-1', 'page=abc', 'size=1e3', 'sort=id', 'sort=a:b:c', 'labels=:v', 'labels=k:', 'page=99999999999']) {
      const r = await c.json('GET', `/api/v1/flows/search?${q}`);
      expect(r.status).toBe(422);
      expect(typeof r.body.message).toBe('string');
    }
    const dup = await c.json('GET', '/api/v1/flows/search?labels=k:a&labels=k:b');
    expect(dup.status).toBe(409);
  });
});

describe('namespaces', () => {
  test('distinct-namespaces with a q prefix', async () => {
    const c = await testRuntime();
    await create(c, 'a', 'company');
    await create(c, 'b', 'company.team');
    await create(c, 'c', 'other');
    expect((await c.json('GET', '/api/v1/flows/distinct-namespaces')).body).toEqual(['company', 'company.team', 'other']);
    expect((await c.json('GET', '/api/v1/flows/distinct-namespaces?q=company.')).body).toEqual(['company.team']);
  });
});

describe('bulk and namespace sync', () => {
  test('POST /flows/bulk creates, updates and (by default) deletes every other flow', async () => {
    const c = await testRuntime();
    await create(c, 'keep');
    await create(c, 'drop', 'elsewhere');
    const body = `${flowYaml('keep', 'company.team', 'description: changed\n')}\n---\n${flowYaml('fresh')}`;
    const r = await c.json('POST', '/api/v1/flows/bulk', { body, type: YAML });
    expect(r.status).toBe(200);
    expect(r.body.map((f: any) => [f.id, f.revision, f.deleted])).toEqual([['drop', 1, false], ['keep', 2, false], ['fresh', 1, false]]);
    expect((await c.json('GET', '/api/v1/flows/elsewhere/drop')).status).toBe(404);
    const keepOthers = await c.json('POST', '/api/v1/flows/bulk?delete=false', { body: flowYaml('another'), type: YAML });
    expect(keepOthers.body.length).toBe(1);
    expect((await c.json('GET', '/api/v1/flows/search')).body.total).toBe(3);
  });

  test('bulk with a duplicate id or an invalid document stores nothing', async () => {
    const c = await testRuntime();
    await create(c, 'keep');
    const dup = await c.json('POST', '/api/v1/flows/bulk', { body: `${flowYaml('x')}---\n${flowYaml('x', 'other')}`, type: YAML });
    expect(dup.status).toBe(422);
    expect(dup.body.message).toBe('Invalid entity: flow.id: Duplicate flow id');
    const bad = await c.json('POST', '/api/v1/flows/bulk', { body: `${flowYaml('y')}---\nid: broken`, type: YAML });
    expect(bad.status).toBe(422);
    const list = await c.json('GET', '/api/v1/flows/search');
    expect(list.body.results.map((f: any) => f.id)).toEqual(['keep']);
  });

  test('POST /flows/bulk?namespace= scopes the sync to that namespace (deletes nothing elsewhere)', async () => {
    const c = await testRuntime();
    await create(c, 'keep', 'team.a');
    await create(c, 'gone', 'team.a');
    await create(c, 'child', 'team.a.sub');
    await create(c, 'other', 'team.b');
    // Kestra 1.x FlowController.bulkUpdateFlows: `namespace` limits deletion to that exact namespace
    const r = await c.json('POST', '/api/v1/main/flows/bulk?namespace=team.a', { body: flowYaml('keep', 'team.a'), type: YAML });
    expect(r.status).toBe(200);
    expect(r.body.map((f: any) => f.id)).toEqual(['gone', 'keep']);
    const left = await c.json('GET', '/api/v1/flows/search?size=50');
    expect(left.body.results.map((f: any) => `${f.namespace}/${f.id}`).sort()).toEqual(['team.a.sub/child', 'team.a/keep', 'team.b/other']);

    // documents outside the namespace are refused before anything is written
    const foreign = await c.json('POST', '/api/v1/flows/bulk?namespace=team.a', { body: `${flowYaml('keep', 'team.a')}---
${flowYaml('x', 'team.b')}`, type: YAML });
    expect(foreign.status).toBe(422);
    expect(foreign.body.message).toBe('Invalid entity: flow.namespace: team.b_x - flow namespace is invalid');
    const child = await c.json('POST', '/api/v1/flows/bulk?namespace=team.a', { body: flowYaml('c2', 'team.a.sub'), type: YAML });
    expect(child.status).toBe(422);
    const near = await c.json('POST', '/api/v1/flows/bulk?namespace=team.a&allowNamespaceChild=true', { body: flowYaml('c3', 'team.ab'), type: YAML });
    expect(near.status).toBe(422);
    expect((await c.json('GET', '/api/v1/flows/search?size=50')).body.total).toBe(3);

    // allowNamespaceChild=true admits child namespaces; deletion stays limited to the exact namespace
    const withChild = await c.json('POST', '/api/v1/flows/bulk?namespace=team.a&allowNamespaceChild=true', {
      body: `${flowYaml('keep', 'team.a')}---
${flowYaml('c2', 'team.a.sub')}`, type: YAML,
    });
    expect(withChild.status).toBe(200);
    expect(withChild.body.map((f: any) => f.id)).toEqual(['keep', 'c2']);
    const after = await c.json('GET', '/api/v1/flows/search?size=50');
    expect(after.body.results.map((f: any) => `${f.namespace}/${f.id}`).sort()).toEqual(['team.a.sub/c2', 'team.a.sub/child', 'team.a/keep', 'team.b/other']);
  });

  test('POST /flows/{namespace} syncs one namespace', async () => {
    const c = await testRuntime();
    await create(c, 'old', 'company.team');
    await create(c, 'stay', 'company.team.sub');
    const r = await c.json('POST', '/api/v1/flows/company.team', { body: flowYaml('new'), type: YAML });
    expect(r.body.map((f: any) => f.id)).toEqual(['old', 'new']);
    expect((await c.json('GET', '/api/v1/flows/company.team.sub/stay')).status).toBe(200);
    const wrongNs = await c.json('POST', '/api/v1/flows/company.team', { body: flowYaml('z', 'other'), type: YAML });
    expect(wrongNs.status).toBe(422);
    expect(wrongNs.body.message).toBe('Invalid entity: flow.namespace: Flow namespace is invalid');
    const json = await c.json('POST', '/api/v1/flows/company.team?delete=false', {
      body: [{ id: 'j', namespace: 'company.team', tasks: [{ id: 't', type: 'io.kestra.plugin.core.log.Log', message: 'm' }] }],
    });
    expect(json.status).toBe(200);
    expect((await c.json('GET', '/api/v1/flows/company.team')).body.map((f: any) => f.id)).toEqual(['j', 'new']);
  });
});

describe('by-ids and by-query operations', () => {
  test('disable/enable rewrite the source and count real changes', async () => {
    const c = await testRuntime();
    await create(c, 'a');
    await create(c, 'b', 'company.team', 'disabled: false\n');
    const ids = [{ namespace: 'company.team', id: 'a' }, { namespace: 'company.team', id: 'b' }];
    expect((await c.json('POST', '/api/v1/flows/disable/by-ids', { body: ids })).body).toEqual({ count: 2 });
    expect((await c.json('POST', '/api/v1/flows/disable/by-ids', { body: ids })).body).toEqual({ count: 0 });
    const a = await c.json('GET', '/api/v1/flows/company.team/a?source=true');
    expect(a.body).toMatchObject({ disabled: true, revision: 2 });
    expect(a.body.source.trimEnd().endsWith('disabled: true')).toBe(true);
    const b = await c.json('GET', '/api/v1/flows/company.team/b?source=true');
    expect(b.body.source).toContain('disabled: true');
    expect(b.body.source).not.toContain('disabled: false');
    expect((await c.json('POST', '/api/v1/flows/enable/by-query?namespace=company', { body: {} })).body).toEqual({ count: 2 });
    expect((await c.json('POST', '/api/v1/flows/disable/by-query?q=b', { body: [] })).body).toEqual({ count: 1 });
    const missing = await c.json('POST', '/api/v1/flows/disable/by-ids', { body: [{ namespace: 'x', id: 'y' }] });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Not Found: No value present');
  });

  test('delete by ids (fail fast on unknown) and by query', async () => {
    const c = await testRuntime();
    await create(c, 'a');
    await create(c, 'b');
    await create(c, 'c', 'other');
    const r = await c.json('DELETE', '/api/v1/flows/delete/by-ids', { body: [{ namespace: 'company.team', id: 'a' }, { namespace: 'company.team', id: 'zz' }] });
    expect(r.status).toBe(404);
    expect((await c.json('GET', '/api/v1/flows/company.team/a')).status).toBe(404);
    expect((await c.json('DELETE', '/api/v1/flows/delete/by-ids', { body: [{ namespace: 'company.team', id: 'b' }] })).body).toEqual({ count: 1 });
    expect((await c.json('DELETE', '/api/v1/flows/delete/by-query?namespace=nothing')).body).toEqual({ count: 0 });
    expect((await c.json('DELETE', '/api/v1/flows/delete/by-query')).body).toEqual({ count: 1 });
    expect((await c.json('DELETE', '/api/v1/flows/delete/by-ids', { body: { not: 'a list' } })).status).toBe(422);
  });
});

describe('export and import', () => {
  test('export by query and by ids produce ZIPs of sources', async () => {
    const c = await testRuntime();
    await create(c, 'a');
    await create(c, 'b', 'other');
    const res = await c.call('GET', '/api/v1/flows/export/by-query?namespace=company');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="flows.zip"');
    const entries = readZip(new Uint8Array(await res.arrayBuffer()));
    expect(entries.map((e) => e.name)).toEqual(['company.team.a.yml']);
    expect(new TextDecoder().decode(entries[0]!.data)).toBe(flowYaml('a'));
    const byIds = await c.call('POST', '/api/v1/flows/export/by-ids', { body: [{ namespace: 'other', id: 'b' }, { namespace: 'company.team', id: 'a' }] });
    expect(readZip(new Uint8Array(await byIds.arrayBuffer())).map((e) => e.name)).toEqual(['other.b.yml', 'company.team.a.yml']);
    expect((await c.call('POST', '/api/v1/flows/export/by-ids', { body: [{ namespace: 'x', id: 'y' }] })).status).toBe(404);
  });

  test('import a ZIP (failures listed), a YAML file, and reject other types', async () => {
    const c = await testRuntime();
    const zip = createZip([
      { name: 'good.yml', data: flowYaml('z1') },
      { name: 'dir/also.yaml', data: flowYaml('z2', 'other') },
      { name: 'bad.yml', data: 'id: nope' },
      { name: 'readme.txt', data: 'ignored' },
    ]);
    const form = new FormData();
    form.append('fileUpload', new File([zip], 'flows.zip'));
    const r = await c.json('POST', '/api/v1/flows/import', { body: form });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(['bad.yml']);
    expect((await c.json('GET', '/api/v1/flows/search')).body.total).toBe(2);

    const yamlForm = new FormData();
    yamlForm.append('fileUpload', new File([`${flowYaml('y1')}---\n${flowYaml('y2')}`], 'flows.YAML'));
    expect((await c.json('POST', '/api/v1/flows/import', { body: yamlForm })).body).toEqual([]);
    expect((await c.json('GET', '/api/v1/flows/search')).body.total).toBe(4);

    const txt = new FormData();
    txt.append('fileUpload', new File(['x'], 'flows.txt'));
    const bad = await c.json('POST', '/api/v1/flows/import', { body: txt });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe('Illegal argument: Cannot import file of type .txt');
    const garbage = new FormData();
    garbage.append('fileUpload', new File(['not a zip'], 'x.zip'));
    expect((await c.json('POST', '/api/v1/flows/import', { body: garbage })).status).toBe(422);
    expect((await c.json('POST', '/api/v1/flows/import', { body: 'x', type: 'text/plain' })).status).toBe(415);
  });
});

describe('validation endpoints', () => {
  test('validate returns one item per document and never a 4xx', async () => {
    const c = await testRuntime();
    await create(c, 'a');
    const body = [
      `revision: 1\n${flowYaml('a')}`,
      `revision: 2\n${flowYaml('a')}`,
      'id: bad\nnamespace: x\ntasks: []',
      'id: legacy\nnamespace: x\ntasks:\n  - id: t\n    type: io.kestra.core.tasks.log.Log\n    message: hi\n',
    ].join('\n---\n');
    const r = await c.json('POST', '/api/v1/flows/validate', { body, type: YAML });
    expect(r.status).toBe(200);
    expect(r.body.map((i: any) => i.index)).toEqual([0, 1, 2, 3]);
    expect(r.body[0]).toMatchObject({ flow: 'a', namespace: 'company.team', outdated: true });
    expect(r.body[0].constraints).toBeUndefined();
    expect(r.body[1].outdated).toBe(false);
    expect(r.body[2].constraints).toContain('must not be empty');
    expect(r.body[3].infos).toContain('io.kestra.core.tasks.log.Log is replaced by io.kestra.plugin.core.log.Log');
    expect((await c.json('GET', '/api/v1/flows/search')).body.total).toBe(1);
  });

  test('validate/task and validate/trigger', async () => {
    const c = await testRuntime();
    const ok = await c.json('POST', '/api/v1/flows/validate/task', { body: { id: 't', type: 'io.kestra.plugin.core.log.Log', message: 'x' } });
    expect(ok.body).toEqual({ index: 0, outdated: false });
    const unknown = await c.json('POST', '/api/v1/flows/validate/task', { body: { id: 't', type: 'io.kestra.plugin.core.debug.UnknownTask' } });
    expect(unknown.body.constraints).toContain('Invalid type: io.kestra.plugin.core.debug.UnknownTask');
    const yamlTask = await c.json('POST', '/api/v1/flows/validate/task?section=TASKS', { body: 'id: t\ntype: io.kestra.plugin.core.log.Log\n', type: YAML });
    expect(yamlTask.body.constraints).toContain('message');
    expect((await c.json('POST', '/api/v1/flows/validate/task', { body: 'id: t', type: YAML })).status).toBe(400);
    const trigger = await c.json('POST', '/api/v1/flows/validate/trigger', { body: { id: 's', type: 'io.kestra.plugin.core.trigger.Schedule' } });
    expect(trigger.body.constraints).toContain('cron');
    const goodTrigger = await c.json('POST', '/api/v1/flows/validate/trigger', { body: { id: 's', type: 'io.kestra.plugin.core.trigger.Schedule', cron: '0 * * * *' } });
    expect(goodTrigger.body.constraints).toBeUndefined();
  });
});

describe('graph and dependencies', () => {
  test('graph of a flat flow; unknown flow 404 with the flow uid', async () => {
    const c = await testRuntime();
    await create(c, 'a');
    const g = await c.json('GET', '/api/v1/flows/company.team/a/graph');
    expect(g.status).toBe(200);
    expect(g.body.nodes.some((n: any) => n.uid === 'root.hello')).toBe(true);
    expect(Array.isArray(g.body.edges)).toBe(true);
    const missing = await c.json('GET', '/api/v1/flows/company.team/zz/graph');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Not Found: Unable to find flow company.team_zz');
  });

  test('dependencies through a Subflow task', async () => {
    const c = await testRuntime();
    await create(c, 'child');
    await c.json('POST', '/api/v1/flows', {
      type: YAML,
      body: 'id: parent\nnamespace: company.team\ntasks:\n  - id: call\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: company.team\n    flowId: child\n',
    });
    const d = await c.json('GET', '/api/v1/flows/company.team/child/dependencies');
    expect(d.body.edges).toEqual([{ source: 'company.team_parent', target: 'company.team_child', relation: 'FLOW_TASK' }]);
    expect((await c.json('GET', '/api/v1/flows/company.team/nobody/dependencies')).body).toEqual({ nodes: [], edges: [] });
  });
});
