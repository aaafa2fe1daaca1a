// `kestra-lite run FILE.yml` as a user runs it: a real process, real exit codes.
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dir, '..', '..');
const run = (...args: string[]) => Bun.spawnSync([process.execPath, 'src/cli.ts', 'run', ...args], { cwd: ROOT, env: { ...process.env, CI: 'true' } });

describe('kestra-lite run', () => {
  test('runs a flow with inputs, prints its logs and outputs, exits 0', () => {
    const r = run('flows/tutorial/hello-world.yml', '--input', 'name=Ada');
    expect(r.exitCode).toBe(0);
    const out = r.stdout.toString();
    expect(out).toContain('[greet] Hello, Ada!');
    expect(out).toContain('ended SUCCESS');
    expect(out).toContain('"greeting":"greeted Ada"');
  });

  test('a flow mocked by a fixture runs end to end', () => {
    const r = run('flows/company/team/daily-report.yml');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.toString()).toContain('Report ready with 42 rows');
  });

  test('a failing flow exits 1; an invalid flow or input exits 2 with the message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-run-'));
    try {
      writeFileSync(join(dir, 'fail.yml'), 'id: f\nnamespace: t\ntasks:\n  - id: boom\n    type: io.kestra.plugin.core.execution.Fail\n    errorMessage: it broke\n');
      const failed = run(join(dir, 'fail.yml'));
      expect(failed.exitCode).toBe(1);
      expect(failed.stdout.toString()).toContain('it broke');
      expect(failed.stdout.toString()).toContain('ended FAILED');

      writeFileSync(join(dir, 'bad.yml'), 'id: bad\nnamespace: t\ntasks: []\n');
      const bad = run(join(dir, 'bad.yml'));
      expect(bad.exitCode).toBe(2);
      expect(bad.stdout.toString()).toContain('Invalid entity');

      writeFileSync(join(dir, 'typed.yml'), 'id: typed\nnamespace: t\ninputs:\n  - id: n\n    type: INT\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ inputs.n }}"\n');
      const badInput = run(join(dir, 'typed.yml'), '--input', 'n=abc');
      expect(badInput.exitCode).toBe(2);
      expect(badInput.stdout.toString()).toContain('Invalid input for `n`');
      expect(run(join(dir, 'missing.yml')).exitCode).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
