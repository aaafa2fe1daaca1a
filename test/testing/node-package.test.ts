// The npm package as a Node user gets it: `npm pack` (its prepack builds dist/), `npm install` of
// the tarball into an empty project (dependencies from npm's cache when it has them, else the
// registry), then `npx kestra-lite --version` and `node --test` with the harness.
import { afterAll, expect, test } from 'bun:test';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VERSION } from '../../src/version.ts';

const ROOT = join(import.meta.dir, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'kl-npm-'));
// ~200 MB (Bun's binary): removed in the background, deleting it takes seconds on slow disks
afterAll(() => { Bun.spawn(['rm', '-rf', work], { stdout: 'ignore', stderr: 'ignore' }).unref(); });

async function run(cmd: string[], cwd: string): Promise<string> {
  const proc = Bun.spawn(cmd, { cwd, stdout: 'pipe', stderr: 'pipe', env: { ...process.env, CI: 'true', npm_config_loglevel: 'error', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`${cmd.join(' ')} exited ${code}:\n${out}\n${err}`);
  return out;
}

test('npm pack → npm install → npx kestra-lite --version and node --test with kestra-lite/testing', async () => {
  await run(['npm', 'pack', '--pack-destination', work], ROOT);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  await run(['npm', 'install', '--prefer-offline', '--no-package-lock', join(work, tarball)], app);
  expect((await run(['npx', '--no-install', 'kestra-lite', '--version'], app)).trim()).toBe(VERSION);
  copyFileSync(join(import.meta.dir, 'node', 'harness.node.mjs'), join(app, 'harness.test.mjs'));
  const report = await run(['node', '--test', '--test-reporter=tap', 'harness.test.mjs'], app);
  expect(report).toContain('# pass 4');
  expect(report).toContain('# fail 0');
}, 120_000);
