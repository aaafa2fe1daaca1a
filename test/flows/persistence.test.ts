import { describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flowYaml, testRuntime, YAML } from '../helpers/runtime.ts';

describe('persisted mode', () => {
  test('flows and every revision survive a restart; numbering continues', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-persist-'));
    try {
      const first = await testRuntime({ memory: false, dataDir: dir });
      await first.json('POST', '/api/v1/flows', { body: flowYaml('a'), type: YAML });
      await first.json('PUT', '/api/v1/flows/company.team/a', { body: flowYaml('a', 'company.team', 'description: two\n'), type: YAML });
      await first.json('POST', '/api/v1/acme/flows', { body: flowYaml('t'), type: YAML });
      await first.json('POST', '/api/v1/flows', { body: flowYaml('gone'), type: YAML });
      await first.call('DELETE', '/api/v1/flows/company.team/gone');
      await first.rt.dispose();

      const second = await testRuntime({ memory: false, dataDir: dir });
      const a = await second.json('GET', '/api/v1/flows/company.team/a?source=true');
      expect(a.body).toMatchObject({ revision: 2, description: 'two' });
      expect((await second.json('GET', '/api/v1/flows/company.team/a/revisions')).body.map((r: any) => r.revision)).toEqual([1, 2]);
      expect((await second.json('GET', '/api/v1/acme/flows/company.team/t')).status).toBe(200);
      expect((await second.json('GET', '/api/v1/flows/company.team/gone')).status).toBe(404);
      expect((await second.json('POST', '/api/v1/flows', { body: flowYaml('gone'), type: YAML })).body.revision).toBe(3);
      const updated = await second.json('PUT', '/api/v1/flows/company.team/a', { body: flowYaml('a', 'company.team', 'description: three\n'), type: YAML });
      expect(updated.body.revision).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('memory mode writes nothing to disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-mem-'));
    try {
      const c = await testRuntime({ memory: true, dataDir: join(dir, 'data') });
      await c.json('POST', '/api/v1/flows', { body: flowYaml('a'), type: YAML });
      const { existsSync } = await import('node:fs');
      expect(existsSync(join(dir, 'data'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
