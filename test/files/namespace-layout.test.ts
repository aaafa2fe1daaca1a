// Namespace ids and the storage layout of namespace files: Kestra's namespace rule on the Files and
// KV APIs, and a layout in which no namespace's file can land in another namespace's storage, on
// disk (persisted mode) as in memory, while `kestra:///<ns as path>/_files/...` URIs keep working.

import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flowYaml, testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';
import { read, upload } from './helpers.ts';
import { filesSegmentIndex, namespaceFilesRoot, namespaceOfSegments } from '../../src/shared/storage/paths.ts';

const roots: string[] = [];
afterEach(() => { while (roots.length) rmSync(roots.pop()!, { recursive: true, force: true }); });

async function persisted(): Promise<TestClient> {
  const root = mkdtempSync(join(tmpdir(), 'kl-ns-layout-'));
  roots.push(root);
  return testRuntime({ memory: false, dataDir: join(root, 'data') });
}

const listing = async (c: TestClient, ns: string, path = '/') =>
  (await c.json('GET', `/api/v1/namespaces/${ns}/files/directory?path=${encodeURIComponent(path)}`)).body.map((f: any) => f.fileName);

describe.each([['memory', () => testRuntime()], ['disk', persisted]] as const)('collision-free layout (%s)', (_mode, open) => {
  test('q._files and q’s /_files/ folder are separate storage', async () => {
    const c = await open();
    expect((await upload(c, 'q._files', '/z.txt', 'child')).status).toBe(200);
    expect((await upload(c, 'q', '/_files/z.txt', 'parent')).status).toBe(200);
    expect((await read(c, 'q._files', '/z.txt')).text).toBe('child');
    expect((await read(c, 'q', '/_files/z.txt')).text).toBe('parent');
    expect(await listing(c, 'q._files')).toEqual(['z.txt']);
    expect(await listing(c, 'q', '/_files')).toEqual(['z.txt']);
    // deleting q's folder leaves q._files alone
    expect((await c.call('DELETE', '/api/v1/namespaces/q/files?path=/_files')).status).toBe(200);
    expect((await read(c, 'q._files', '/z.txt')).text).toBe('child');
    expect(await listing(c, 'q')).toEqual([]);
  });

  test('a..b, a.b, a. and a never share files', async () => {
    const c = await open();
    for (const ns of ['a..b', 'a.b', 'a.', 'a']) expect((await upload(c, ns, '/f.txt', ns)).status).toBe(200);
    for (const ns of ['a..b', 'a.b', 'a.', 'a']) {
      expect((await read(c, ns, '/f.txt')).text).toBe(ns);
      expect(await listing(c, ns)).toEqual(['f.txt']);
      expect((await c.json('GET', `/api/v1/namespaces/${ns}/files/search?q=f`)).body).toEqual(['/f.txt']);
    }
    expect(c.rt.services.files.namespacesInUse('main')).toEqual(['a', 'a.', 'a..b', 'a.b']);
  });

  test('flows read their namespace files by kestra:/// URI (odd namespaces too)', async () => {
    const c = await open();
    for (const ns of ['company.team', 'q._files', 'a..b']) {
      await upload(c, ns, '/data/in.txt', `from ${ns}`);
      const flow = flowYaml('reader', ns).replace(/tasks:[\s\S]*$/, 'tasks:\n  - id: r\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ read(fileURI(\'data/in.txt\')) }} / {{ read(\'data/in.txt\') }}"\n');
      expect((await c.json('POST', '/api/v1/flows', { body: flow, type: YAML })).status).toBe(200);
      const run = await c.json('POST', `/api/v1/executions/${ns}/reader?wait=true`, { body: new FormData() });
      expect(run.body.state.current).toBe('SUCCESS');
      expect(run.body.taskRunList[0].outputs.value).toBe(`from ${ns} / from ${ns}`);
    }
    // the ordinary layout is Kestra's, unchanged: a URI written by hand still reads the file
    const byHand = flowYaml('hand', 'company.team').replace(/tasks:[\s\S]*$/, 'tasks:\n  - id: r\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ read(\'kestra:///company/team/_files/data/in.txt\') }}"\n');
    await c.json('POST', '/api/v1/flows', { body: byHand, type: YAML });
    const run = await c.json('POST', '/api/v1/executions/company.team/hand?wait=true', { body: new FormData() });
    expect(run.body.taskRunList[0].outputs.value).toBe('from company.team');
  });
});

describe('namespace ids on the Files and KV APIs follow Kestra’s rule', () => {
  const RULE = 'Invalid entity: namespace: must match "^[a-z0-9][a-z0-9._-]*"';
  for (const bad of ['UPPER', 'Company.team', '_bad', '.a', 'a%20b', 'a~b']) {
    test(`${bad}: 422 with Kestra's message, nothing stored`, async () => {
      const c = await testRuntime();
      const files = await c.json('GET', `/api/v1/namespaces/${bad}/files/directory`);
      expect([files.status, files.body.message]).toEqual([422, RULE]);
      expect(files.body._embedded.errors[0]).toMatchObject({ path: 'namespace', message: 'must match "^[a-z0-9][a-z0-9._-]*"' });
      expect((await upload(c, bad, '/x.txt', 'x')).status).toBe(422);
      const kv = await c.json('PUT', `/api/v1/namespaces/${bad}/kv/k`, { body: '"v"', type: 'application/json' });
      expect([kv.status, kv.body.message]).toEqual([422, RULE]);
      expect(c.rt.blobs.list('')).toEqual([]);
    });
  }

  test('longer than 150 characters: 422', async () => {
    const c = await testRuntime();
    const r = await c.json('GET', `/api/v1/namespaces/${'a'.repeat(151)}/files/directory`);
    expect([r.status, r.body.message]).toEqual([422, 'Invalid entity: namespace: size must be between 1 and 150']);
  });
});

describe('the layout rule (shared/storage/paths.ts)', () => {
  test('ordinary namespaces keep Kestra\'s layout; odd ones are escaped; no root lies inside another namespace\'s files', () => {
    expect(namespaceFilesRoot('company.team')).toBe('/company/team/_files');
    expect(namespaceFilesRoot('a..b')).toBe('/a/~/b/_files');
    expect(namespaceFilesRoot('a.')).toBe('/a/~/_files');
    expect(namespaceFilesRoot('q._files')).toBe('/q/~_files/_files');
    const names = ['a', 'a.', 'a..', 'a.b', 'a..b', 'a.b.', 'q', 'q._files', 'q._files._files', 'q.x._files', 'q._filesx', 'q.-files', 'q.__files', 'x1-_.y'];
    const roots = names.map(namespaceFilesRoot);
    expect(new Set(roots).size).toBe(names.length);
    for (const [i, root] of roots.entries()) {
      for (const [j, other] of roots.entries()) if (i !== j) expect(root.startsWith(`${other}/`)).toBe(false);
      // the first `_files` segment of any key below a root ends the namespace, which decodes back
      const segments = `${root}/some/_files/deeper.txt`.split('/').slice(1);
      expect(namespaceOfSegments(segments.slice(0, filesSegmentIndex(segments)))).toBe(names[i]!);
    }
  });
});
