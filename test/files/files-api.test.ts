import { describe, expect, test } from 'bun:test';
import type { FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime } from '../helpers/runtime.ts';
import { BASES, read, upload } from './helpers.ts';

const T0 = Date.UTC(2025, 0, 1);

describe.each(BASES)('Namespace Files API under %s', (base) => {
  test('upload, read, stats and list: FileAttributes of files and folders', async () => {
    const c = await testRuntime();
    const ns = `${base}/namespaces/company.team/files`;
    expect(await upload(c, 'company.team', '/scripts/etl.py', 'print(1)', { base })).toEqual({ status: 200, text: '' });
    (c.rt.clock as FakeClock).advance(1000);
    expect((await upload(c, 'company.team', 'README.md', '# hi', { base })).status).toBe(200);

    const got = await read(c, 'company.team', 'scripts/etl.py', base);
    expect([got.status, got.text, got.res.headers.get('content-type')]).toEqual([200, 'print(1)', 'application/octet-stream']);

    const stats = await c.json('GET', `${ns}/stats?path=/scripts/etl.py`);
    expect(stats.body).toEqual({ fileName: 'etl.py', lastModifiedTime: T0, creationTime: T0, type: 'File', size: 8 });
    expect(Object.keys(stats.body)).toEqual(['fileName', 'lastModifiedTime', 'creationTime', 'type', 'size']);
    const dir = await c.json('GET', `${ns}/stats?path=scripts`);
    expect(dir.body).toEqual({ fileName: 'scripts', lastModifiedTime: T0, creationTime: T0, type: 'Directory', size: 0 });
    const root = await c.json('GET', `${ns}/stats`);
    expect(root.body).toMatchObject({ fileName: '_files', type: 'Directory', size: 0, lastModifiedTime: T0 + 1000 });

    const listing = await c.json('GET', `${ns}/directory`);
    expect(listing.status).toBe(200);
    expect(listing.body).toEqual([
      { fileName: 'README.md', lastModifiedTime: T0 + 1000, creationTime: T0 + 1000, type: 'File', size: 4 },
      { fileName: 'scripts', lastModifiedTime: T0, creationTime: T0, type: 'Directory', size: 0 },
    ]);
    expect((await c.json('GET', `${ns}/directory?path=/scripts`)).body.map((f: any) => f.fileName)).toEqual(['etl.py']);
  });

  test('missing files and folders: 404 with a detail; a missing root lists as empty', async () => {
    const c = await testRuntime();
    const ns = `${base}/namespaces/empty.ns/files`;
    expect((await c.json('GET', `${ns}/directory`)).body).toEqual([]);
    const missing = await c.json('GET', `${ns}?path=/nope.txt`);
    expect([missing.status, missing.body.message]).toEqual([404, "Not Found: File '/nope.txt' was not found in namespace 'empty.ns'."]);
    expect((await c.json('GET', `${ns}/stats?path=nope`)).status).toBe(404);
    const dir = await c.json('GET', `${ns}/directory?path=/nope`);
    expect([dir.status, dir.body.message]).toEqual([404, 'Not Found: Directory not found: /nope']);
    await upload(c, 'empty.ns', '/d/f.txt', 'x', { base });
    expect((await c.json('GET', `${ns}?path=/d`)).status).toBe(404); // a folder has no content
    const noPath = await c.json('GET', ns);
    expect([noPath.status, noPath.body.message]).toEqual([400, 'Bad Request: Required QueryValue [path] not specified']);
  });

  test('POST files/directory creates an empty folder (and its parents); idempotent; refused below a file', async () => {
    const c = await testRuntime();
    const ns = `${base}/namespaces/company.team/files`;
    expect((await c.call('POST', `${ns}/directory?path=/a/b/c`)).status).toBe(200);
    expect((await c.call('POST', `${ns}/directory?path=/a/b/c`)).status).toBe(200);
    expect((await c.json('GET', `${ns}/directory`)).body).toEqual([{ fileName: 'a', lastModifiedTime: T0, creationTime: T0, type: 'Directory', size: 0 }]);
    expect((await c.json('GET', `${ns}/directory?path=a/b`)).body.map((f: any) => [f.fileName, f.type])).toEqual([['c', 'Directory']]);
    expect((await c.json('GET', `${ns}/directory?path=a/b/c`)).body).toEqual([]);
    await upload(c, 'company.team', '/file.txt', 'x', { base });
    const below = await c.json('POST', `${ns}/directory?path=/file.txt/sub`);
    expect([below.status, below.body.message]).toEqual([409, "Illegal state: Cannot create '/file.txt/sub': '/file.txt' is a file"]);
    // an empty folder is not a file: tasks and search never see it
    expect((await c.json('GET', `${ns}/search?q=a`)).body).toEqual([]);
  });

  test('a file cannot replace a folder, nor be written below a file', async () => {
    const c = await testRuntime();
    await upload(c, 'company.team', '/dir/f.txt', 'x', { base });
    const onDir = await upload(c, 'company.team', '/dir', 'y', { base });
    expect(onDir.status).toBe(409);
    expect(JSON.parse(onDir.text).message).toBe("Illegal state: Cannot write '/dir': it is a directory");
    expect((await upload(c, 'company.team', '/dir/f.txt/g', 'y', { base })).status).toBe(409);
  });

  test('search: case-sensitive substring of file paths, with a leading slash', async () => {
    const c = await testRuntime();
    for (const p of ['/file.txt', '/folder/file.txt', '/folder/File.md', '/other.csv']) await upload(c, 'company.team', p, 'x', { base });
    await c.call('POST', `${base}/namespaces/company.team/files/directory?path=/file-folder`);
    expect((await c.json('GET', `${base}/namespaces/company.team/files/search?q=file`)).body).toEqual(['/file.txt', '/folder/file.txt']);
    expect((await c.json('GET', `${base}/namespaces/other.ns/files/search?q=file`)).body).toEqual([]);
    const noQ = await c.json('GET', `${base}/namespaces/company.team/files/search`);
    expect([noQ.status, noQ.body.message]).toEqual([400, 'Bad Request: Required QueryValue [q] not specified']);
  });

  test('PUT moves and renames files and folders (with their empty sub-folders)', async () => {
    const c = await testRuntime();
    const ns = `${base}/namespaces/company.team/files`;
    await upload(c, 'company.team', '/a.txt', 'A', { base });
    await upload(c, 'company.team', '/dir/x.txt', 'X', { base });
    await upload(c, 'company.team', '/dir/sub/y.txt', 'Y', { base });
    await c.call('POST', `${ns}/directory?path=/dir/empty`);
    // a move needs the destination's parent folder (api-contract §3.12)
    await c.call('POST', `${ns}/directory?path=/renamed`);
    await c.call('POST', `${ns}/directory?path=/moved`);

    expect((await c.call('PUT', `${ns}?from=/a.txt&to=/renamed/a2.txt`)).status).toBe(200);
    expect((await read(c, 'company.team', '/renamed/a2.txt', base)).text).toBe('A');
    expect((await read(c, 'company.team', '/a.txt', base)).status).toBe(404);

    expect((await c.call('PUT', `${ns}?from=dir&to=moved/dir`)).status).toBe(200);
    expect((await c.json('GET', `${ns}/search?q=/`)).body).toEqual(['/moved/dir/sub/y.txt', '/moved/dir/x.txt', '/renamed/a2.txt']);
    expect((await c.json('GET', `${ns}/directory?path=/moved/dir`)).body.map((f: any) => f.fileName)).toEqual(['sub', 'x.txt', 'empty']);
    expect((await c.json('GET', `${ns}/directory?path=/dir`)).status).toBe(404);
  });

  test('PUT refusals: missing source 404, taken target 409, a folder into itself 422, _flows 422', async () => {
    const c = await testRuntime();
    const ns = `${base}/namespaces/company.team/files`;
    await upload(c, 'company.team', '/a.txt', 'A', { base });
    await upload(c, 'company.team', '/b.txt', 'B', { base });
    await upload(c, 'company.team', '/d/c.txt', 'C', { base });
    const cases: [string, number, string][] = [
      ['from=/ghost.txt&to=/x.txt', 404, "Not Found: File '/ghost.txt' was not found in namespace 'company.team'."],
      ['from=/a.txt&to=/b.txt', 409, "Illegal state: File '/b.txt' already exists in namespace 'company.team'."],
      ['from=/a.txt&to=/d', 409, "Illegal state: File '/d' already exists in namespace 'company.team'."],
      ['from=/d&to=/d/e', 422, "Illegal argument: Cannot move '/d' into itself"],
      ['from=/a.txt&to=/_flows/a.yml', 422, 'Illegal argument: Forbidden path: /_flows/a.yml'],
      ['from=/a.txt&to=/e/n.txt', 404, 'Not Found: Directory not found: /e'],
      ['from=/d&to=/e/f/d', 404, 'Not Found: Directory not found: /e/f'],
      ['from=/a.txt&to=/b.txt/n.txt', 409, "Illegal state: Cannot create '/b.txt/n.txt': '/b.txt' is a file"],
      ['from=/a.txt', 400, 'Bad Request: Required QueryValue [to] not specified'],
    ];
    for (const [query, status, message] of cases) {
      const r = await c.json('PUT', `${ns}?${query}`);
      expect([query, r.status, r.body.message]).toEqual([query, status, message]);
    }
    expect((await read(c, 'company.team', '/b.txt', base)).text).toBe('B');
    expect((await read(c, 'company.team', '/a.txt', base)).text).toBe('A');
    expect((await c.json('GET', `${ns}/search?q=/`)).body).toEqual(['/a.txt', '/b.txt', '/d/c.txt']);
  });

  test('DELETE a file or a folder; parents left empty go too (never the root); unknown paths are fine', async () => {
    const c = await testRuntime();
    const ns = `${base}/namespaces/company.team/files`;
    await upload(c, 'company.team', '/folder/file.txt', 'x', { base });
    await upload(c, 'company.team', '/multi/file1.txt', '1', { base });
    await upload(c, 'company.team', '/multi/file2.txt', '2', { base });
    await c.call('POST', `${ns}/directory?path=/deep/er/est`);
    await upload(c, 'company.team', '/deep/er/est/only.txt', 'o', { base });
    await upload(c, 'company.team', '/tree/a/1.txt', '1', { base });
    await upload(c, 'company.team', '/tree/b.txt', 'b', { base });

    expect((await c.call('DELETE', `${ns}?path=/folder/file.txt`)).status).toBe(200);
    expect((await c.call('DELETE', `${ns}?path=multi/file1.txt`)).status).toBe(200);
    expect((await c.call('DELETE', `${ns}?path=/deep/er/est/only.txt`)).status).toBe(200);
    expect((await c.call('DELETE', `${ns}?path=/tree`)).status).toBe(200);
    expect((await c.call('DELETE', `${ns}?path=/never/was.txt`)).status).toBe(200);
    expect((await c.json('GET', `${ns}/directory`)).body.map((f: any) => f.fileName)).toEqual(['multi']);
    expect((await c.json('GET', `${ns}/search?q=/`)).body).toEqual(['/multi/file2.txt']);

    const root = await c.json('DELETE', `${ns}?path=/`);
    expect([root.status, root.body.message]).toEqual([422, 'Illegal argument: Cannot delete the namespace root']);
    expect((await c.json('DELETE', ns)).status).toBe(400);
  });
});

