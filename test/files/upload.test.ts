// POST /namespaces/{ns}/files: single files, ZIP archives (extracted as Kestra does when the
// uploaded name ends with ".zip"), flows under /_flows, and every refusal leaving nothing behind.
import { describe, expect, test } from 'bun:test';
import { createZip } from '../../src/shared/zip/zip.ts';
import { testRuntime } from '../helpers/runtime.ts';
import { fileForm, read, snapshot, upload } from './helpers.ts';

const NS = '/api/v1/namespaces/company.team/files';
const flowSource = (id: string, ns = 'somewhere.else') => `id: ${id}\nnamespace: ${ns}\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`;
const post = (c: Awaited<ReturnType<typeof testRuntime>>, query: string, body: FormData | string, type?: string) =>
  c.json('POST', `${NS}?${query}`, { body, type });

describe('single file uploads', () => {
  test('overwrites in place; parents are implied; a `path` form field works too; a text part is content', async () => {
    const c = await testRuntime();
    expect((await upload(c, 'company.team', '/a/b/c.txt', 'one')).status).toBe(200);
    expect((await upload(c, 'company.team', '/a/b/c.txt', 'two')).status).toBe(200);
    expect((await read(c, 'company.team', '/a/b/c.txt')).text).toBe('two');
    const form = fileForm('from form field');
    form.append('path', '/field.txt');
    expect((await c.call('POST', NS, { body: form })).status).toBe(200);
    expect((await read(c, 'company.team', '/field.txt')).text).toBe('from form field');
    const text = new FormData();
    text.append('fileContent', 'plain text part');
    expect((await post(c, 'path=/text.txt', text)).status).toBe(200);
    expect((await read(c, 'company.team', '/text.txt')).text).toBe('plain text part');
  });

  test('binary content round-trips byte for byte (empty files too)', async () => {
    const c = await testRuntime();
    const bytes = new Uint8Array(4096).map((_, i) => (i * 31) & 0xff);
    await upload(c, 'company.team', '/bin/data.bin', bytes);
    const r = await c.call('GET', `${NS}?path=/bin/data.bin`);
    expect(new Uint8Array(await r.arrayBuffer())).toEqual(bytes);
    await upload(c, 'company.team', '/empty.txt', '');
    const stats = await c.json('GET', `${NS}/stats?path=/empty.txt`);
    expect([stats.body.size, (await read(c, 'company.team', '/empty.txt')).text]).toEqual([0, '']);
  });

  test('refusals: missing part 400, missing path 400, not multipart 415, too large 413, root 422 — nothing stored', async () => {
    const c = await testRuntime({ maxBodyBytes: 10_000 });
    const before = snapshot(c);
    const noPart = await post(c, 'path=/x.txt', fileForm('x', 'x.txt', 'file'));
    expect([noPart.status, noPart.body.message]).toEqual([400, 'Bad Request: Required Part [fileContent] not specified']);
    const noPath = await c.json('POST', NS, { body: fileForm('x') });
    expect([noPath.status, noPath.body.message]).toEqual([400, 'Bad Request: Required QueryValue [path] not specified']);
    const json = await post(c, 'path=/x.txt', '{"fileContent":"x"}', 'application/json');
    expect([json.status, json.body.message]).toEqual([415, 'Unsupported Media Type: Content Type [application/json] not allowed. Allowed types: multipart/form-data']);
    const raw = await post(c, 'path=/x.txt', 'raw bytes', 'application/octet-stream');
    expect(raw.status).toBe(415);
    const big = await post(c, 'path=/big.bin', fileForm(new Uint8Array(20_000)));
    expect(big.status).toBe(413);
    expect(big.body.message).toStartWith('Request Entity Too Large: The content length [');
    const broken = await post(c, 'path=/x.txt', 'not a multipart body', 'multipart/form-data; boundary=zzz');
    expect(broken.status).toBe(400);
    const root = await post(c, 'path=/', fileForm('x'));
    expect([root.status, root.body.message]).toEqual([422, "Illegal argument: Invalid namespace file path '/'"]);
    expect(snapshot(c)).toBe(before);
  });
});

