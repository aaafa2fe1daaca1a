import { describe, expect, test } from 'bun:test';
import { executionFileRoutes } from '../../src/executions/routes/files.ts';
import { createExecutionStore } from '../../src/executions/store.ts';
import { createApp } from '../../src/http/app.ts';
import { memoryBlobStore } from '../../src/shared/storage/blobs.ts';
import { openDb } from '../../src/shared/db.ts';
import { executionService, makeExecution } from '../helpers/execution-fixture.ts';

const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);
const OWN = '/company/team/hello/executions/exec1';
const uri = (path: string) => `kestra://${path}`;

function setup() {
  const store = createExecutionStore(openDb(false));
  const blobs = memoryBlobStore(() => T0);
  store.save(makeExecution(T0));
  store.save(makeExecution(T0, { tenant: 'blue' }));
  const app = createApp({
    auth: { enabled: () => false, check: () => true, configure() {} } as never,
    maxBodyBytes: 1024 * 1024,
    modules: [{ feature: 'executions', module: executionFileRoutes({ executions: executionService(store), blobs }) }],
  });
  const call = async (path: string) => {
    const res = await app.handle(new Request(`http://localhost${path}`));
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let body: any = text;
    try { body = text ? JSON.parse(text) : undefined; } catch { /* raw */ }
    return { status: res.status, res, body, bytes, text };
  };
  const put = (path: string, data: string | Uint8Array, tenant = 'main') => blobs.put(`${tenant}${path}`, data);
  const q = (path: string, extra = '') => `?path=${encodeURIComponent(uri(path))}${extra}`;
  return { store, blobs, call, put, q };
}

describe('GET /executions/{id}/file', () => {
  test('downloads a file of the execution as an octet-stream attachment', async () => {
    const { call, put, q } = setup();
    put(`${OWN}/tasks/extract/tr1/out.csv`, 'a,b\n1,2\n');
    const r = await call(`/api/v1/executions/exec1/file${q(`${OWN}/tasks/extract/tr1/out.csv`)}`);
    expect(r.status).toBe(200);
    expect(r.res.headers.get('content-type')).toBe('application/octet-stream');
    expect(r.res.headers.get('content-disposition')).toBe('attachment; filename="out.csv"');
    expect(r.text).toBe('a,b\n1,2\n');
  });

  test('state-store files of the flow and of the namespace are allowed', async () => {
    const { call, put, q } = setup();
    put('/company/team/hello/states/counter/value.json', '{"n":1}');
    put('/company/team/states/shared.json', '{"n":2}');
    expect((await call(`/api/v1/executions/exec1/file${q('/company/team/hello/states/counter/value.json')}`)).text).toBe('{"n":1}');
    expect((await call(`/api/v1/executions/exec1/file${q('/company/team/states/shared.json')}`)).text).toBe('{"n":2}');
  });

  test("another execution's file redirects (301) to that execution, which must exist", async () => {
    const { call, q } = setup();
    const other = '/company/team/hello/executions/exec2/outputs/x.txt';
    const r = await call(`/api/v1/executions/exec1/file${q(other)}`);
    expect(r.status).toBe(301);
    const location = r.res.headers.get('location')!;
    expect(location).toBe(`/api/v1/executions/exec2/file?path=kestra://${other}`);
    const followed = await call(location);
    expect(followed.status).toBe(404);
    expect(followed.body.message).toBe("Not Found: Unable to find execution id 'exec2'");
    const metas = await call(`/api/v1/executions/exec1/file/metas${q(other)}`);
    expect(metas.res.headers.get('location')).toBe(`/api/v1/executions/exec2/file/metas?path=kestra://${other}`);
  });

  test('errors: missing path 400, unknown execution 404, foreign prefix 422, missing file 404, .. 422', async () => {
    const { call, q } = setup();
    const missing = await call('/api/v1/executions/exec1/file');
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('Bad Request: Required QueryValue [path] not specified');
    const unknown = await call(`/api/v1/executions/nope/file${q(`${OWN}/a.txt`)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe("Not Found: Unable to find execution id 'nope'");
    for (const path of ['/company/team/other-flow/files/a.txt', '/company/team/hello/executions-x/a.txt']) {
      const foreign = await call(`/api/v1/executions/exec1/file${q(path)}`);
      expect(foreign.status).toBe(422);
      expect(foreign.body.message).toBe('Illegal argument: Invalid prefix path');
    }
    const plain = await call(`/api/v1/executions/exec1/file?path=${encodeURIComponent('https://example.com/a.txt')}`);
    expect(plain.status).toBe(422);
    const gone = await call(`/api/v1/executions/exec1/file${q(`${OWN}/nothing.txt`)}`);
    expect(gone.status).toBe(404);
    expect(gone.body.message).toStartWith('Not Found: ');
    const dots = await call(`/api/v1/executions/exec1/file${q(`${OWN}/../exec2/a.txt`)}`);
    expect(dots.status).toBe(422);
    expect(dots.body.message).toStartWith('Illegal argument: ');
  });

  test('tenants: files and executions are looked up in the path tenant; redirects keep it', async () => {
    const { call, put, q } = setup();
    put(`${OWN}/a.txt`, 'blue data', 'blue');
    expect((await call(`/api/v1/blue/executions/exec1/file${q(`${OWN}/a.txt`)}`)).text).toBe('blue data');
    expect((await call(`/api/v1/executions/exec1/file${q(`${OWN}/a.txt`)}`)).status).toBe(404);
    const r = await call(`/api/v1/blue/executions/exec1/file${q('/company/team/hello/executions/exec9/a.txt')}`);
    expect(r.res.headers.get('location')).toStartWith('/api/v1/blue/executions/exec9/file?path=');
  });
});

describe('GET /executions/{id}/file/metas', () => {
  test('returns the size in bytes', async () => {
    const { call, put, q } = setup();
    put(`${OWN}/data.bin`, new Uint8Array([1, 2, 3, 4, 5]));
    const r = await call(`/api/v1/executions/exec1/file/metas${q(`${OWN}/data.bin`)}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ size: 5 });
    expect((await call(`/api/v1/executions/exec1/file/metas${q(`${OWN}/none.bin`)}`)).status).toBe(404);
  });
});