test('tenants are isolated: /api/v1/t2 sees its own files only; no tenant is main', async () => {
  const c = await testRuntime();
  await upload(c, 'company.team', '/shared.txt', 'main', { base: '/api/v1' });
  await upload(c, 'company.team', '/shared.txt', 'tenant two', { base: '/api/v1/t2' });
  expect((await read(c, 'company.team', '/shared.txt', '/api/v1/main')).text).toBe('main');
  expect((await read(c, 'company.team', '/shared.txt', '/api/v1/t2')).text).toBe('tenant two');
  await upload(c, 'company.team', '/only-t2.txt', 'x', { base: '/api/v1/t2' });
  expect((await c.json('GET', '/api/v1/namespaces/company.team/files/search?q=only')).body).toEqual([]);
  expect((await c.json('GET', '/api/v1/t2/namespaces/company.team/files/search?q=only')).body).toEqual(['/only-t2.txt']);
  await c.call('DELETE', '/api/v1/t2/namespaces/company.team/files?path=/shared.txt');
  expect((await read(c, 'company.team', '/shared.txt')).text).toBe('main');
  expect(c.rt.services.files.namespacesInUse('t2')).toEqual(['company.team']);
});

test('namespacesInUse lists namespaces holding files or created folders', async () => {
  const c = await testRuntime();
  await upload(c, 'company.team', '/a.txt', 'x');
  await upload(c, 'company', '/b/c.txt', 'x');
  await c.call('POST', '/api/v1/namespaces/empty.folders/files/directory?path=/new');
  await upload(c, 'gone.ns', '/g.txt', 'x');
  await c.call('DELETE', '/api/v1/namespaces/gone.ns/files?path=/g.txt');
  expect(c.rt.services.files.namespacesInUse('main')).toEqual(['company', 'company.team', 'empty.folders']);
  expect(c.rt.services.files.namespacesInUse('other')).toEqual([]);
});

test('an invalid namespace is a 422', async () => {
  const c = await testRuntime();
  const r = await c.json('GET', '/api/v1/namespaces/_bad/files/directory');
  expect([r.status, r.body.message]).toEqual([422, 'Invalid entity: namespace: must match "^[a-z0-9][a-z0-9._-]*"']);
});
