import { describe, expect, test } from 'bun:test';
import { testRuntime, flowYaml, YAML } from '../helpers/runtime.ts';

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

describe('basic auth', () => {
  test('off by default', async () => {
    const { call } = await testRuntime();
    expect((await call('GET', '/api/v1/flows/search')).status).toBe(200);
  });

  test('configured at start: open paths stay open, the rest needs credentials', async () => {
    const { call, json } = await testRuntime({ basicAuth: { username: 'admin@kestra.io', password: 'secret' } });
    expect((await call('GET', '/ping')).status).toBe(200);
    const cfg = await json('GET', '/api/v1/configs');
    expect(cfg.status).toBe(200);
    expect(cfg.body.isBasicAuthEnabled).toBe(true);
    expect((await call('GET', '/api/v1/main/configs')).status).toBe(200);
    expect((await call('POST', '/api/v1/executions/webhook/a/b/c')).status).not.toBe(401);

    for (const path of ['/api/v1/flows/search', '/api/v1/unknown', '/api/v1/usages/all', '/api/v1/acme/flows/search']) {
      const res = await call('GET', path);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Basic realm=Kestra');
      expect(await res.text()).toBe('');
    }
    const wrong = await call('GET', '/api/v1/flows/search', { headers: { authorization: basic('admin@kestra.io', 'nope') } });
    expect(wrong.status).toBe(401);
    const ok = await call('GET', '/api/v1/flows/search', { headers: { authorization: basic('admin@kestra.io', 'secret') } });
    expect(ok.status).toBe(200);
    const lower = await call('GET', '/api/v1/flows/search', { headers: { authorization: basic('admin@kestra.io', 'secret').replace('Basic', 'basic') } });
    expect(lower.status).toBe(200);
  });

  test('POST /basicAuth enables it at run time and then needs the current credentials', async () => {
    const { call, json } = await testRuntime();
    const bad = await json('POST', '/api/v1/basicAuth', { body: { username: 'not-an-email', password: 'x' } });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe('Illegal argument: Invalid username for Basic Authentication. Please provide a valid email address.');
    const noPass = await json('POST', '/api/v1/basicAuth', { body: { username: 'me@example.com' } });
    expect(noPass.body.message).toBe('Illegal argument: No password set for Basic Authentication. Please provide a password.');

    expect((await call('POST', '/api/v1/basicAuth', { body: { username: 'me@example.com', password: 'pw' } })).status).toBe(204);
    expect((await call('GET', '/api/v1/flows/search')).status).toBe(401);
    expect((await call('POST', '/api/v1/basicAuth', { body: { username: 'me@example.com', password: 'pw2' } })).status).toBe(401);
    const auth = { authorization: basic('me@example.com', 'pw') };
    expect((await call('POST', '/api/v1/main/basicAuth', { body: { username: 'me@example.com', password: 'pw2' }, headers: auth })).status).toBe(204);
    expect((await call('GET', '/api/v1/flows/search', { headers: auth })).status).toBe(401);
    expect((await call('GET', '/api/v1/flows/search', { headers: { authorization: basic('me@example.com', 'pw2') } })).status).toBe(200);
  });

  test('API tokens pass as Bearer; a Bearer header is ignored when auth is off', async () => {
    const off = await testRuntime();
    expect((await off.call('GET', '/api/v1/flows/search', { headers: { authorization: 'Bearer whatever' } })).status).toBe(200);
    const on = await testRuntime({ basicAuth: { username: 'a@b.c', password: 'p' }, apiTokens: ['tok-1'] });
    expect((await on.call('GET', '/api/v1/flows/search', { headers: { authorization: 'Bearer tok-1' } })).status).toBe(200);
    expect((await on.call('GET', '/api/v1/flows/search', { headers: { authorization: 'Bearer other' } })).status).toBe(401);
    expect((await on.call('GET', '/api/v1/flows/search', { headers: { authorization: basic('a@b.c', 'p') } })).status).toBe(200);
  });

  test('auth settings set at run time persist across restarts in persisted mode', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/kl-auth-');
    try {
      const first = await testRuntime({ memory: false, dataDir: dir });
      await first.call('POST', '/api/v1/basicAuth', { body: { username: 'me@example.com', password: 'pw' } });
      await first.rt.dispose();
      const second = await testRuntime({ memory: false, dataDir: dir });
      expect((await second.call('GET', '/api/v1/flows/search')).status).toBe(401);
      void flowYaml; void YAML;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
