// No path may leave its namespace: every hostile form of `path`/`from`/`to` is a 4xx with a clear
// message, on every route, and the blob store is byte-for-byte unchanged afterwards.
import { describe, expect, test } from 'bun:test';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';
import { fileForm, snapshot, upload } from './helpers.ts';

const TRAVERSAL = "Illegal argument: File should be accessed with their full path and not using relative '..' path.";

// raw query-string values (already URL-encoded as a client would send them) → expected message
const HOSTILE: [string, string][] = [
  ['..%2Fescape.txt', TRAVERSAL],
  ['/a/../../escape.txt', TRAVERSAL],
  ['%2e%2e/escape.txt', TRAVERSAL],
  ['%2E%2E%2Fescape.txt', TRAVERSAL],
  ['%252e%252e%252fescape.txt', TRAVERSAL],
  ['%25252e%25252e/escape.txt', TRAVERSAL],
  ['....//....//escape.txt', TRAVERSAL],
  ['..', TRAVERSAL],
  ['a%252fb.txt', "Illegal argument: Invalid path 'a%2fb.txt': encoded path separators are not allowed"],
  ['%5C..%5Cescape.txt', TRAVERSAL],
  ['dir%5Cescape.txt', "Illegal argument: Invalid path 'dir\\escape.txt': backslashes are not allowed"],
  ['C:%5Cwindows%5Cwin.ini', "Illegal argument: Invalid path 'C:\\windows\\win.ini': backslashes are not allowed"],
  ['a%00b.txt', 'Illegal argument: Invalid path: control characters are not allowed'],
  ['a%2500b.txt', 'Illegal argument: Invalid path: control characters are not allowed'],
  ['line%0Abreak.txt', 'Illegal argument: Invalid path: control characters are not allowed'],
  ['a/'.repeat(600) + 'x', 'Illegal argument: Invalid namespace file path: longer than 1024 characters'],
  ['x'.repeat(300), 'Illegal argument: Invalid namespace file path: a name is longer than 200 bytes'],
  ['kestra:///other/ns/_files/x.txt', "Illegal argument: Invalid Kestra URI. Expected prefix for namespace 'company.team', but was kestra:///other/ns/_files/x.txt."],
  ['kestra:///company/team/_filesx/x.txt', "Illegal argument: Invalid Kestra URI. Expected prefix for namespace 'company.team', but was kestra:///company/team/_filesx/x.txt."],
];

const NS = '/api/v1/namespaces/company.team/files';

/** every route taking a path, as [method, url for a raw value, body] */
const ROUTES: [string, (raw: string) => string, () => FormData | undefined][] = [
  ['GET', (p) => `${NS}?path=${p}`, () => undefined],
  ['GET', (p) => `${NS}?path=${p}&revision=1`, () => undefined],
  ['GET', (p) => `${NS}/stats?path=${p}`, () => undefined],
  ['GET', (p) => `${NS}/directory?path=${p}`, () => undefined],
  ['POST', (p) => `${NS}/directory?path=${p}`, () => undefined],
  ['GET', (p) => `${NS}/revisions?path=${p}`, () => undefined],
  ['POST', (p) => `${NS}?path=${p}`, () => fileForm('payload')],
  ['PUT', (p) => `${NS}?from=${p}&to=/safe.txt`, () => undefined],
  ['PUT', (p) => `${NS}?from=/seed.txt&to=${p}`, () => undefined],
  ['DELETE', (p) => `${NS}?path=${p}`, () => undefined],
  ['GET', (p) => `/api/v1/t2/namespaces/company.team/files?path=${p}`, () => undefined],
];

async function seeded(): Promise<TestClient> {
  const c = await testRuntime();
  await upload(c, 'company.team', '/seed.txt', 'seed');
  await upload(c, 'company', '/escape.txt', 'parent namespace file');
  return c;
}

describe('hostile paths are refused on every route, and nothing is written', () => {
  for (const [raw, message] of HOSTILE) {
    test(`path=${raw.length > 60 ? `${raw.slice(0, 40)}… (${raw.length} chars)` : raw}`, async () => {
      const c = await seeded();
      const before = snapshot(c);
      for (const [method, url, body] of ROUTES) {
        const r = await c.json(method, url(raw), { body: body() });
        expect([method, url(raw).slice(0, 80), r.status, r.body?.message]).toEqual([method, url(raw).slice(0, 80), 422, message]);
      }
      expect(snapshot(c)).toBe(before);
    });
  }
});

test('the namespace root is relative: "/etc/passwd" is a file of the namespace, stored under its _files', async () => {
  const c = await testRuntime();
  expect((await upload(c, 'company.team', '/etc/passwd', 'not really')).status).toBe(200);
  expect(c.rt.blobs.list('').map((b) => b.key).filter((k) => k.includes('passwd'))).toEqual(['main/company/team/_files/etc/passwd']);
  expect((await c.json('GET', `${NS}/search?q=passwd`)).body).toEqual(['/etc/passwd']);
  // its own kestra:/// URI is accepted as a path
  const r = await c.call('GET', `${NS}?path=${encodeURIComponent('kestra:///company/team/_files/etc/passwd')}`);
  expect(await r.text()).toBe('not really');
});

test('names with dots, spaces and percent signs that do not escape are fine', async () => {
  const c = await testRuntime();
  for (const p of ['/.hidden', '/a.b.c.txt', '/with space.txt', '/100%.txt', '/100%25.txt', '/ünïcødé.txt']) {
    expect([p, (await upload(c, 'company.team', p, p)).status]).toEqual([p, 200]);
  }
  expect((await c.json('GET', `${NS}/search?q=/`)).body).toEqual(['/.hidden', '/100%.txt', '/100%25.txt', '/a.b.c.txt', '/with space.txt', '/ünïcødé.txt']);
});

test('_flows is reserved for reads, stats, listings, folders, moves and deletes', async () => {
  const c = await seeded();
  const before = snapshot(c);
  for (const [method, url] of [
    ['GET', `${NS}?path=/_flows/a.yml`], ['GET', `${NS}/stats?path=/_flows`], ['GET', `${NS}/directory?path=_flows`],
    ['POST', `${NS}/directory?path=/_flows/sub`], ['DELETE', `${NS}?path=/_flows`], ['PUT', `${NS}?from=/_flows/a.yml&to=/a.yml`],
    ['GET', `${NS}/revisions?path=/_flows/a.yml`],
  ] as const) {
    const r = await c.json(method, url);
    expect([url, r.status, r.body.message.startsWith('Illegal argument: Forbidden path: /_flows')]).toEqual([url, 422, true]);
  }
  expect(snapshot(c)).toBe(before);
});