describe('GET /executions/{id}/file/preview', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `row${i}`).join('\n') + '\n';

  test('text (csv): first maxRows lines, truncated flag, default 100, cap 5000', async () => {
    const { call, put, q } = setup();
    const path = `${OWN}/out.csv`;
    put(path, 'id,name\n1,a\r\n2,b\n');
    const all = await call(`/api/v1/executions/exec1/file/preview${q(path)}`);
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ extension: 'csv', type: 'TEXT', content: 'id,name\n1,a\n2,b', maxLine: 100, truncated: false });
    const two = await call(`/api/v1/executions/exec1/file/preview${q(path, '&maxRows=2')}`);
    expect(two.body).toEqual({ extension: 'csv', type: 'TEXT', content: 'id,name\n1,a', maxLine: 2, truncated: true });

    put(`${OWN}/big.txt`, rows(6000));
    const def = await call(`/api/v1/executions/exec1/file/preview${q(`${OWN}/big.txt`)}`);
    expect(def.body.content.split('\n')).toHaveLength(100);
    expect(def.body.truncated).toBe(true);
    const capped = await call(`/api/v1/executions/exec1/file/preview${q(`${OWN}/big.txt`, '&maxRows=100000')}`);
    expect(capped.body.maxLine).toBe(5000);
    expect(capped.body.content.split('\n')).toHaveLength(5000);
    expect(capped.body.content.endsWith('row4999')).toBe(true);
  });

  test('ion rows are a LIST, markdown is MARKDOWN', async () => {
    const { call, put, q } = setup();
    put(`${OWN}/rows.ion`, '{id:1,name:"a",score:1.5e0}\n{id:2,name:"b",tags:[x,"y"]}\n{id:3}\n');
    const ion = await call(`/api/v1/executions/exec1/file/preview${q(`${OWN}/rows.ion`, '&maxRows=2')}`);
    expect(ion.body).toEqual({
      extension: 'ion', type: 'LIST', maxLine: 2, truncated: true,
      content: [{ id: 1, name: 'a', score: 1.5 }, { id: 2, name: 'b', tags: ['x', 'y'] }],
    });
    put(`${OWN}/README.md`, '# Title\n\nbody\n');
    const md = await call(`/api/v1/executions/exec1/file/preview${q(`${OWN}/README.md`)}`);
    expect(md.body).toEqual({ extension: 'md', type: 'MARKDOWN', content: '# Title\n\nbody', maxLine: 100, truncated: false });
  });

  test('images and pdf come back base64-encoded', async () => {
    const { call, put, q } = setup();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255]);
    put(`${OWN}/chart.PNG`, png);
    const img = await call(`/api/v1/executions/exec1/file/preview${q(`${OWN}/chart.PNG`)}`);
    expect(img.body).toEqual({ extension: 'PNG', type: 'IMAGE', content: Buffer.from(png).toString('base64'), maxLine: 100, truncated: false });
    put(`${OWN}/doc.pdf`, '%PDF-1.4');
    const pdf = await call(`/api/v1/executions/exec1/file/preview${q(`${OWN}/doc.pdf`)}`);
    expect(pdf.body.type).toBe('PDF');
    expect(Buffer.from(pdf.body.content, 'base64').toString()).toBe('%PDF-1.4');
  });

  test('encoding: decodes with the named charset; an unknown one is a 422', async () => {
    const { call, put, q } = setup();
    put(`${OWN}/latin.txt`, new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
    const latin = await call(`/api/v1/executions/exec1/file/preview${q(`${OWN}/latin.txt`, '&encoding=ISO-8859-1')}`);
    expect(latin.body.content).toBe('café');
    const utf8 = await call(`/api/v1/executions/exec1/file/preview${q(`${OWN}/latin.txt`)}`);
    expect(utf8.body.content).toBe('caf\uFFFD');
    const bad = await call(`/api/v1/executions/exec1/file/preview${q(`${OWN}/latin.txt`, '&encoding=klingon')}`);
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe("Illegal argument: Unable to preview using encoding 'klingon'");
  });

  test('prefix rules apply first; redirects keep the preview options', async () => {
    const { call, q } = setup();
    const foreign = await call(`/api/v1/executions/exec1/file/preview${q('/elsewhere/a.txt', '&encoding=klingon')}`);
    expect(foreign.status).toBe(422);
    expect(foreign.body.message).toBe('Illegal argument: Invalid prefix path');
    const other = '/company/team/hello/executions/exec2/a.csv';
    const r = await call(`/api/v1/executions/exec1/file/preview${q(other, '&maxRows=7&encoding=UTF-16')}`);
    expect(r.status).toBe(301);
    expect(r.res.headers.get('location')).toBe(`/api/v1/executions/exec2/file/preview?path=kestra://${other}&maxRows=7&encoding=UTF-16`);
    expect((await call(`/api/v1/executions/nope/file/preview${q(other)}`)).status).toBe(404);
    expect((await call(`/api/v1/executions/exec1/file/preview${q(`${OWN}/none.txt`)}`)).status).toBe(404);
  });
});
