// Plugin icons: the class map (classes and aliases), the group map, one class as JSON (2.0)
// and as raw SVG (2.0).

import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';

const PREFIXES = ['/api/v1', '/api/v1/main', '/api/v1/t2'];
const LOG = 'io.kestra.plugin.core.log.Log';
const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

describe('GET /plugins/icons', () => {
  for (const prefix of PREFIXES) {
    test(`every class and alias with a base64 SVG (${prefix})`, async () => {
      const c = await testRuntime();
      const { status, body, res } = await c.json('GET', `${prefix}/plugins/icons`);
      expect(status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
      expect(body[LOG]).toMatchObject({ name: 'Log', flowable: false });
      expect(decode(body[LOG].icon)).toStartWith('<svg');
      expect(body['io.kestra.plugin.core.flow.Parallel'].flowable).toBe(true);
      expect(body['io.kestra.plugin.core.trigger.Schedule'].flowable).toBe(false);
      expect(body['io.kestra.plugin.core.condition.ExecutionStatus']).toBeDefined();
      expect(body['io.kestra.plugin.core.runner.Process']).toBeDefined();
      // an alias carries its own simple name and its target's icon
      expect(body['io.kestra.core.tasks.log.Log']).toMatchObject({ name: 'Log', icon: body[LOG].icon });
      expect(body['io.kestra.core.tasks.flows.Parallel'].flowable).toBe(true);
      // kinds get different shapes
      expect(body[LOG].icon).not.toBe(body['io.kestra.plugin.core.trigger.Schedule'].icon);
    });
  }
});

describe('GET /plugins/icons/groups', () => {
  test('the core group and its sub-groups', async () => {
    const c = await testRuntime();
    const { status, body } = await c.json('GET', '/api/v1/main/plugins/icons/groups');
    expect(status).toBe(200);
    expect(body['io.kestra.plugin.core']).toMatchObject({ name: 'plugin-icon', flowable: false });
    expect(body['io.kestra.plugin.core.flow'].name).toBe('plugin-icon');
    expect(decode(body['io.kestra.plugin.core'].icon)).toContain('<svg');
  });
});

describe('GET /plugins/icons/{cls}', () => {
  for (const prefix of PREFIXES) {
    test(`one class's icon, a group's, or none (${prefix})`, async () => {
      const c = await testRuntime();
      const log = await c.json('GET', `${prefix}/plugins/icons/${LOG}`);
      expect(log.status).toBe(200);
      expect(log.body.icon).toMatchObject({ name: 'Log', flowable: false, monochrome: true });
      expect(log.body.icon.hash).toMatch(/^[0-9a-f]{16}$/);
      expect((await c.json('GET', `${prefix}/plugins/icons/io.kestra.plugin.core`)).body.icon.name).toBe('plugin-icon');
      const unknown = await c.json('GET', `${prefix}/plugins/icons/com.example.Nope`);
      expect(unknown.status).toBe(200);
      expect(unknown.body).toEqual({});
    });
  }
});

describe('GET /plugins/icons/{cls}/icon.svg', () => {
  test('the raw SVG, cacheable for good', async () => {
    const c = await testRuntime();
    const res = await c.call('GET', `/api/v1/plugins/icons/${LOG}/icon.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const svg = await res.text();
    expect(svg).toStartWith('<svg xmlns="http://www.w3.org/2000/svg"');
    const json = await c.json('GET', `/api/v1/plugins/icons/${LOG}`);
    expect(decode(json.body.icon.icon)).toBe(svg);
  });

  test('an alias and a group have one; an unknown class is a 404', async () => {
    const c = await testRuntime();
    expect((await c.call('GET', '/api/v1/t2/plugins/icons/io.kestra.core.tasks.log.Log/icon.svg')).status).toBe(200);
    expect((await c.call('GET', '/api/v1/plugins/icons/io.kestra.plugin.core/icon.svg')).status).toBe(200);
    const unknown = await c.json('GET', '/api/v1/plugins/icons/com.example.Nope/icon.svg');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Not Found');
  });
});
