// Auth proven on every route: the list comes from the route table, so a route added later is
// covered without touching this file. With auth on, every route answers 401 without credentials
// (under /api/v1 and /api/v1/{tenant}) except the documented open ones, and gets past auth with
// basic auth and with a Bearer API token.

import { describe, expect, test } from 'bun:test';
import { isOpenPath } from '../../src/http/auth.ts';
import { ADMIN_PREFIX } from '../../src/shared/feature.ts';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';


const CREDENTIALS = { username: 'admin@kestra.io', password: 'pässword:with:colons' };
const BASIC = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;
const TOKEN = 'tok-0123456789';

/** A concrete path for a route pattern: every `:param` and `*` filled with a plausible value. */
const concrete = (pattern: string) => pattern.replace(/:namespace\b/g, 'company.team').replace(/:[A-Za-z]+/g, 'x1').replace(/\*/g, 'x2');

async function status(c: TestClient, method: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  // A follow of an execution that does not exist waits for it (10 s on the clock): the signal ends
  // that wait, which then answers 404 (past auth, which is what is asserted).
  const res = await c.rt.app.handle(new Request(`http://localhost${path}`, { method, headers, signal: AbortSignal.timeout(300) }));
  await res.body?.cancel(); // SSE routes stream forever: the status line is all we need
  return res.status;
}

describe('auth on every route of the route table', () => {
  test('no credentials: 401 except /ping, GET /configs and webhooks; basic auth and Bearer token pass', async () => {
    const c = await testRuntime({ basicAuth: CREDENTIALS, apiTokens: [TOKEN] });
    const routes = [...c.rt.app.routeTable(), { method: 'GET', path: '/ping' }];
    expect(routes.length).toBeGreaterThan(150);
    const wrong: string[] = [];
    let open = 0;
    for (const { method, path: pattern } of routes) {
      const path = concrete(pattern);
      if (path.startsWith(ADMIN_PREFIX)) continue; // kestra-lite's admin API has its own guard (next test)
      const isOpen = isOpenPath(method, path);
      if (isOpen) open++;
      const anonymous = [await status(c, method, path)];
      if (path.startsWith('/api/v1/')) anonymous.push(await status(c, method, path.replace('/api/v1/', '/api/v1/main/')));
      for (const s of anonymous) if ((s === 401) === isOpen) wrong.push(`${method} ${pattern}: ${s} without credentials`);
      const basic = await status(c, method, path, { authorization: BASIC });
      const bearer = await status(c, method, path, { authorization: `Bearer ${TOKEN}` });
      if (basic === 401) wrong.push(`${method} ${pattern}: 401 with basic auth`);
      if (bearer === 401) wrong.push(`${method} ${pattern}: 401 with a Bearer token`);
      const bad = await status(c, method, path, { authorization: `Bearer ${TOKEN}x` });
      if (!isOpen && bad !== 401) wrong.push(`${method} ${pattern}: ${bad} with a wrong token`);
    }
    expect(wrong).toEqual([]);
    // exactly the documented open routes: /ping, GET /configs, the webhook routes and the login routes
    const documented = routes.filter((r) => r.path === '/ping' || (r.method === 'GET' && r.path === '/api/v1/configs')
      || r.path.startsWith('/api/v1/executions/webhook/') || ['/api/v1/login', '/api/v1/logout', '/api/v1/configs/login', '/api/v1/basicAuthValidationErrors'].includes(r.path));
    expect(open).toBe(documented.length);
  }, 60_000);

  test('the admin API (/_kestra-lite/): open without --admin-token (as documented), every route 401 without the token once it is set', async () => {
    const c = await testRuntime({ basicAuth: CREDENTIALS, adminToken: 'admin-tok' });
    const admin = c.rt.app.routeTable().filter((r) => r.path.startsWith(ADMIN_PREFIX));
    expect(admin.length).toBeGreaterThan(8);
    const wrong: string[] = [];
    for (const { method, path: pattern } of admin) {
      const path = concrete(pattern);
      if (await status(c, method, path) !== 401) wrong.push(`${method} ${pattern}: passed without the admin token`);
      if (await status(c, method, path, { authorization: BASIC }) !== 401) wrong.push(`${method} ${pattern}: passed with Kestra's basic auth instead of the admin token`);
      if (await status(c, method, path, { authorization: 'Bearer admin-tokx' }) !== 401) wrong.push(`${method} ${pattern}: passed with a wrong admin token`);
      if (await status(c, method, path, { authorization: 'Bearer admin-tok' }) === 401) wrong.push(`${method} ${pattern}: 401 with the admin token`);
    }
    expect(wrong).toEqual([]);
    const open = await testRuntime({ basicAuth: CREDENTIALS });
    expect(await status(open, 'GET', `${ADMIN_PREFIX}/clock`)).toBe(200);
  }, 60_000);

  test('near misses are refused: a token prefix, a longer token, another user, a wrong scheme, garbage base64', async () => {
    const c = await testRuntime({ basicAuth: CREDENTIALS, apiTokens: [TOKEN, 'second-token'] });
    const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
    for (const authorization of [
      `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}0`, 'Bearer ', `Token ${TOKEN}`, basic('other@kestra.io', CREDENTIALS.password),
      basic(CREDENTIALS.username, CREDENTIALS.password.slice(0, -1)), basic(`${CREDENTIALS.username}\u0000`, CREDENTIALS.password),
      'Basic !!!not-base64!!!', 'Basic', `Basic ${Buffer.from('no-colon').toString('base64')}`,
    ]) {
      expect(await status(c, 'GET', '/api/v1/flows/search', { authorization })).toBe(401);
    }
    expect(await status(c, 'GET', '/api/v1/flows/search', { authorization: 'Bearer second-token' })).toBe(200);
    expect(await status(c, 'GET', '/api/v1/flows/search', { authorization: BASIC })).toBe(200);
    expect(await status(c, 'GET', '/api/v1/flows/search', { authorization: BASIC })).toBe(200); // the remembered header
  });
});
