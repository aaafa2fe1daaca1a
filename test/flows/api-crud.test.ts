import { describe, expect, test } from 'bun:test';
import { flowYaml, testRuntime, YAML } from '../helpers/runtime.ts';

describe('POST /api/v1/flows', () => {
  test('creates revision 1 and keeps the YAML source verbatim', async () => {
    const { json } = await testRuntime();
    const source = `# my comment\n${flowYaml('hello')}`;
    const { status, body } = await json('POST', '/api/v1/flows', { body: source, type: YAML });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'hello', namespace: 'company.team', revision: 1, disabled: false, deleted: false, source });
    expect(body.tasks[0]).toMatchObject({ id: 'hello', type: 'io.kestra.plugin.core.log.Log', message: 'Hello' });
  });

  test('a revision in the document is ignored', async () => {
    const { json } = await testRuntime();
    const { body } = await json('POST', '/api/v1/flows', { body: `revision: 7\n${flowYaml('r')}`, type: YAML });
    expect(body.revision).toBe(1);
  });

  test('existing flow → 422 Flow id already exists', async () => {
    const { json } = await testRuntime();
    await json('POST', '/api/v1/flows', { body: flowYaml('dup'), type: YAML });
    const r = await json('POST', '/api/v1/flows', { body: flowYaml('dup'), type: YAML });
    expect(r.status).toBe(422);
    expect(r.body.message).toBe('Invalid entity: flow.id: Flow id already exists');
    expect(r.body._embedded.errors[0]).toMatchObject({ message: 'Flow id already exists', path: 'flow.id' });
  });

  test('invalid YAML, non-flow YAML and invalid flows get 422 and store nothing', async () => {
    const { json } = await testRuntime();
    const cases = [
      'id: [unclosed',
      'foo: bar',
      '- a\n- b',
      '42',
      '',
      'id: x\nnamespace: Upper.Case\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: m',
      'id: x\nnamespace: a\ntasks: []',
      'id: x\nnamespace: a\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.debug.Nope',
      `id: ${'x'.repeat(300)}\nnamespace: a\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: m`,
      'id: x\nnamespace: a\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: m\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: m',
    ];
    for (const body of cases) {
      const r = await json('POST', '/api/v1/flows', { body, type: YAML });
      expect(r.status).toBe(422);
      expect(r.body.message).toStartWith('Invalid entity: ');
    }
    expect((await json('GET', '/api/v1/flows/search')).body.total).toBe(0);
  });

  test('deprecated JSON variant returns a Flow without source and normalises labels', async () => {
    const { json } = await testRuntime();
    const flow = { id: 'from-json', namespace: 'company.team', labels: { team: 'a' }, tasks: [{ id: 't', type: 'io.kestra.plugin.core.log.Log', message: 'hi' }] };
    const r = await json('POST', '/api/v1/flows', { body: flow });
    expect(r.status).toBe(200);
    expect(r.body.source).toBeUndefined();
    expect(r.body.labels).toEqual([{ key: 'team', value: 'a' }]);
    const withSource = await json('GET', '/api/v1/flows/company.team/from-json?source=true');
    expect(withSource.body.source).toContain('from-json');
  });

  test('wrong JSON gets 422', async () => {
    const { json } = await testRuntime();
    expect((await json('POST', '/api/v1/flows', { body: '{"id":', type: 'application/json' })).status).toBe(422);
    expect((await json('POST', '/api/v1/flows', { body: '"just a string"', type: 'application/json' })).status).toBe(422);
  });
});

