// `--kestra-version`, `KESTRA_LITE_KESTRA_VERSION` and the `kestraVersion` runtime option: 0.21 by
// default, 2.0 on demand, anything else refused with the supported list (exit code 2 at the CLI).

import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { parseArgs, UsageError } from '../../src/cli/args.ts';
import { resolveConfig } from '../../src/config.ts';
import { createRuntime } from '../../src/runtime.ts';
import { envSettings } from '../../src/shared/env.ts';
import { UnsupportedKestraVersionError } from '../../src/shared/kestra-version.ts';
import { testRuntime } from '../helpers/runtime.ts';

const ROOT = join(import.meta.dir, '../..');

describe('choosing the Kestra version', () => {
  test('0.21 is the default; 2.0 is taken from the option', async () => {
    expect(resolveConfig({}).kestraVersion).toBe('0.21');
    expect(resolveConfig({ kestraVersion: '2.0' }).kestraVersion).toBe('2.0');
    expect((await testRuntime()).rt.config.kestraVersion).toBe('0.21');
    expect((await testRuntime({ kestraVersion: '2.0' })).rt.config.kestraVersion).toBe('2.0');
  });

  test('the runtime factory refuses an unknown version with a typed error naming the supported ones', async () => {
    const made = createRuntime({ memory: true, flowsDir: null, kestraVersion: '1.5' as never });
    await expect(made).rejects.toBeInstanceOf(UnsupportedKestraVersionError);
    await expect(made).rejects.toThrow("unsupported Kestra version '1.5': supported versions are 0.21, 2.0");
  });

  test('the flag is parsed, and an unknown value is a usage error', () => {
    expect(parseArgs(['serve', '--kestra-version', '2.0']).serve.kestraVersion).toBe('2.0');
    expect(parseArgs(['serve', '--kestra-version=0.21']).serve.kestraVersion).toBe('0.21');
    expect(parseArgs(['serve']).serve.kestraVersion).toBeUndefined();
    expect(() => parseArgs(['serve', '--kestra-version', '2'])).toThrow(UsageError);
    expect(() => parseArgs(['serve', '--kestra-version', '2'])).toThrow("supported versions are 0.21, 2.0");
    expect(() => parseArgs(['serve', '--kestra-version'])).toThrow('--kestra-version needs a value');
  });

  test('the environment variable is read by envSettings', () => {
    expect(envSettings({ KESTRA_LITE_KESTRA_VERSION: '2.0' }).kestraVersion).toBe('2.0');
    expect(envSettings({ KESTRA_LITE_KESTRA_VERSION: ' ' }).kestraVersion).toBeUndefined();
    expect(envSettings({}).kestraVersion).toBeUndefined();
  });
});

describe('kestra-lite serve refuses an unknown version at start with exit code 2', () => {
  const serve = async (args: string[], env: Record<string, string> = {}) => {
    const proc = Bun.spawn([process.execPath, 'src/cli.ts', 'serve', '--port', '0', '--memory', '--no-dashboard', '--flows', join(ROOT, 'flows'), ...args], {
      cwd: ROOT, env: { ...process.env, CI: 'true', ...env }, stdout: 'pipe', stderr: 'pipe',
    });
    const code = await proc.exited;
    return { code, stderr: await new Response(proc.stderr).text() };
  };

  test('from the flag', async () => {
    const r = await serve(['--kestra-version', '1.3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--kestra-version: unsupported Kestra version '1.3': supported versions are 0.21, 2.0");
  });

  test('from KESTRA_LITE_KESTRA_VERSION', async () => {
    const r = await serve([], { KESTRA_LITE_KESTRA_VERSION: 'latest' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("kestra-lite: unsupported Kestra version 'latest': supported versions are 0.21, 2.0");
  });
});
