// kestra-lite/testing with mode: 'process' under Bun: a child `kestra-lite serve`, the code path
// Node users get.
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKestraLite } from '../../src/testing/index.ts';
import { serveArgs, planOf } from '../../src/testing/options.ts';
import { appCall, DAILY, logFlow, NOW, start } from './helpers.ts';

describe("startKestraLite({ mode: 'process' })", () => {
  test('a child serve with the fake clock, flows, a fault and the journal; stop() ends the process', async () => {
    const kl = await start({ mode: 'process', clock: 'fake', now: NOW, seed: 1, flows: [DAILY] });
    expect(kl.mode).toBe('process');
    await kl.advance('P7D');
    expect((await appCall(kl, 'GET', '/api/v1/executions/search?flowId=daily')).body.total).toBe(7);
    await kl.fault({ path: '/api/v1/flows/t/daily', status: 500 });
    expect((await appCall(kl, 'GET', '/api/v1/flows/t/daily')).status).toBe(500);
    expect((await kl.requests()).map((r) => r.status)).toEqual([200, 500]);
    await kl.stop();
    await expect(fetch(`${kl.url}/api/v1/configs`)).rejects.toThrow();
    await kl.stop(); // idempotent
  });

  test('a child that cannot start rejects with its error output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-bad-'));
    try {
      writeFileSync(join(dir, 'file'), 'not a directory');
      await expect(startKestraLite({ mode: 'process', memory: false, dataDir: join(dir, 'file') })).rejects.toThrow(/exited \(code 1\) before listening: kestra-lite: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the child ends with the process that started it, even when that one is killed (SIGKILL: no exit hook runs)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-parent-'));
    try {
      const script = join(dir, 'parent.ts');
      const harness = join(import.meta.dir, '../../src/testing/index.ts');
      writeFileSync(script, `import { startKestraLite } from ${JSON.stringify(harness)};\nconst kl = await startKestraLite({ mode: 'process' });\nconsole.log(kl.url);\nsetInterval(() => {}, 1000);\n`);
      const parent = Bun.spawn([process.execPath, script], { stdout: 'pipe', stderr: 'inherit' });
      const reader = parent.stdout.getReader();
      let out = '';
      while (!out.includes('\n')) out += new TextDecoder().decode((await reader.read()).value);
      const url = out.trim();
      expect((await fetch(`${url}/api/v1/configs`)).status).toBe(200);
      parent.kill('SIGKILL');
      await parent.exited;
      // the child sees its stdin close and stops: its port refuses connections within seconds
      const deadline = Date.now() + 10_000;
      let up = true;
      while (up && Date.now() < deadline) {
        up = await fetch(`${url}/api/v1/configs`).then(() => true, () => false);
        if (up) await new Promise((r) => setTimeout(r, 50)); // an external process: nothing to await but its port
      }
      expect(up).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the child runs headless, without a flows or fixtures directory, with only the chosen options', () => {
    expect(serveArgs(planOf({ clock: 'fake', now: NOW, seed: 3, basicAuth: 'a:b', fixtures: './fx', kestraVersion: '2.0' }))).toEqual([
      'serve', '--port', '0', '--no-dashboard', '--no-watch', '--quiet', '--exit-on-stdin-close', '--no-flows', '--clock', 'fake', '--fixtures', './fx', '--memory',
      '--now', '2025-01-01T00:00:00.000Z', '--seed', '3', '--basic-auth', 'a:b', '--kestra-version', '2.0',
    ]);
  });

  test('instances of both modes side by side stay apart', async () => {
    const a = await start({ mode: 'process', flows: [logFlow('a')] });
    const b = await start();
    await a.execute('t', 'a');
    expect((await appCall(b, 'GET', '/api/v1/executions/search')).body.total).toBe(0);
    expect((await appCall(a, 'GET', '/api/v1/executions/search')).body.total).toBe(1);
  });
});
