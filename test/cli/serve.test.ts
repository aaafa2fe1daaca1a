// The CLI as external tools drive it: a real process, real socket, signals.
import { describe, expect, test } from 'bun:test';
import { parseArgs } from '../../src/cli/args.ts';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dir, '..', '..');

/** Starts a server process and resolves with its URL once the start-up banner is printed. */
async function startServe(cmd: string[], cwd = ROOT) {
  const proc = Bun.spawn(cmd, { cwd, stdout: 'pipe', stderr: 'pipe', env: { ...process.env, CI: 'true' } });
  const reader = proc.stdout.getReader();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited early: ${text} ${await new Response(proc.stderr).text()}`);
    text += new TextDecoder().decode(value);
    const m = /listening on (http:\/\/\S+)/.exec(text);
    if (m && text.includes('basic auth:')) return { proc, url: m[1]!, banner: () => text, reader };
  }
}

describe('kestra-lite serve (source)', () => {
  test('the exact flags external tools use; prints URL, flows dir, storage; SIGTERM exits 0', async () => {
    const flows = mkdtempSync(join(tmpdir(), 'kl-cli-'));
    writeFileSync(join(flows, 'a.yml'), 'id: a\nnamespace: cli.test\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n');
    try {
      const { proc, url, banner } = await startServe([process.execPath, 'src/cli.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--flows', flows, '--memory', '--no-dashboard', '--basic-auth', 'u@x.io:p']);
      expect(banner()).toContain(flows);
      expect(banner()).toContain('in memory');
      expect((await fetch(`${url}/api/v1/configs`)).status).toBe(200);
      expect((await fetch(`${url}/api/v1/flows/cli.test/a`)).status).toBe(401);
      const ok = await fetch(`${url}/api/v1/flows/cli.test/a`, { headers: { authorization: `Basic ${btoa('u@x.io:p')}` } });
      expect(ok.status).toBe(200);
      proc.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
    } finally {
      rmSync(flows, { recursive: true, force: true });
    }
  });

  test('SIGINT also exits 0; persisted storage is flushed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-cli-data-'));
    try {
      const { proc, url } = await startServe([process.execPath, 'src/cli.ts', 'serve', '--port', '0', '--flows', join(dir, 'flows'), '--data', join(dir, 'data'), '--no-dashboard']);
      const created = await fetch(`${url}/api/v1/flows`, { method: 'POST', headers: { 'content-type': 'application/x-yaml' }, body: 'id: kept\nnamespace: cli.test\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n' });
      expect(created.status).toBe(200);
      proc.kill('SIGINT');
      expect(await proc.exited).toBe(0);
      expect(existsSync(join(dir, 'data', 'kestra-lite.db'))).toBe(true);
      expect(existsSync(join(dir, 'flows', 'cli.test.kept.yml'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a write the API acknowledged survives kill -9', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-cli-kill-'));
    const args = [process.execPath, 'src/cli.ts', 'serve', '--port', '0', '--flows', join(dir, 'flows'), '--data', join(dir, 'data'), '--no-dashboard', '--no-watch'];
    try {
      const first = await startServe(args);
      const body = 'id: durable\nnamespace: cli.test\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n';
      expect((await fetch(`${first.url}/api/v1/flows`, { method: 'POST', headers: { 'content-type': 'application/x-yaml' }, body })).status).toBe(200);
      expect((await fetch(`${first.url}/api/v1/flows/cli.test/durable`, { method: 'PUT', headers: { 'content-type': 'application/x-yaml' }, body: body + 'description: v2\n' })).status).toBe(200);
      first.proc.kill('SIGKILL');
      await first.proc.exited;
      const second = await startServe(args);
      const res = await fetch(`${second.url}/api/v1/flows/cli.test/durable`);
      expect(await res.json()).toMatchObject({ revision: 2, description: 'v2' });
      second.proc.kill('SIGTERM');
      expect(await second.proc.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--help, --version and bad flags', async () => {
    const help = Bun.spawnSync([process.execPath, 'src/cli.ts', '--help'], { cwd: ROOT });
    expect(help.exitCode).toBe(0);
    expect(help.stdout.toString()).toContain('--basic-auth');
    const version = Bun.spawnSync([process.execPath, 'src/cli.ts', '--version'], { cwd: ROOT });
    expect(version.stdout.toString().trim()).toMatch(/^\d+\.\d+\.\d+/);
    const bad = Bun.spawnSync([process.execPath, 'src/cli.ts', 'serve', '--port', 'abc'], { cwd: ROOT });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.toString()).toContain('--port');
  });

  test('--time-zone sets the zone of date buckets; an unknown zone stops the start with its name', async () => {
    expect(parseArgs(['serve', '--time-zone', 'Europe/Paris']).serve.timeZone).toBe('Europe/Paris');
    const unknown = Bun.spawnSync([process.execPath, 'src/cli.ts', 'serve', '--port', '0', '--memory', '--no-flows', '--no-dashboard', '--time-zone', 'Mars/Olympus'], { cwd: ROOT });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr.toString()).toContain("timeZone: unknown time zone 'Mars/Olympus'");
  });
});

describe('the compiled binary', () => {
  test('bun run build makes dist/kestra-lite, which serves a 200 with no node_modules beside it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kl-bin-'));
    try {
      const bin = join(out, 'kestra-lite');
      // what `npm run build` runs (package.json), into a temp dir
      const build = Bun.spawnSync([process.execPath, 'scripts/build.ts', '--outfile', bin], { cwd: ROOT });
      expect(build.exitCode).toBe(0);
      // run it from an empty directory so nothing can be resolved from the source tree
      const { proc, url } = await startServe([bin, 'serve', '--port', '0', '--memory', '--no-dashboard', '--flows', join(out, 'flows')], out);
      expect((await fetch(`${url}/api/v1/configs`)).status).toBe(200);
      proc.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
