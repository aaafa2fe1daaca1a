// End to end in a real pseudo-terminal: `serve` under tmux draws the dashboard; a flow run via
// the API and one via the `x` key appear, turn SUCCESS and show their log line; `q` exits 0.

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dir, '..', '..');
const TMUX = Bun.which('tmux');
const SOCKET = `kl-e2e-${process.pid}`;
const FLOW = 'id: hello\nnamespace: company.team\ntasks:\n  - id: say\n    type: io.kestra.plugin.core.log.Log\n    message: hello from the terminal\n';

function tmux(...args: string[]): string {
  const r = Bun.spawnSync([TMUX!, '-L', SOCKET, '-f', '/dev/null', ...args], { stdout: 'pipe', stderr: 'pipe' });
  if (r.exitCode !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr.toString()}`);
  return r.stdout.toString();
}

const screen = () => tmux('capture-pane', '-p', '-t', 'kl');

/**
 * How the pane's process ended: tmux prints "Pane is dead (status N)" once it reaped it, but
 * tmux 3.3 sometimes leaves it a zombie unreaped; Linux then still tells its exit code.
 */
function exitOf(pid: number, text: string): string | undefined {
  const shown = /Pane is dead \((status \d+|signal \d+)/.exec(text)?.[1];
  if (shown) return shown;
  let stat = '';
  try { stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { return undefined; }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] !== 'Z') return undefined;
  const code = Number(fields.at(-1)); // field 52, exit_code, as waitpid() would report it
  return code & 0x7f ? `signal ${code & 0x7f}` : `status ${code >> 8}`;
}

/** Polls the terminal (an external process: polling is the only way) until `check` matches. */
async function waitForScreen<T>(check: (text: string) => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < end) {
    text = screen();
    const v = check(text);
    if (v) return v;
    await Bun.sleep(50);
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
}

// tmux comes from `npm test` (its pretest step installs it when missing) and from .ci/run
describe('serve with the dashboard in a real terminal (tmux)', () => {
  let dir = '';
  beforeAll(() => {
    if (!TMUX) throw new Error('tmux is required for this test: `npm test` installs it, or run apt-get install tmux');
    dir = mkdtempSync(join(tmpdir(), 'kl-tty-'));
    writeFileSync(join(dir, 'hello.yml'), FLOW);
    // CI=true would (rightly) select plain output: the dashboard is what is under test here
    const cmd = `env -u CI -u CONTINUOUS_INTEGRATION '${process.execPath}' src/cli.ts serve --port 0 --memory --flows '${dir}'`;
    tmux('start-server', ';', 'set-option', '-g', 'remain-on-exit', 'on', ';', 'new-session', '-d', '-s', 'kl', '-x', '100', '-y', '30', '-c', ROOT, cmd);
  });
  afterAll(() => {
    try { tmux('kill-server'); } catch { /* already gone */ }
    rmSync(dir, { recursive: true, force: true });
  });

  test('an execution appears, turns SUCCESS and shows its log line; q quits with status 0', async () => {
    const url = await waitForScreen((s) => /http:\/\/127\.0\.0\.1:\d+/.exec(s)?.[0], 'the URL in the header');
    await waitForScreen((s) => s.includes('company.team.hello'), 'the flow in the flows list');

    const res = await fetch(`${url}/api/v1/executions/company.team/hello`, { method: 'POST' });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const row = await waitForScreen((s) => s.split('\n').find((l) => l.includes(id.slice(0, 7)) && l.includes('SUCCESS')), `execution ${id} SUCCESS`);
    expect(row).toContain('1/1');
    await waitForScreen((s) => s.includes('hello from the terminal'), 'its log line');

    // the same from the keyboard: x runs the flow (it has no inputs)
    tmux('send-keys', '-t', 'kl', 'x');
    const started = await waitForScreen((s) => /started company\.team\.hello as (\w+)/.exec(s)?.[1], 'the started message');
    await waitForScreen((s) => s.split('\n').some((l) => l.includes(started.slice(0, 7)) && l.includes('SUCCESS')) && s.includes('succeeded 2'), 'the second execution SUCCESS');

    const pid = Number(tmux('display-message', '-p', '-t', 'kl', '#{pane_pid}').trim());
    tmux('send-keys', '-t', 'kl', 'q');
    const status = await waitForScreen((s) => exitOf(pid, s), 'the process to exit', 10_000);
    expect(status).toBe('status 0');
    // the terminal is given back: the alternate screen is gone
    expect(screen()).not.toContain('Executions');
  }, 60_000);
});
