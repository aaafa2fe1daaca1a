import { describe, expect, test } from 'bun:test';
import { flowYaml, testRuntime, YAML } from '../helpers/runtime.ts';

const legacy = `id: old\nnamespace: company.team\ntasks:\n  - id: echo\n    type: io.kestra.plugin.core.debug.Echo\n    format: hi\n  - id: log\n    type: io.kestra.core.tasks.log.Log\n    message: hi\n  - id: fine\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`;

describe('flow routes of Kestra 1.x/2.0', () => {
  for (const prefix of ['/api/v1', '/api/v1/main']) {
    test(`GET /flows/deprecated lists deprecated and aliased task types (${prefix})`, async () => {
      const c = await testRuntime();
      await c.json('POST', `${prefix}/flows`, { body: legacy, type: YAML });
      await c.json('POST', `${prefix}/flows`, { body: flowYaml('modern'), type: YAML });
      const res = await c.json('GET', `${prefix}/flows/deprecated`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([{ namespace: 'company.team', flowId: 'old', revision: 1, deprecatedTasks: [
        { taskId: 'echo', taskType: 'io.kestra.plugin.core.debug.Echo', replacement: null },
        { taskId: 'log', taskType: 'io.kestra.core.tasks.log.Log', replacement: 'io.kestra.plugin.core.log.Log' },
      ] }]);
      expect((await c.json('GET', `${prefix}/flows/deprecated?namespace=other`)).body).toEqual([]);
    });

    test(`GET /flows/source searches the source text and is not taken for a namespace (${prefix})`, async () => {
      const c = await testRuntime();
      await c.json('POST', `${prefix}/flows`, { body: flowYaml('a', 'company.team', 'description: needle here\n'), type: YAML });
      await c.json('POST', `${prefix}/flows`, { body: flowYaml('b'), type: YAML });
      const res = await c.json('GET', `${prefix}/flows/source?q=NEEDLE`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
      expect(res.body.results[0].model).toMatchObject({ id: 'a', namespace: 'company.team' });
      // Kestra's highlighted fragments: the lines around the hit, the hit between [mark] tags
      expect(res.body.results[0].fragments).toHaveLength(1);
      expect(res.body.results[0].fragments[0]).toContain('description: [mark]needle[/mark] here');
      expect((await c.json('GET', `${prefix}/flows/source?q=hello&size=1`)).body.total).toBe(2);
    });

    test(`DELETE /flows/{ns}/{id}/revisions removes past revisions only (${prefix})`, async () => {
      const c = await testRuntime();
      await c.json('POST', `${prefix}/flows`, { body: flowYaml('r'), type: YAML });
      for (const d of ['one', 'two']) await c.json('PUT', `${prefix}/flows/company.team/r`, { body: flowYaml('r', 'company.team', `description: ${d}\n`), type: YAML });
      const del = await c.call('DELETE', `${prefix}/flows/company.team/r/revisions?revisions=1&revisions=2`);
      expect(del.status).toBe(200);
      const left = await c.json('GET', `${prefix}/flows/company.team/r/revisions`);
      expect(left.body.map((r: any) => r.revision)).toEqual([3]);
      expect((await c.json('GET', `${prefix}/flows/company.team/r`)).body.description).toBe('two');
    });
  }

  test('DELETE revisions: the current revision is a 409, unknown ones a 404, bad values a 4xx; nothing is removed', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/flows', { body: flowYaml('r'), type: YAML });
    await c.json('PUT', '/api/v1/flows/company.team/r', { body: flowYaml('r', 'company.team', 'description: x\n'), type: YAML });
    expect((await c.json('DELETE', '/api/v1/flows/company.team/r/revisions?revisions=1,2')).status).toBe(409);
    expect((await c.json('DELETE', '/api/v1/flows/company.team/r/revisions?revisions=1&revisions=7')).status).toBe(404);
    expect((await c.json('DELETE', '/api/v1/flows/company.team/r/revisions')).status).toBe(400);
    expect((await c.json('DELETE', '/api/v1/flows/company.team/r/revisions?revisions=zero')).status).toBe(422);
    expect((await c.json('DELETE', '/api/v1/flows/company.team/nope/revisions?revisions=1')).status).toBe(404);
    expect((await c.json('DELETE', '/api/v1/t2/flows/company.team/r/revisions?revisions=1')).status).toBe(404);
    expect((await c.json('GET', '/api/v1/flows/company.team/r/revisions')).body).toHaveLength(2);
  });

  test('GET /flows/export/by-query/csv exports the matching flows', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/flows', { body: flowYaml('a', 'company.team', 'description: "with, comma"\n'), type: YAML });
    await c.json('POST', '/api/v1/flows', { body: flowYaml('b', 'other'), type: YAML });
    const res = await c.call('GET', '/api/v1/main/flows/export/by-query/csv?filters[namespace][EQUALS]=company.team');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toStartWith('text/csv');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename=flows.csv');
    expect((await res.text()).split('\r\n')).toEqual(['id,namespace,revision,description,labels,disabled', 'a,company.team,1,"with, comma",,false', '']);
    expect((await c.call('GET', '/api/v1/flows/export/by-query/csv?filters[color][EQUALS]=x')).status).toBe(422);
  });

  test('POST /flows/validate takes multipart files named `flows`', async () => {
    const c = await testRuntime();
    const form = new FormData();
    form.append('flows', new File([flowYaml('ok')], 'ok.yml'));
    form.append('flows', new File(['id: bad\nnamespace: company.team\ntasks: []\n'], 'bad.yml'));
    const res = await c.json('POST', '/api/v1/main/flows/validate', { body: form });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    expect(res.body[0]).toMatchObject({ index: 0, filename: 'ok.yml', flow: 'ok', namespace: 'company.team', outdated: false });
    expect(res.body[0].constraints).toBeUndefined();
    expect(res.body[1]).toMatchObject({ index: 1, filename: 'bad.yml', flow: 'bad' });
    expect(res.body[1].constraints).toBeString();
    const empty = new FormData();
    empty.append('other', 'x');
    expect((await c.json('POST', '/api/v1/flows/validate', { body: empty })).status).toBe(400);
  });

  test('POST /flows/{namespace}?override=true moves every flow into the path namespace', async () => {
    const c = await testRuntime();
    const body = `${flowYaml('x', 'elsewhere')}---\n${flowYaml('y', 'company.team')}`;
    expect((await c.json('POST', '/api/v1/flows/company.team', { body, type: YAML })).status).toBe(422);
    const res = await c.json('POST', '/api/v1/main/flows/company.team?override=true', { body, type: YAML });
    expect(res.status).toBe(200);
    expect(res.body.map((f: any) => `${f.namespace}.${f.id}`).sort()).toEqual(['company.team.x', 'company.team.y']);
    const saved = await c.json('GET', '/api/v1/flows/company.team/x?source=true');
    expect(saved.body.source).toContain('namespace: company.team');
    expect((await c.json('GET', '/api/v1/flows/elsewhere/x')).status).toBe(404);
  });
});

describe('GET /flows/{ns}/{id}/tasks/{taskId}', () => {
  test('answers one task definition, of a given revision too', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/main/flows', { body: flowYaml('t'), type: YAML });
    await c.json('PUT', '/api/v1/main/flows/company.team/t', { body: flowYaml('t').replace('message: Hello', 'message: Bye'), type: YAML });
    expect((await c.json('GET', '/api/v1/main/flows/company.team/t/tasks/hello')).body).toEqual({ id: 'hello', type: 'io.kestra.plugin.core.log.Log', message: 'Bye' });
    expect((await c.json('GET', '/api/v1/flows/company.team/t/tasks/hello?revision=1')).body.message).toBe('Hello');
    expect((await c.json('GET', '/api/v1/flows/company.team/t/tasks/nope')).status).toBe(404);
    expect((await c.json('GET', '/api/v1/t2/flows/company.team/t/tasks/hello')).status).toBe(404);
  });
});
