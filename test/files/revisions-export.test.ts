// Kestra 1.x revisions (GET files/revisions, GET files?revision=) and the namespace export.
import { expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { readZip } from '../../src/shared/zip/zip.ts';
import { testRuntime, YAML } from '../helpers/runtime.ts';
import { BASES, read, upload } from './helpers.ts';

const T0 = Date.UTC(2025, 0, 1);

test.each(BASES)('every write is a revision; old revisions stay readable (%s)', async (base) => {
  const c = await testRuntime();
  const ns = `${base}/namespaces/company.team/files`;
  await upload(c, 'company.team', '/conf.yml', 'v1', { base });
  (c.rt.clock as FakeClock).advance(1000);
  await upload(c, 'company.team', '/conf.yml', 'v2', { base });
  await upload(c, 'company.team', '/conf.yml', 'v3', { base });
  expect((await c.json('GET', `${ns}/revisions?path=/conf.yml`)).body).toEqual([{ revision: 1 }, { revision: 2 }, { revision: 3 }]);
  for (const [n, content] of [[1, 'v1'], [2, 'v2'], [3, 'v3']] as const) {
    expect((await c.call('GET', `${ns}?path=/conf.yml&revision=${n}`).then((r) => r.text()))).toBe(content);
  }
  expect((await read(c, 'company.team', '/conf.yml', base)).text).toBe('v3');
  // creation time is the first revision's, modification the last one's
  expect((await c.json('GET', `${ns}/stats?path=/conf.yml`)).body).toMatchObject({ creationTime: T0, lastModifiedTime: T0 + 1000 });
  const missing = await c.json('GET', `${ns}?path=/conf.yml&revision=9`);
  expect([missing.status, missing.body.message]).toEqual([404, "Not Found: Version 9 of file '/conf.yml' was not found in namespace 'company.team'."]);
  const bad = await c.json('GET', `${ns}?path=/conf.yml&revision=abc`);
  expect(bad.status).toBe(422);
  expect(bad.body.message).toBe('Unprocessable Entity: Failed to convert argument [revision] for value [abc] due to: For input string: "abc"');
});

test('deleted files have no revisions; a re-created file continues the numbering; moves carry the history', async () => {
  const c = await testRuntime();
  const ns = '/api/v1/main/namespaces/company.team/files';
  await upload(c, 'company.team', '/f.txt', 'one');
  await upload(c, 'company.team', '/f.txt', 'two');
  await c.call('DELETE', `${ns}?path=/f.txt`);
  const gone = await c.json('GET', `${ns}/revisions?path=/f.txt`);
  expect([gone.status, gone.body.message]).toEqual([404, 'Not Found: File not found: /f.txt']);
  expect((await c.json('GET', `${ns}?path=/f.txt&revision=1`)).status).toBe(404);
  await upload(c, 'company.team', '/f.txt', 'three');
  expect((await c.json('GET', `${ns}/revisions?path=/f.txt`)).body).toEqual([{ revision: 1 }, { revision: 2 }, { revision: 3 }]);
  expect(await c.call('GET', `${ns}?path=/f.txt&revision=2`).then((r) => r.text())).toBe('two');

  await c.call('POST', `${ns}/directory?path=/moved`);
  await c.call('PUT', `${ns}?from=/f.txt&to=/moved/g.txt`);
  expect((await c.json('GET', `${ns}/revisions?path=/moved/g.txt`)).body).toHaveLength(3);
  expect(await c.call('GET', `${ns}?path=/moved/g.txt&revision=1`).then((r) => r.text())).toBe('one');
  expect((await c.json('GET', `${ns}/revisions?path=/f.txt`)).status).toBe(404);
  // a new file at the old path starts over
  await upload(c, 'company.team', '/f.txt', 'fresh');
  expect((await c.json('GET', `${ns}/revisions?path=/f.txt`)).body).toEqual([{ revision: 1 }]);
  // folders and the root have no revisions
  expect((await c.json('GET', `${ns}/revisions?path=/moved`)).status).toBe(404);
  expect((await c.json('GET', `${ns}/revisions`)).status).toBe(404);
});

test('revision history is invisible to listings, search, export and other namespaces', async () => {
  const c = await testRuntime();
  await upload(c, 'company.team', '/f.txt', '1');
  await upload(c, 'company.team', '/f.txt', '2');
  expect((await c.json('GET', '/api/v1/namespaces/company.team/files/search?q=/')).body).toEqual(['/f.txt']);
  expect((await c.json('GET', '/api/v1/namespaces/company.team/files/directory')).body).toHaveLength(1);
  expect(c.rt.blobs.list('main/company').map((b) => b.key)).toEqual(['main/company/team/_files/f.txt']);
});

test('export: a ZIP of every file and the namespace flows as _flows/<id>.yml; re-import restores them elsewhere', async () => {
  const c = await testRuntime();
  const flow = 'id: hello\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ read(\'kestra:///company/team/_files/msg.txt\') }}"\n';
  await c.call('POST', '/api/v1/flows', { body: flow, type: YAML });
  await c.call('POST', '/api/v1/flows', { body: flow.replace('company.team', 'company.team.child'), type: YAML });
  await upload(c, 'company.team', '/msg.txt', 'hi');
  await upload(c, 'company.team', '/dir/data.csv', 'a,b');
  await c.call('POST', '/api/v1/namespaces/company.team/files/directory?path=/empty');

  const r = await c.call('GET', '/api/v1/main/namespaces/company.team/files/export');
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe('application/octet-stream');
  expect(r.headers.get('content-disposition')).toBe('attachment; filename="company.team_files.zip"');
  const bytes = new Uint8Array(await r.arrayBuffer());
  const entries = readZip(bytes).map((e) => [e.name, new TextDecoder().decode(e.data)]);
  expect(entries).toEqual([['dir/data.csv', 'a,b'], ['msg.txt', 'hi'], ['_flows/hello.yml', flow]]);

  const form = new FormData();
  form.append('fileContent', new File([bytes], 'company.team_files.zip'));
  expect((await c.call('POST', '/api/v1/t2/namespaces/restored.ns/files?path=/', { body: form })).status).toBe(200);
  expect((await c.json('GET', '/api/v1/t2/namespaces/restored.ns/files/search?q=/')).body).toEqual(['/dir/data.csv', '/msg.txt']);
  const restored = await c.json('GET', '/api/v1/t2/flows/restored.ns/hello');
  expect([restored.status, restored.body.namespace]).toEqual([200, 'restored.ns']);

  const empty = await c.call('GET', '/api/v1/namespaces/nothing.here/files/export');
  expect(readZip(new Uint8Array(await empty.arrayBuffer()))).toEqual([]);
});