describe('GET/PUT/DELETE /api/v1/flows/{namespace}/{id}', () => {
  test('get without and with source, unknown → 404', async () => {
    const { json } = await testRuntime();
    await json('POST', '/api/v1/flows', { body: flowYaml('a'), type: YAML });
    const plain = await json('GET', '/api/v1/flows/company.team/a');
    expect(plain.status).toBe(200);
    expect(plain.body.source).toBeUndefined();
    expect((await json('GET', '/api/v1/flows/company.team/a?source=true')).body.source).toBe(flowYaml('a'));
    const missing = await json('GET', '/api/v1/flows/company.team/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Not Found');
  });

  test('update makes a revision; identical update does not; id/namespace changes are refused', async () => {
    const { json } = await testRuntime();
    await json('POST', '/api/v1/flows', { body: flowYaml('a'), type: YAML });
    const same = await json('PUT', '/api/v1/flows/company.team/a', { body: flowYaml('a'), type: YAML });
    expect(same.body.revision).toBe(1);
    const sameWithRevisionLine = await json('PUT', '/api/v1/flows/company.team/a', { body: `revision: 1\n${flowYaml('a')}`, type: YAML });
    expect(sameWithRevisionLine.body.revision).toBe(1);
    const changed = await json('PUT', '/api/v1/flows/company.team/a', { body: flowYaml('a', 'company.team', 'description: new\n'), type: YAML });
    expect(changed.body.revision).toBe(2);
    expect(changed.body.description).toBe('new');
    const comment = await json('PUT', '/api/v1/flows/company.team/a', { body: `# only a comment\n${flowYaml('a', 'company.team', 'description: new\n')}`, type: YAML });
    expect(comment.body.revision).toBe(3);

    const badId = await json('PUT', '/api/v1/flows/company.team/a', { body: flowYaml('b'), type: YAML });
    expect(badId.status).toBe(422);
    expect(badId.body.message).toContain('flow.id: Illegal flow id update');
    const badNs = await json('PUT', '/api/v1/flows/company.team/a', { body: flowYaml('a', 'other'), type: YAML });
    expect(badNs.body.message).toContain('flow.namespace: Illegal namespace update');
    expect((await json('PUT', '/api/v1/flows/company.team/missing', { body: 'not even yaml: [', type: YAML })).status).toBe(404);
  });

  test('delete writes a deleted marker; re-create continues numbering; revisions list all', async () => {
    const { json, call } = await testRuntime();
    await json('POST', '/api/v1/flows', { body: flowYaml('a'), type: YAML });
    await json('PUT', '/api/v1/flows/company.team/a', { body: flowYaml('a', 'company.team', 'description: v2\n'), type: YAML });
    const del = await call('DELETE', '/api/v1/flows/company.team/a');
    expect(del.status).toBe(204);
    expect((await call('DELETE', '/api/v1/flows/company.team/a')).status).toBe(404);
    expect((await json('GET', '/api/v1/flows/company.team/a')).status).toBe(404);
    const marker = await json('GET', '/api/v1/flows/company.team/a?allowDeleted=true');
    expect(marker.body).toMatchObject({ revision: 3, deleted: true });
    expect((await json('GET', '/api/v1/flows/company.team/a?revision=1')).body.revision).toBe(1);
    expect((await json('GET', '/api/v1/flows/company.team/a?revision=9')).status).toBe(404);
    const again = await json('POST', '/api/v1/flows', { body: flowYaml('a'), type: YAML });
    expect(again.body.revision).toBe(4);
    const revs = await json('GET', '/api/v1/flows/company.team/a/revisions');
    expect(revs.body.map((r: any) => [r.revision, r.deleted])).toEqual([[1, false], [2, false], [3, true], [4, false]]);
    expect(revs.body[0].source).toBe(flowYaml('a'));
    expect((await json('GET', '/api/v1/flows/company.team/none/revisions')).body).toEqual([]);
  });

  test('bad query values get 422', async () => {
    const { json } = await testRuntime();
    await json('POST', '/api/v1/flows', { body: flowYaml('a'), type: YAML });
    expect((await json('GET', '/api/v1/flows/company.team/a?revision=abc')).status).toBe(422);
    expect((await json('GET', '/api/v1/flows/company.team/a?source=maybe')).status).toBe(422);
  });

  test('very long and odd ids are answered with 404, not a crash', async () => {
    const { json } = await testRuntime();
    for (const id of ['x'.repeat(5000), '%F0%9F%98%80', '..%2F..%2Fetc', "it's"]) {
      expect((await json('GET', `/api/v1/flows/company.team/${id}`)).status).toBe(404);
    }
  });

  test('GET /flows/{namespace} lists exact namespace only', async () => {
    const { json } = await testRuntime();
    await json('POST', '/api/v1/flows', { body: flowYaml('a', 'company'), type: YAML });
    await json('POST', '/api/v1/flows', { body: flowYaml('b', 'company.team'), type: YAML });
    const r = await json('GET', '/api/v1/flows/company');
    expect(r.body.map((f: any) => f.id)).toEqual(['a']);
    expect(r.body[0].source).toBeUndefined();
    expect((await json('GET', '/api/v1/flows/unknown')).body).toEqual([]);
  });

  test('task lookup', async () => {
    const { json } = await testRuntime();
    await json('POST', '/api/v1/flows', { body: flowYaml('a'), type: YAML });
    expect((await json('GET', '/api/v1/flows/company.team/a/tasks/hello')).body).toMatchObject({ id: 'hello' });
    expect((await json('GET', '/api/v1/flows/company.team/a/tasks/nope')).status).toBe(404);
  });
});

describe('tenants', () => {
  test('tenants are isolated; main and no tenant are the same', async () => {
    const { json } = await testRuntime();
    await json('POST', '/api/v1/flows', { body: flowYaml('a'), type: YAML });
    expect((await json('GET', '/api/v1/main/flows/company.team/a')).status).toBe(200);
    expect((await json('GET', '/api/v1/acme/flows/company.team/a')).status).toBe(404);
    await json('POST', '/api/v1/acme/flows', { body: flowYaml('b'), type: YAML });
    expect((await json('GET', '/api/v1/acme/flows/search')).body.total).toBe(1);
    expect((await json('GET', '/api/v1/flows/search')).body.total).toBe(1);
    expect((await json('GET', '/api/v1/flows/company.team/b')).status).toBe(404);
  });
});
