// kestra-lite/testing options and helpers: flows from a directory, bad options, auth, tenants,
// seeds, inputs and labels, KV.
import { describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKestraLite } from '../../src/testing/index.ts';
import { appCall, logFlow, NOW, start } from './helpers.ts';

describe('flows and fixtures options', () => {
  test('a flows directory is deployed (any depth, .yml and .yaml) and never written to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-flows-'));
    try {
      mkdirSync(join(dir, 'team'));
      writeFileSync(join(dir, 'a.yml'), logFlow('a'));
      writeFileSync(join(dir, 'team', 'b.yaml'), logFlow('b', 'team'));
      writeFileSync(join(dir, 'notes.txt'), 'not a flow');
      const kl = await start({ flows: dir });
      expect((await appCall(kl, 'GET', '/api/v1/flows/search')).body.results.map((f: any) => f.id).sort()).toEqual(['a', 'b']);
      await kl.deployFlow(logFlow('c'));
      expect(readdirSync(dir).sort()).toEqual(['a.yml', 'notes.txt', 'team']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an invalid flow rejects the start with its file or position and Kestra\'s message', async () => {
    await expect(startKestraLite({ flows: [logFlow('ok'), 'id: broken\nnamespace: t\n'] })).rejects.toThrow(/^flows\[1\]: POST \/api\/v1\/flows answered 422/);
    await expect(startKestraLite({ flows: '/no/such/dir' })).rejects.toThrow(/flows directory '\/no\/such\/dir' does not exist/);
  });

  test('deployFlow creates, then updates with a new revision', async () => {
    const kl = await start();
    expect((await kl.deployFlow(logFlow('a'))).revision).toBe(1);
    const updated = await kl.deployFlow(logFlow('a').replace('Hello', 'Bye'));
    expect(updated.revision).toBe(2);
    await expect(kl.deployFlow('tasks: []')).rejects.toMatchObject({ status: 422 });
  });
});

describe('bad options fail before anything starts', () => {
  const cases: [object, RegExp][] = [
    [{ flow: [] }, /unknown option 'flow'/],
    [{ now: NOW }, /'now' sets the fake clock/],
    [{ clock: 'fake', now: '2025-01-01' }, /ISO-8601 date-time with a zone/],
    [{ clock: 'slow' }, /clock must be 'system' or 'fake'/],
    [{ port: -1 }, /port must be 0/],
    [{ seed: 1.5 }, /seed must be a whole number/],
    [{ basicAuth: 'nopassword' }, /basicAuth must be 'user:password'/],
    [{ tenant: 'a/b' }, /tenant must be an id/],
    [{ dataDir: '/tmp/x' }, /dataDir needs memory: false/],
    [{ flows: [1] }, /flows must be a directory or a list/],
    [{ mode: 'thread' }, /mode must be 'in-process' or 'process'/],
  ];
  for (const [options, message] of cases) {
    test(`${JSON.stringify(options)}`, async () => {
      await expect(startKestraLite(options as never)).rejects.toThrow(message);
    });
  }

  test('kestraVersion is forwarded (2.0 answers as Kestra 2.0), an unknown one is refused', async () => {
    const kl = await start({ kestraVersion: '2.0' });
    const configs = await appCall(kl, 'GET', '/api/v1/configs');
    expect(configs.status).toBe(200);
    expect(configs.body.version).toBe('2.0.0');
    expect((await appCall(kl, 'POST', '/api/v1/main/stats/summary')).status).toBe(404); // removed in 2.0
    // the KV helpers use routes 2.0 still has (its namespace KV list is gone)
    await kl.kv('company.team').set('k', 'v');
    expect((await kl.kv('company.team').list()).map((e) => e.key)).toEqual(['k']);
    await expect(startKestraLite({ kestraVersion: '1.3' })).rejects.toThrow(/supported versions are 0.21, 2.0/);
  });
});

describe('auth, tenants, ids', () => {
  test('basicAuth protects the API for other clients; the helpers send it; the admin API stays open', async () => {
    const kl = await start({ basicAuth: { username: 'admin', password: 's3cret!' }, flows: [logFlow('a')] });
    expect((await appCall(kl, 'GET', '/api/v1/flows/t/a')).status).toBe(401);
    expect((await kl.execute('t', 'a')).state.current).toBe('SUCCESS');
    expect((await kl.fetch('/api/v1/flows/t/a')).status).toBe(200);
    expect((await appCall(kl, 'GET', '/_kestra-lite/clock')).status).toBe(200);
  });

  test('adminToken closes the admin API to others; the helpers send it', async () => {
    const kl = await start({ adminToken: 'tok', clock: 'fake', now: NOW });
    expect((await appCall(kl, 'GET', '/_kestra-lite/clock')).status).toBe(401);
    expect((await kl.advance('PT1H')).now).toBe('2025-01-01T01:00:00.000Z');
  });

  test('a tenant: the helpers call /api/v1/{tenant}/..., other tenants see nothing', async () => {
    const kl = await start({ tenant: 'acme', flows: [logFlow('a')] });
    expect((await kl.execute('t', 'a')).state.current).toBe('SUCCESS');
    expect((await appCall(kl, 'GET', '/api/v1/acme/flows/t/a')).status).toBe(200);
    expect((await appCall(kl, 'GET', '/api/v1/flows/t/a')).status).toBe(404);
  });

  test('the same seed gives the same ids', async () => {
    const ids = [];
    for (let i = 0; i < 2; i++) {
      const kl = await start({ seed: 7, flows: [logFlow('a')] });
      ids.push((await kl.execute('t', 'a')).id);
    }
    expect(ids[0]).toBe(ids[1]!);
  });
});

describe('execute and kv helpers', () => {
  test('inputs (text and file), labels, wait: false', async () => {
    const flow = 'id: in\nnamespace: t\ninputs:\n  - id: name\n    type: STRING\n  - id: doc\n    type: FILE\n  - id: cfg\n    type: JSON\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ inputs.name }} {{ read(inputs.doc) }} {{ inputs.cfg.n }}"\n';
    const kl = await start({ flows: [flow] });
    const done = await kl.execute('t', 'in', { name: 'Ada', doc: new Blob(['file text']), cfg: { n: 3 } }, { labels: { team: 'data' } });
    expect(done.state.current).toBe('SUCCESS');
    expect(done.labels).toContainEqual({ key: 'team', value: 'data' });
    expect((await kl.logs(done.id)).map((l) => l.message)).toContain('Ada file text 3');
    const started = await kl.execute('t', 'in', { name: 'Bob', doc: new Blob(['x']), cfg: {} }, { wait: false });
    expect(started.state.current).toBe('CREATED');
    await expect(kl.execute('t', 'missing')).rejects.toMatchObject({ status: 404 });
  });

  test('kv: set, get, list, delete, and a ttl that expires on the fake clock', async () => {
    const kl = await start({ clock: 'fake', now: NOW });
    const kv = kl.kv('company.team');
    await kv.set('config', { retries: 3 });
    await kv.set('token', 'abc', { ttl: 'PT1H' });
    expect(await kv.get('config')).toEqual({ retries: 3 });
    expect((await kv.list()).map((e) => e.key).sort()).toEqual(['config', 'token']);
    await kl.advance('PT2H');
    expect(await kv.get('token')).toBeUndefined();
    expect(await kv.delete('config')).toBe(true);
    expect(await kv.delete('config')).toBe(false);
    await expect(kv.set('bad key!', 1)).rejects.toMatchObject({ status: 422 });
  });
});
