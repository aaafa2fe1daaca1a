// `bun run build` = `bun scripts/build.ts [--outfile dist/kestra-lite]`: the single-file binary.
//
// Three choices keep its start-up close to a bare Bun.serve binary (bench/startup.ts measures it):
// - bytecode: no parsing at start (without it, parsing the bundle alone takes ~80 ms);
// - code splitting: a dynamic `import()` (the dashboard, each CLI command) becomes its own chunk
//   inside the binary. In one flat bundle every `import … from 'node:…'` of every module is
//   hoisted to the start, so `serve --no-dashboard` paid for Ink's tty, child_process, util and
//   url modules (~10 MB RSS, ~6 ms) although it never draws;
// - profile-guided bytecode layout: a first build is started once (serve, answer one request,
//   stop) with BUN_BYTECODE_ORDER_OUT, and the final build puts the functions that run used at
//   the front of the binary, so start-up touches fewer pages (~4 MB RSS). If recording fails the
//   first build is kept: the layout is an optimisation, never a reason for a failed build.
//   Bun's docs for the flag: https://bun.com/reference/bun/CompileBuildOptions/bytecodeOrder
// - a start-up JIT policy (`--compile-jit-policy`): JavaScriptCore compiles less of the run-once
//   start-up code (~15 ms, ~6 MB RSS); `serve` and `run` restore the normal policy once they are
//   interactive (src/cli/jit.ts).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = join(import.meta.dir, '..');
/** tier-up thresholds ×100 until `interactive()` (src/cli/jit.ts) restores them: measured best of 1/10/100 */
const START_JIT_POLICY = 100;

async function compile(outfile: string, bytecodeOrder?: string): Promise<void> {
  const args = ['build', join(ROOT, 'src/cli.ts'), '--compile', '--bytecode', '--splitting', '--format=esm',
    '--define', 'process.env.NODE_ENV="production"', '--outfile', outfile];
  if (bytecodeOrder) args.push('--bytecode-order', bytecodeOrder);
  args.push('--compile-jit-policy', String(START_JIT_POLICY));
  const proc = Bun.spawn([process.execPath, ...args], { cwd: ROOT, stdout: 'inherit', stderr: 'inherit' });
  if ((await proc.exited) !== 0) throw new Error(`bun ${args.join(' ')} failed`);
}

/** Starts the binary the way most runs do and records which functions it used; undefined on failure. */
async function recordOrder(bin: string, work: string): Promise<string | undefined> {
  const order = join(work, 'bytecode-order.txt');
  const proc = Bun.spawn([bin, 'serve', '--port', '0', '--host', '127.0.0.1', '--memory', '--no-dashboard', '--flows', join(work, 'flows')], {
    cwd: work, env: { ...process.env, CI: 'true', BUN_BYTECODE_ORDER_OUT: order }, stdout: 'pipe', stderr: 'inherit',
  });
  const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
  try {
    let text = '';
    const decoder = new TextDecoder();
    for await (const chunk of proc.stdout) {
      text += decoder.decode(chunk);
      const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
      if (!url) continue;
      await (await fetch(`${url}/api/v1/configs`)).arrayBuffer();
      proc.kill('SIGTERM'); // the order file is written at exit
      break;
    }
    return (await proc.exited) === 0 && (await Bun.file(order).exists()) ? order : undefined;
  } finally {
    clearTimeout(timer);
  }
}

const at = process.argv.indexOf('--outfile');
const outfile = resolve(ROOT, at >= 0 ? process.argv[at + 1]! : 'dist/kestra-lite');
const work = mkdtempSync(join(tmpdir(), 'kl-build-'));
try {
  await compile(outfile);
  const order = await recordOrder(outfile, work).catch(() => undefined);
  if (order) await compile(outfile, order);
  else console.warn('kestra-lite build: could not record the bytecode order; keeping the unordered build');
} finally {
  rmSync(work, { recursive: true, force: true });
}
