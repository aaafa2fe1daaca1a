// Every place the server states a Kestra version answers the release of its mode, from one source
// (shared/kestra-version.ts): `/configs`, `/usages/all`, the core plugin in `/plugins`, its
// sub-groups and manifests, `/plugins/{cls}/versions[/{version}]`, the API reference.

import { describe, expect, test } from 'bun:test';
import { KESTRA_RELEASES, type KestraVersion } from '../../src/shared/kestra-version.ts';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';

const LOG = 'io.kestra.plugin.core.log.Log';

/** every Kestra version the server states, by where it stated it */
async function statedVersions(c: TestClient): Promise<Record<string, unknown>> {
  const get = async (path: string) => (await c.json('GET', path)).body;
  const configs = await get('/api/v1/configs');
  const usages = await get('/api/v1/main/usages/all');
  const plugins = await get('/api/v1/plugins');
  const core = Array.isArray(plugins) ? plugins[0] : plugins.results[0];
  const groups = await get('/api/v1/plugins/groups/subgroups');
  const reference = await get('/api/v1/openapi.json');
  return {
    configs: configs.version,
    usages: usages.version,
    usagesPlugin: usages.plugins[0].manifest['X-Kestra-Version'],
    plugin: core.version,
    pluginManifest: core.manifest['X-Kestra-Version'],
    subgroups: [...new Set(groups.flatMap((g: { version: string; manifest: Record<string, string> }) => [g.version, g.manifest['X-Kestra-Version']]))],
    classVersions: (await get(`/api/v1/plugins/${LOG}/versions`)).versions,
    reference: reference.info['x-kestra-version'],
  };
}

describe.each(['0.21', '2.0'] as const)('--kestra-version %s', (mode: KestraVersion) => {
  const release = KESTRA_RELEASES[mode];

  test(`states ${release} everywhere`, async () => {
    const c = await testRuntime({ kestraVersion: mode });
    expect(await statedVersions(c)).toEqual({
      configs: release, usages: release, usagesPlugin: release, plugin: release, pluginManifest: release,
      subgroups: [release], classVersions: [release], reference: release,
    });
  });

  test('the documentation of a class is served for its own version (and latest) only', async () => {
    const c = await testRuntime({ kestraVersion: mode });
    for (const version of [release, 'latest']) expect((await c.json('GET', `/api/v1/plugins/${LOG}/versions/${version}`)).status).toBe(200);
    const other = KESTRA_RELEASES[mode === '2.0' ? '0.21' : '2.0'];
    expect((await c.json('GET', `/api/v1/plugins/${LOG}/versions/${other}`)).status).toBe(404);
  });
});

test('2.0 mode lists 2.0 input types: BOOL, no ENUM or BOOLEAN', async () => {
  const types = async (mode: KestraVersion) =>
    ((await (await testRuntime({ kestraVersion: mode })).json('GET', '/api/v1/plugins/inputs')).body as { type: string }[]).map((t) => t.type);
  const v2 = await types('2.0');
  expect(v2).toContain('BOOL');
  for (const gone of ['ENUM', 'BOOLEAN']) expect(v2).not.toContain(gone);
  expect(await types('0.21')).toContain('BOOLEAN');
});