describe('flows under /_flows', () => {
  test('/_flows/<file> imports the flow into this namespace (create, then update) and stores no file', async () => {
    const c = await testRuntime();
    expect((await upload(c, 'company.team', '/_flows/imported.yml', flowSource('imported'))).status).toBe(200);
    const flow = c.rt.flows.getCurrent('main', 'company.team', 'imported');
    expect([flow?.revision, flow?.source]).toEqual([1, flowSource('imported', 'company.team')]);
    await upload(c, 'company.team', '_flows/imported.yml', flowSource('imported').replace('hi', 'hello'));
    expect((await c.json('GET', '/api/v1/flows/company.team/imported')).body.revision).toBe(2);
    expect((await c.json('GET', `${NS}/search?q=imported`)).body).toEqual([]);
  });

  test('deeper paths, /_flows itself, and invalid flows are refused without side effects', async () => {
    const c = await testRuntime();
    const before = snapshot(c);
    const deep = await upload(c, 'company.team', '/_flows/a/b.yml', flowSource('x'));
    expect([deep.status, JSON.parse(deep.text).message]).toEqual([422, 'Illegal argument: Invalid flow file path: /_flows/a/b.yml']);
    const folder = await upload(c, 'company.team', '/_flows', 'x');
    expect([folder.status, JSON.parse(folder.text).message]).toEqual([422, 'Illegal argument: Forbidden path: /_flows']);
    const invalid = await upload(c, 'company.team', '/_flows/bad.yml', 'id: bad\nnamespace: x\ntasks: []\n');
    expect(invalid.status).toBe(422);
    expect(JSON.parse(invalid.text).message).toStartWith('Invalid entity:');
    expect(snapshot(c)).toBe(before);
    expect((await c.json('GET', '/api/v1/flows/search')).body.total).toBe(0);
  });
});

describe('flows under /_flows land in the target namespace, whatever the document style', () => {
  const LOG = '{"id":"log","type":"io.kestra.plugin.core.log.Log","message":"hi"}';
  const cases: [string, string, string][] = [
    ['JSON', `{"id":"rw3","namespace":"orig","tasks":[${LOG}]}`, `{"id":"rw3","namespace":"company.team","tasks":[${LOG}]}`],
    ['flow-style YAML', `{ id: rw3, namespace: orig, tasks: [${LOG}] }`, `{ id: rw3, namespace: company.team, tasks: [${LOG}] }`],
    ['a quoted key and value', `"namespace": 'orig'\nid: rw3\ntasks: [${LOG}]\n`, `"namespace": 'company.team'\nid: rw3\ntasks: [${LOG}]\n`],
    ['a comment after the value', `id: rw3\nnamespace: orig # keep me\ntasks: [${LOG}]\n`, `id: rw3\nnamespace: company.team # keep me\ntasks: [${LOG}]\n`],
    ['no namespace at all', `id: rw3\ntasks: [${LOG}]\n`, `namespace: company.team\nid: rw3\ntasks: [${LOG}]\n`],
    ['no namespace in JSON', `{"id":"rw3","tasks":[${LOG}]}`, `{"namespace":"company.team","id":"rw3","tasks":[${LOG}]}`],
  ];
  for (const [label, source, stored] of cases) {
    test(label, async () => {
      const c = await testRuntime();
      const r = await upload(c, 'company.team', '/_flows/rw3.yml', source);
      expect(r).toEqual({ status: 200, text: '' });
      expect(c.rt.flows.getCurrent('main', 'orig', 'rw3')).toBeUndefined();
      const flow = c.rt.flows.getCurrent('main', 'company.team', 'rw3');
      expect([flow?.namespace, flow?.source]).toEqual(['company.team', stored]);
    });
  }

  test('a nested namespace (a Subflow task) is left alone', async () => {
    const c = await testRuntime();
    const source = 'id: rw3\nnamespace: orig\ntasks:\n  - id: sub\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: orig\n    flowId: child\n';
    expect((await upload(c, 'company.team', '/_flows/rw3.yml', source)).status).toBe(200);
    expect((await c.json('GET', '/api/v1/flows/company.team/rw3')).body.tasks[0].namespace).toBe('orig');
  });
});

