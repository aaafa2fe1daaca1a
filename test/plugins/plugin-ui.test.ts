// The 2.0 plugin-UI routes: the core plugin ships no UI modules or resources.

import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';

describe('POST /plugins/pluginUiManifest', () => {
  for (const prefix of ['/api/v1', '/api/v1/main', '/api/v1/t2']) {
    test(`an empty manifest for core classes (${prefix})`, async () => {
      const c = await testRuntime();
      const { status, body } = await c.json('POST', `${prefix}/plugins/pluginUiManifest`, { body: [{ cls: 'io.kestra.plugin.core.log.Log', version: '0.21.0' }] });
      expect(status).toBe(200);
      expect(body).toEqual({ manifest: {} });
    });
  }

  test('a body that is not a list of classes is a 422', async () => {
    const c = await testRuntime();
    expect((await c.json('POST', '/api/v1/plugins/pluginUiManifest', { body: { cls: 'x' } })).status).toBe(422);
    expect((await c.json('POST', '/api/v1/plugins/pluginUiManifest', { body: '[1', type: 'application/json' })).status).toBe(422);
  });
});

describe('GET /plugins/{group}/pluginUi/{path}', () => {
  test('no group has UI resources: 404', async () => {
    const c = await testRuntime();
    const { status, body } = await c.json('GET', '/api/v1/plugins/io.kestra.plugin.core/pluginUi/index.js');
    expect(status).toBe(404);
    expect(body.message).toBe('Not Found');
    expect((await c.json('GET', '/api/v1/main/plugins/io.kestra.plugin.core/pluginUi/assets/app.css')).status).toBe(404);
  });

  test('a path escaping the plugin folder is a 400', async () => {
    const c = await testRuntime();
    expect((await c.json('GET', '/api/v1/plugins/io.kestra.plugin.core/pluginUi/a/..%2F..%2Fsecret')).status).toBe(400);
  });
});
