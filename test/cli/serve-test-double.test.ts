// `serve` as a test double: the admin flags parsed, and a real process on the fake clock that
// exports its state when stopped and imports it on the next start.
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, UsageError } from '../../src/cli/args.ts';

const ROOT = join(import.meta.dir, '..', '..');

async function startServe(args: string[]) {
  const proc = Bun.spawn([process.execPath, 'src/cli.ts', 'serve', '--port', '0', '--memory', '--no-dashboard', '--no-flows', ...args], {
    cwd: ROOT, stdout: 'pipe', stderr: 'pipe', env: { ...process.env, CI: 'true' },
  });
  const reader = proc.stdout.getReader();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited early: ${text} ${await new Response(proc.stderr).text()}`);
    text += new TextDecoder().decode(value);
    const m = /listening on (http:\/\/\S+)/.exec(text);
    if (m && text.includes('clock:')) return { proc, url: m[1]!, banner: () => text };
  }
}

describe('serve test-double flags', () => {
  test('are parsed and checked', () => {
    const s = parseArgs(['serve', '--clock', 'fake', '--now', '2025-01-01T00:00:00Z', '--seed', '3', '--import', 'in.json', '--export-on-exit=out.json', '--admin-token', 't', '--journal-size', '10']).serve;
    expect(s).toMatchObject({ clock: 'fake', now: '2025-01-01T00:00:00Z', seed: 3, importFile: 'in.json', exportOnExit: 'out.json', adminToken: 't', journalSize: 10 });
    for (const bad of [['--clock', 'slow'], ['--now', 'yesterday'], ['--now', '2025-01-01T00:00:00'], ['--seed', '-1'], ['--journal-size', 'x']]) {
      expect(() => parseArgs(['serve', ...bad])).toThrow(UsageError);
    }
  });

  test('--no-flows and --no-fixtures: no directories at all (flows written through the API stay in memory)', () => {
    const parsed = parseArgs(['serve', '--no-flows', '--no-fixtures']);
    expect(parsed.serve.flows).toBeNull();
    expect(parsed.fixtures).toBeNull();
  });

  test('a fake-clock server exports on exit; the next one imports it and answers the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-admin-'));
    const file = join(dir, 'state.json');
    try {
      const first = await startServe(['--clock', 'fake', '--now', '2025-03-01T00:00:00Z', '--seed', '5', '--admin-token', 'tok', '--export-on-exit', file]);
      expect(first.banner()).toContain('clock: fake, at 2025-03-01T00:00:00.000Z');
      const admin = { authorization: 'Bearer tok', 'content-type': 'application/json' };
      expect((await fetch(`${first.url}/_kestra-lite/clock`)).status).toBe(401);
      await fetch(`${first.url}/api/v1/flows`, { method: 'POST', headers: { 'content-type': 'application/x-yaml' }, body: 'id: a\nnamespace: t\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n' });
      const moved = await fetch(`${first.url}/_kestra-lite/clock/advance`, { method: 'POST', headers: admin, body: '{"duration":"PT1H"}' });
      expect(await moved.json()).toEqual({ now: '2025-03-01T01:00:00.000Z', mode: 'fake' });
      const run = await (await fetch(`${first.url}/api/v1/executions/t/a?wait=true`, { method: 'POST', body: new FormData() })).json() as { id: string };
      first.proc.kill('SIGTERM');
      expect(await first.proc.exited).toBe(0);
      expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('kestra-lite-state');

      const second = await startServe(['--clock', 'fake', '--import', file]);
      const again = await (await fetch(`${second.url}/api/v1/executions/${run.id}`)).json() as { state: { current: string; startDate: string } };
      expect(again.state.current).toBe('SUCCESS');
      expect(again.state.startDate).toBe('2025-03-01T01:00:00.000Z');
      second.proc.kill('SIGTERM');
      expect(await second.proc.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a refused import stops start-up with a message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-admin-'));
    try {
      const file = join(dir, 'bad.json');
      await Bun.write(file, '{"format":"kestra-lite-state","formatVersion":0}');
      const proc = Bun.spawn([process.execPath, 'src/cli.ts', 'serve', '--port', '0', '--memory', '--no-dashboard', '--import', file], { cwd: ROOT, stdout: 'pipe', stderr: 'pipe', env: { ...process.env, CI: 'true' } });
      expect(await proc.exited).toBe(1);
      expect(await new Response(proc.stderr).text()).toContain('format version 0 is not supported');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