describe('ZIP uploads', () => {
  const archive = createZip([
    { name: 'a.txt', data: 'A' },
    { name: 'dir/', data: '' },
    { name: 'dir/b.txt', data: 'B' },
    { name: 'empty/', data: '' },
    { name: '_flows/zipped.yml', data: flowSource('zipped') },
  ]);

  test('a *.zip file name is extracted at the root whatever the path (case-insensitive); flows are imported', async () => {
    const c = await testRuntime();
    expect((await upload(c, 'company.team', '/ignored/target.zip', archive, { fileName: 'Archive.ZIP' })).status).toBe(200);
    expect((await c.json('GET', `${NS}/search?q=/`)).body).toEqual(['/a.txt', '/dir/b.txt']);
    expect((await read(c, 'company.team', '/dir/b.txt')).text).toBe('B');
    expect((await c.json('GET', '/api/v1/flows/company.team/zipped')).status).toBe(200);
    // empty directory entries are not recreated, as in Kestra
    expect((await c.json('GET', `${NS}/directory`)).body.map((f: any) => f.fileName)).toEqual(['a.txt', 'dir']);
  });

  test('the same bytes under another name are stored as one file', async () => {
    const c = await testRuntime();
    await upload(c, 'company.team', '/keep.zip', archive, { fileName: 'keep.bin' });
    expect((await c.json('GET', `${NS}/search?q=/`)).body).toEqual(['/keep.zip']);
  });

  const hostile: [string, { name: string; data: string }[], number, string][] = [
    ['../ entry', [{ name: 'ok.txt', data: 'x' }, { name: '../evil.txt', data: 'x' }], 422, "Illegal argument: Invalid zip entry '../evil.txt': relative '..' paths are not allowed"],
    ['nested ../ entry', [{ name: 'a/../../evil.txt', data: 'x' }], 422, "Illegal argument: Invalid zip entry 'a/../../evil.txt': relative '..' paths are not allowed"],
    ['absolute entry', [{ name: '/etc/evil', data: 'x' }], 422, "Illegal argument: Invalid zip entry '/etc/evil': absolute paths are not allowed"],
    ['drive letter', [{ name: 'C:/evil', data: 'x' }], 422, "Illegal argument: Invalid zip entry 'C:/evil': absolute paths are not allowed"],
    ['backslash', [{ name: '..\\evil.txt', data: 'x' }], 422, "Illegal argument: Invalid zip entry '..\\evil.txt': backslashes are not allowed"],
    ['NUL in name', [{ name: 'a\u0000b', data: 'x' }], 422, "Illegal argument: Invalid zip entry 'a\u0000b': Invalid namespace file path: control characters are not allowed"],
    ['file and folder clash', [{ name: 'a', data: 'x' }, { name: 'a/b', data: 'y' }], 422, "Illegal argument: Invalid zip file: '/a' is both a file and a folder"],
    ['deep flow', [{ name: 'ok.txt', data: 'x' }, { name: '_flows/sub/f.yml', data: flowSource('f') }], 422, 'Illegal argument: Invalid flow file path: /_flows/sub/f.yml'],
    ['reserved name', [{ name: '_flowsy.txt', data: 'x' }], 422, 'Illegal argument: Forbidden path: /_flowsy.txt'],
  ];
  for (const [label, entries, status, message] of hostile) {
    test(`refused with nothing written: ${label}`, async () => {
      const c = await testRuntime();
      await upload(c, 'company.team', '/existing.txt', 'keep');
      const before = snapshot(c);
      const r = await upload(c, 'company.team', '/', createZip([...entries, { name: '_flows/side.yml', data: flowSource('side') }]), { fileName: 'x.zip' });
      expect([r.status, JSON.parse(r.text).message]).toEqual([status, message]);
      expect(snapshot(c)).toBe(before);
      expect((await c.json('GET', '/api/v1/flows/company.team/side')).status).toBe(404);
    });
  }

  test('an entry clashing with a stored file or folder is a 409; nothing written', async () => {
    const c = await testRuntime();
    await upload(c, 'company.team', '/f.txt', 'file');
    await c.call('POST', `${NS}/directory?path=/d`);
    const before = snapshot(c);
    for (const [entry, message] of [['f.txt/x', "Illegal state: Cannot create '/f.txt/x': '/f.txt' is a file"], ['d', "Illegal state: Cannot write '/d': it is a directory"]]) {
      const r = await upload(c, 'company.team', '/', createZip([{ name: 'new.txt', data: 'n' }, { name: entry!, data: 'x' }]), { fileName: 'x.zip' });
      expect([r.status, JSON.parse(r.text).message]).toEqual([409, message]);
    }
    expect(snapshot(c)).toBe(before);
  });

  test('corrupt archives and zip bombs are 4xx', async () => {
    const c = await testRuntime({ maxBodyBytes: 10_000 });
    const before = snapshot(c);
    const corrupt = await upload(c, 'company.team', '/', new TextEncoder().encode('PK this is not really a zip archive'), { fileName: 'x.zip' });
    expect([corrupt.status, JSON.parse(corrupt.text).message]).toEqual([422, 'Illegal argument: Invalid zip file: end of central directory not found']);
    const bomb = createZip([{ name: 'zeros.bin', data: new Uint8Array(1_000_000) }]);
    expect(bomb.length).toBeLessThan(10_000);
    const r = await upload(c, 'company.team', '/', bomb, { fileName: 'bomb.zip' });
    expect([r.status, JSON.parse(r.text).message]).toEqual([413, 'Request Entity Too Large: Invalid zip file: uncompressed content exceeds 40000 bytes']);
    expect(snapshot(c)).toBe(before);
  });
});
