import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';

const creds = { username: 'admin@kestra.io', password: 'Admin1234' };

describe('login page API (Kestra 0.24+)', () => {
  test('auth off: configs/login says not initialized, login answers without cookies, no validation errors', async () => {
    const { json, call } = await testRuntime();
    expect((await json('GET', '/api/v1/configs/login')).body).toEqual({ isBasicAuthInitialized: false });
    expect((await json('GET', '/api/v1/basicAuthValidationErrors')).body).toEqual([]);
    const login = await call('POST', '/api/v1/login', { body: { username: 'x', password: 'y' } });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toBeNull();
  });

  test('login sets the HttpOnly BASIC_AUTH cookie, which then opens every route; logout clears it', async () => {
    const { json, call } = await testRuntime({ basicAuth: creds });
    expect((await json('GET', '/api/v1/configs/login')).body).toEqual({ isBasicAuthInitialized: true });
    expect((await call('GET', '/api/v1/flows/search')).status).toBe(401);

    const login = await call('POST', '/api/v1/login', { body: creds });
    expect(login.status).toBe(200);
    expect(await login.json()).toEqual({});
    const cookies = login.headers.getSetCookie();
    const token = Buffer.from(`${creds.username}:${creds.password}`).toString('base64');
    expect(cookies).toContain(`BASIC_AUTH=${token}; Path=/; SameSite=Lax; HttpOnly`);
    expect(cookies).toContain('kestraBasicAuthenticated=true; Path=/; SameSite=Lax');

    const cookie = { cookie: `other=1; BASIC_AUTH=${token}` };
    expect((await call('GET', '/api/v1/flows/search', { headers: cookie })).status).toBe(200);
    expect((await call('GET', '/api/v1/main/flows/search', { headers: cookie })).status).toBe(200);
    expect((await call('GET', '/api/v1/flows/search', { headers: { cookie: 'BASIC_AUTH=bm9wZTpub3Bl' } })).status).toBe(401);

    const logout = await call('POST', '/api/v1/logout');
    expect(logout.status).toBe(200);
    expect(logout.headers.getSetCookie()).toContain('BASIC_AUTH=; Path=/; SameSite=Lax; HttpOnly; Max-Age=0');
  });

  test('wrong credentials answer 401 and set no cookie; a non-object body is a 422', async () => {
    const { json, call } = await testRuntime({ basicAuth: creds });
    const bad = await call('POST', '/api/v1/login', { body: { username: creds.username, password: 'nope' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    const notObject = await json('POST', '/api/v1/login', { body: '"x"', type: 'application/json' });
    expect(notObject.status).toBe(422);
    expect(notObject.body.message).toStartWith('Invalid json');
  });

  test('login consumes JSON only (Kestra\'s MiscController#login): a form or text body is a 415, set no cookie', async () => {
    const { json, call } = await testRuntime({ basicAuth: creds });
    const form = new URLSearchParams(creds).toString();
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const r = await json('POST', '/api/v1/login', { body: form, type });
      expect([type, r.status]).toEqual([type, 415]);
      expect(r.body.message).toBe(`Unsupported Media Type: Content Type [${type}] not allowed. Allowed types: application/json`);
      expect(r.res.headers.get('set-cookie')).toBeNull();
    }
    // no content type at all is read as JSON, as Micronaut does
    const bare = await call('POST', '/api/v1/login', { body: new TextEncoder().encode(JSON.stringify(creds)) });
    expect(bare.status).toBe(200);
  });

  test('start-up credentials that Kestra would refuse are reported by basicAuthValidationErrors (open without credentials)', async () => {
    const { json } = await testRuntime({ basicAuth: { username: 'admin', password: 'short' } });
    const res = await json('GET', '/api/v1/basicAuthValidationErrors');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      'Invalid username for Basic Authentication. Please provide a valid email address.',
      'Invalid password for Basic Authentication. The password must have 8 chars, one upper, one lower and one number',
    ]);
  });
});
