// The request journal never shows a credential (review finding 8): any query parameter, header,
// JSON key (at any depth), urlencoded or multipart form field whose name contains password,
// passwd, secret, token, auth, apikey/api-key/api_key, credential or cookie is masked, and so is
// every secret value wherever it appears.
import { describe, expect, test } from 'bun:test';
import { MASK } from '../../src/admin/mask.ts';
import { adminRuntime } from './helpers.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const SECRET = 'hunter2-very-secret';

async function lastEntry(c: Awaited<ReturnType<typeof adminRuntime>>) {
  const results = (await c.json('GET', '/_kestra-lite/requests')).body.results;
  return results[results.length - 1];
}

describe('journal masking', () => {
  test('query parameters by name, and secret values in the query and path', async () => {
    const c = await adminRuntime({ env: { SECRET_DB: b64(SECRET) } });
    await c.call('GET', `/api/v1/flows/search?token=abc&password=p&q=${SECRET}&page=1&api_key=k&Authorization=x`);
    const e = await lastEntry(c);
    expect(e.query).toEqual({ token: '******', password: '******', q: '******', page: '1', api_key: '******', Authorization: '******' });
    await c.call('GET', `/api/v1/flows/t/${SECRET}`);
    expect((await lastEntry(c)).path).toBe('/api/v1/flows/t/******');
    const odd = await adminRuntime({ env: { SECRET_ODD: b64('s3cr3t with "quotes" & spaces') } });
    await odd.call('GET', `/api/v1/flows/t/${encodeURIComponent('s3cr3t with "quotes" & spaces')}`);
    await odd.call('POST', '/api/v1/flows/validate', { body: { note: 's3cr3t with "quotes" & spaces' } });
    await odd.call('POST', '/api/v1/executions/t/x', { body: `note=${encodeURIComponent('s3cr3t with "quotes" & spaces')}`, type: 'application/x-www-form-urlencoded' });
    const [path, json, form] = (await odd.json('GET', '/_kestra-lite/requests')).body.results;
    expect(path.path).toBe('/api/v1/flows/t/******');
    expect(JSON.parse(json.body)).toEqual({ note: '******' });
    expect(form.body).toBe(`note=${encodeURIComponent(MASK)}`);
  });

  test('headers by name (the scheme kept), and secret values in any header', async () => {
    const c = await adminRuntime({ env: { SECRET_DB: b64(SECRET) } });
    await c.call('GET', '/api/v1/flows/search', { headers: {
      'x-auth-token': 'abc', 'x-api-key': 'k', 'api-key': 'k2', 'x-apikey': 'k3', 'x-my-credential': 'c', 'x-client-secret': 's',
      'proxy-authorization': 'Basic dTpw', cookie: 'a=b', 'x-trace': SECRET, 'x-plain': 'visible',
    } });
    const h = (await lastEntry(c)).headers;
    for (const name of ['x-auth-token', 'x-api-key', 'api-key', 'x-apikey', 'x-my-credential', 'x-client-secret', 'cookie']) expect(h[name]).toBe('******');
    expect(h['proxy-authorization']).toBe('Basic ******');
    expect(h['x-trace']).toBe('******');
    expect(h['x-plain']).toBe('visible');
  });

  test('JSON keys at any depth, whole values under a secret name', async () => {
    const c = await adminRuntime();
    await c.call('POST', '/api/v1/flows/validate', { body: {
      headers: { Authorization: 'Bearer x', Accept: 'a' },
      list: [{ deep: { apiKey: 'k', passwd: 'p', clientSecret: 's', name: 'n' } }],
      credentials: { user: 'u', pass: 'p' },
      sessionCookie: 'c',
    } });
    expect(JSON.parse((await lastEntry(c)).body)).toEqual({
      headers: { Authorization: '******', Accept: 'a' },
      list: [{ deep: { apiKey: '******', passwd: '******', clientSecret: '******', name: 'n' } }],
      credentials: '******',
      sessionCookie: '******',
    });
  });

  test('urlencoded and multipart form fields by name, secret values in both', async () => {
    const c = await adminRuntime({ env: { SECRET_DB: b64(SECRET) } });
    await c.call('POST', '/api/v1/executions/t/x', { body: `username=me&password=p4ss&apiToken=t0k&note=${SECRET}`, type: 'application/x-www-form-urlencoded' });
    expect((await lastEntry(c)).body).toBe('username=me&password=******&apiToken=******&note=******');

    const form = new FormData();
    form.append('username', 'me');
    form.append('password', 'p4ssw0rd');
    form.append('apiToken', 'tok-123');
    form.append('note', `x ${SECRET} y`);
    form.append('auth_file', new Blob(['file-secret-content']), 'a.txt');
    await c.call('POST', '/api/v1/executions/t/x', { body: form });
    const body = (await lastEntry(c)).body as string;
    expect(body).toContain('name="username"\r\n\r\nme\r\n');
    expect(body).toContain('name="password"\r\n\r\n******\r\n');
    expect(body).toContain('name="apiToken"\r\n\r\n******\r\n');
    expect(body).not.toContain('p4ssw0rd');
    expect(body).not.toContain('tok-123');
    expect(body).not.toContain(SECRET);
    expect(body).not.toContain('file-secret-content');
  });
});
