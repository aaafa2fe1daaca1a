// The serve-side choice: without a terminal (a pipe here) serve prints plain lines, even
// without --no-dashboard; --log-format json makes every line a JSON object.

import { describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, UsageError } from '../../src/cli/args.ts';

const ROOT = join(import.meta.dir, '..', '..');
const FLOW = 'id: hello\nnamespace: company.team\ntasks:\n  - id: say\n    type: io.kestra.plugin.core.log.Log\n    message: plain hello\n';

/** Reads stdout lines until `done` says so (the server keeps running). */
async function readUntil(proc: Bun.Subprocess<'ignore', 'pipe', 'pipe'>, done: (text: string) => boolean): Promise<string> {
  const reader = proc.stdout.getReader();
  let text = '';
  while (!done(text)) {
    const { value, done: eof } = await reader.read();
    if (eof) throw new Error(`server exited early: ${text}`);
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return text;
}

describe('serve without a terminal', () => {
  test('--log-format is parsed and checked', () => {
    expect(parseArgs(['serve', '--log-format', 'json']).serve.logFormat).toBe('json');
    expect(parseArgs(['serve', '--log-format=text']).serve.logFormat).toBe('text');
    expect(() => parseArgs(['serve', '--log-format', 'xml'])).toThrow(UsageError);
  });

  test('--quiet prints the banner and nothing per event', async () => {
    expect(parseArgs(['serve', '--quiet']).serve.quiet).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'kl-quiet-'));
    writeFileSync(join(dir, 'hello.yml'), FLOW);
    const proc = Bun.spawn([process.execPath, 'src/cli.ts', 'serve', '--port', '0', '--memory', '--flows', dir, '--quiet'], { cwd: ROOT, stdout: 'pipe', stderr: 'pipe', stdin: 'ignore' });
    try {
      const banner = await readUntil(proc, (t) => t.includes('basic auth:'));
      const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
      const res = await fetch(`${url}/api/v1/executions/company.team/hello?wait=true`, { method: 'POST' });
      expect(((await res.json()) as { state: { current: string } }).state.current).toBe('SUCCESS');
    } finally {
      proc.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
    // everything after the banner, up to the exit: no flow, execution or log line
    const reader = proc.stdout.getReader();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).not.toContain('plain hello');
    expect(rest).not.toContain('SUCCESS');
  });

  for (const format of ['text', 'json'] as const) {
    test(`piped stdout gets plain ${format} lines: banner, execution state changes, log lines`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kl-plain-'));
      writeFileSync(join(dir, 'hello.yml'), FLOW);
      const env = { ...process.env };
      delete env.CI; // not CI: the pipe alone must select plain output
      const proc = Bun.spawn([process.execPath, 'src/cli.ts', 'serve', '--port', '0', '--memory', '--flows', dir, '--log-format', format], { cwd: ROOT, stdout: 'pipe', stderr: 'pipe', stdin: 'ignore', env });
      try {
        const banner = await readUntil(proc, (t) => /listening on http:\/\/\S+?(?=["\s])/.test(t) && t.includes('\n'));
        const url = /listening on (http:\/\/[^"\s]+)/.exec(banner)![1]!;
        const res = await fetch(`${url}/api/v1/executions/company.team/hello?wait=true`, { method: 'POST' });
        const { id } = (await res.json()) as { id: string };
        const text = banner + await readUntil(proc, (t) => t.includes(`${id}`) && t.includes('SUCCESS') && t.includes('plain hello'));
        const lines = text.trim().split('\n');
        if (format === 'json') {
          const objects = lines.map((l) => JSON.parse(l));
          expect(objects[0]).toMatchObject({ event: 'server.started', url, storage: 'memory', basicAuth: 'off' });
          expect(objects).toContainEqual(expect.objectContaining({ event: 'log', executionId: id, taskId: 'say', message: 'plain hello', level: 'INFO' }));
          expect(objects).toContainEqual(expect.objectContaining({ event: 'execution', executionId: id, state: 'SUCCESS' }));
        } else {
          expect(text).toContain('basic auth: off');
          expect(lines.some((l) => / INFO  company\.team\.hello \S+ say: plain hello$/.test(l))).toBe(true);
          expect(lines.some((l) => l.endsWith(`execution ${id} company.team.hello SUCCESS`))).toBe(true);
        }
      } finally {
        proc.kill('SIGTERM');
        expect(await proc.exited).toBe(0);
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
