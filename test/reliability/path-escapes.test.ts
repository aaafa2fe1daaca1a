// No path escapes, on a persisted runtime over a real directory tree: hostile paths and names on
// execution files, namespace files (paths, ZIP uploads), flow import (ZIP entries and ids), the
// flows directory write-back and blob keys. A sentinel file sits next to the data and flows
// directories; afterwards no response may contain it and nothing may exist outside the two.

import { afterEach, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { diskBlobStore } from '../../src/shared/storage/blobs.ts';
import { createZip } from '../../src/shared/zip/zip.ts';
import { runFlow } from '../helpers/flows.ts';
import { testRuntime, YAML } from '../helpers/runtime.ts';

const SENTINEL = 'sentinel-content-never-served';
let root = '';

afterEach(() => { if (root) rmSync(root, { recursive: true, force: true }); });

/** Every file under `dir` outside the data and flows directories. */
function outsideFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const rel = relative(root, full);
      if (rel === 'data' || rel === 'flows') continue;
      if (statSync(full).isDirectory()) walk(full);
      else out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

async function persisted() {
  root = mkdtempSync(join(tmpdir(), 'kl-escape-'));
  mkdirSync(join(root, 'outside'));
  writeFileSync(join(root, 'outside', 'secret.txt'), SENTINEL);
  writeFileSync(join(root, 'secret.txt'), SENTINEL);
  return testRuntime({ memory: false, dataDir: join(root, 'data'), flowsDir: join(root, 'flows') });
}

const DOTS = ['../../../secret.txt', '../../outside/secret.txt', '..%2F..%2Fsecret.txt', '%2e%2e/%2e%2e/secret.txt', '/../../secret.txt',
  `${'../'.repeat(20)}etc/passwd`, 'a/../../../../secret.txt', '..\\..\\secret.txt', 'x/..', '..'];

describe('no path escapes', () => {
  test('execution files: ?path= with dots, encodings and foreign prefixes never serves an outside file', async () => {
    const c = await persisted();
    const flow = 'id: w\nnamespace: company.team\ninputs:\n  - id: f\n    type: FILE\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n';
    const exec = await runFlow(c, flow, { f: new File(['hello'], 'hello.txt') });
    const own = exec.inputs.f as string;
    const mine = await c.call('GET', `/api/v1/executions/${exec.id}/file?path=${encodeURIComponent(own)}`);
    expect([mine.status, await mine.text()]).toEqual([200, 'hello']);
    for (const dots of DOTS) {
      for (const uri of [`${own.slice(0, own.lastIndexOf('/'))}/${dots}`, `kestra:///${dots}`, dots, `file://${root}/secret.txt`]) {
        for (const route of ['file', 'file/metas', 'file/preview']) {
          const r = await c.call('GET', `/api/v1/executions/${exec.id}/${route}?path=${encodeURIComponent(uri)}`);
          const text = await r.text();
          expect(text).not.toContain(SENTINEL);
          expect(r.status).toBeLessThan(500);
        }
      }
    }
  });

  test('namespace files: hostile paths, namespaces and ZIP entries write nothing outside', async () => {
    const c = await persisted();
    const form = (content: string) => { const f = new FormData(); f.append('fileContent', new File([content], 'x.txt')); return f; };
    for (const dots of DOTS) {
      for (const ns of ['company.team', '..', '../..']) {
        const up = await c.call('POST', `/api/v1/namespaces/${encodeURIComponent(ns)}/files?path=${encodeURIComponent(dots)}`, { body: form('evil') });
        expect(up.status).toBeLessThan(500);
        const get = await c.call('GET', `/api/v1/namespaces/${encodeURIComponent(ns)}/files?path=${encodeURIComponent(dots)}`);
        expect(await get.text()).not.toContain(SENTINEL);
      }
    }
    for (const name of ['../evil.txt', '../../../evil.txt', 'a/../../evil.txt', '/../../evil.txt']) {
      const zip = createZip([{ name, data: 'evil' }]);
      const f = new FormData();
      f.append('fileContent', new File([zip], 'files.zip'));
      const r = await c.call('POST', `/api/v1/namespaces/company.team/files?path=${encodeURIComponent('/files.zip')}`, { body: f });
      expect(r.status).toBeLessThan(500);
    }
    expect(outsideFiles(root)).toEqual(['outside/secret.txt', 'secret.txt']);
  });

  test('flows: hostile ids and namespaces (API, import ZIP entries) never write outside --flows', async () => {
    const c = await persisted();
    const hostile = (ns: string, id: string) => `id: ${JSON.stringify(id)}\nnamespace: ${JSON.stringify(ns)}\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`;
    const pairs = [['../..', 'x'], ['company.team', '../../evil'], ['../../outside', '../secret'], ['/tmp', 'abs'], ['.hidden', '.x'], ['a/b', 'c/d']];
    for (const [ns, id] of pairs) {
      expect((await c.call('POST', '/api/v1/flows', { body: hostile(ns!, id!), type: YAML })).status).toBeLessThan(500);
    }
    const zip = createZip(pairs.map(([ns, id], i) => ({ name: i % 2 ? `../../outside/flow${i}.yml` : `/../flow${i}.yml`, data: hostile(ns!, id!) })));
    const f = new FormData();
    f.append('fileUpload', new File([zip], 'flows.zip'));
    expect((await c.call('POST', '/api/v1/flows/import', { body: f })).status).toBeLessThan(500);
    expect(outsideFiles(root)).toEqual(['outside/secret.txt', 'secret.txt']);
  });

  test('flows directory write-back: a flow.changed with separators and dots in its names stays inside', async () => {
    const c = await persisted();
    for (const [namespace, id] of [['../..', '../../evil'], ['..', '..'], ['/abs', '/etc/x'], ['a\\..\\..', 'b']]) {
      c.rt.events.emit('flow.changed', {
        tenant: 'main', namespace: namespace!, id: id!, revision: 1, origin: 'api', deleted: false,
        source: `id: x\nnamespace: y\ntasks: []\n`,
      });
    }
    const inside = readdirSync(join(root, 'flows'));
    expect(inside.length).toBe(4);
    for (const name of inside) expect(name).not.toContain('/');
    expect(outsideFiles(root)).toEqual(['outside/secret.txt', 'secret.txt']);
  });

  test('blob keys: dots are refused, leading slashes and empty segments stay under the root', () => {
    root = mkdtempSync(join(tmpdir(), 'kl-escape-'));
    const blobs = diskBlobStore(join(root, 'data'));
    for (const key of ['../x', 'a/../../x', 'a/..', '..', `${'../'.repeat(5)}etc/passwd`]) {
      expect(() => blobs.put(key, 'evil')).toThrow('Invalid blob key');
      expect(blobs.get(key)).toBeUndefined();
    }
    blobs.put('/abs/key', 'a');
    blobs.put('a//b/./c', 'b');
    expect(blobs.list('').map((b) => b.key)).toEqual(['a/b/c', 'abs/key']);
    expect(outsideFiles(root)).toEqual([]);
  });
});
