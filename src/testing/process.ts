// The child-process backend (the only one under Node): `kestra-lite serve --port 0 ...` on Bun,
// ready when its banner names the URL. The child is unref'd (a test run that forgets `stop()`
// still ends) and ends with this process: it stops when its stdin pipe, held here, closes — which
// the OS does however this process ends (`bun test` emits no 'exit' event, SIGKILL none at all).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findBun } from './bun-path.ts';
import { serveArgs, type StartPlan } from './options.ts';
import type { Started } from './start.ts';

const BANNER = /listening on (http:\/\/\S+)/;
const STOP_GRACE_MS = 5_000;
const live = new Set<ChildProcess>();
let exitHook = false;

/** the prebuilt CLI bundle next to a compiled harness (dist/cli/cli.js), else the TypeScript source */
export function cliEntry(): string {
  for (const candidate of ['../cli/cli.js', '../cli.ts', '../../src/cli.ts']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('kestra-lite: cannot find its CLI (src/cli.ts) next to the harness');
}

function killAllOnExit() {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => { for (const child of live) child.kill('SIGKILL'); });
}

/** only what Bun needs from this environment, plus the options' env: the runtime sees no stray KESTRA_LITE_* settings */
function childEnv(plan: StartPlan): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'SYSTEMROOT', 'USERPROFILE', 'LANG', 'TZ'];
  const env: Record<string, string> = {};
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name]!;
  return { ...env, ...plan.env, CI: 'true', NO_COLOR: '1' };
}

export function startProcess(plan: StartPlan): Promise<Started> {
  const bun = findBun(import.meta.url);
  const child = spawn(bun, [cliEntry(), ...serveArgs(plan)], { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv(plan) });
  killAllOnExit();
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => { live.delete(child); resolve(); }));
  let stderr = '';
  let stdout = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr = (stderr + chunk).slice(-8192); });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
  };

  return new Promise<Started>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`kestra-lite did not start within ${plan.startTimeoutMs} ms (${bun})${stderr ? `: ${stderr.trim()}` : ''}`));
    }, plan.startTimeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start kestra-lite with ${bun}: ${err.message} (install the 'bun' package or set KESTRA_LITE_BUN)`));
    });
    // 'close', not 'exit': it comes once stdout and stderr are drained, so the error output is all there
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`kestra-lite exited (code ${code}) before listening: ${stderr.trim() || stdout.trim() || 'no output'}`));
    });
    child.stdout!.setEncoding('utf8').on('data', function onData(chunk: string) {
      stdout += chunk;
      const m = BANNER.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData).resume(); // keep draining: a full pipe would block the server
      child.unref();
      for (const pipe of [child.stdin, child.stdout, child.stderr]) (pipe as unknown as { unref?: () => void }).unref?.();
      resolve({ url: m[1]!, stop });
    });
  });
}
