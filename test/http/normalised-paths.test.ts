// Every spelling of a path that reaches a route gets that route's answer: auth, the tenant split
// and the percent-encoding guard read paths the way the router does (HEAD runs GET, one trailing
// slash is ignored, a percent-encoded resource name is the resource).

import { describe, expect, test } from 'bun:test';
import { isOpenPath } from '../../src/http/auth.ts';
import { splitTenant } from '../../src/http/tenant.ts';
import { testRuntime, flowYaml, YAML } from '../helpers/runtime.ts';

const CREDENTIALS = { username: 'admin@kestra.io', password: 'Passw0rd!' };

describe('open paths under auth', () => {
  test('HEAD and a trailing slash of an open GET are open too; the webhook prefix opens only webhooks', async () => {
    expect(isOpenPath('HEAD', '/api/v1/configs')).toBe(true);
    expect(isOpenPath('GET', '/api/v1/configs/')).toBe(true);
    expect(isOpenPath('POST', '/api/v1/login/')).toBe(true);
    expect(isOpenPath('POST', '/api/v1/executions/webhook/ns/flow/key')).toBe(true);
    expect(isOpenPath('GET', '/api/v1/executions/webhook/ns/flow/key/more/path')).toBe(true);
    // the create-execution route of a namespace named `webhook` is no webhook
    expect(isOpenPath('POST', '/api/v1/executions/webhook/hello')).toBe(false);
    expect(isOpenPath('DELETE', '/api/v1/configs')).toBe(false);
    expect(isOpenPath('GET', '/api/v1/config%73')).toBe(true); // read decoded, as the router reads it
    expect(isOpenPath('POST', '/api/v1/executions/%77ebhook/ns/flow/key')).toBe(true);
    expect(isOpenPath('GET', '/api/v1%2Fconfigs')).toBe(false); // an encoded slash stays inside its segment

    const c = await testRuntime({ basicAuth: CREDENTIALS });
    expect((await c.call('HEAD', '/api/v1/configs')).status).toBe(200);
    expect((await c.call('GET', '/api/v1/configs/')).status).toBe(200);
    expect((await c.call('GET', '/api/v1/main/configs/')).status).toBe(200);
    expect((await c.call('POST', '/api/v1/executions/webhook/hello')).status).toBe(401);
    expect((await c.call('POST', '/api/v1/executions/webhook/ns/flow/key')).status).toBe(404); // past auth: no such flow
  });
});

describe('the tenant segment', () => {
  test('a top-level route with a trailing slash is the route, not a tenant; an encoded resource name is the resource', async () => {
    expect(splitTenant('/api/v1/openapi.json/')).toEqual({ tenant: 'main', path: '/api/v1/openapi.json/' });
    expect(splitTenant('/api/v1/flow%73/search')).toEqual({ tenant: 'main', path: '/api/v1/flow%73/search' });
    expect(splitTenant('/api/v1/t%202/flows/search')).toEqual({ tenant: 't 2', path: '/api/v1/flows/search' });

    const c = await testRuntime();
    await c.json('POST', '/api/v1/flows', { body: flowYaml('hello', 'company.team'), type: YAML });
    expect((await c.call('GET', '/api/v1/openapi.json/')).status).toBe(200);
    expect((await c.json('GET', '/api/v1/flow%73/search')).body.total).toBe(1);
  });

  test('a malformed percent-encoding in the tenant segment is a 400, as anywhere else in the path', async () => {
    const c = await testRuntime();
    const r = await c.json('GET', '/api/v1/t%E0%A4%A/flows/search');
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('Illegal path: malformed percent-encoding');
    expect(r.body._links.self.href).toBe('/api/v1/t%E0%A4%A/flows/search');
  });
});
