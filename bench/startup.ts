// Process start to first 200 from /api/v1/configs, from source and from the compiled binary;
// idle RSS of each after start-up settles.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH, BUN, ROOT, fmt, freePort, percentile, rssMb, spawnUntilReady } from './lib.ts';

export async function ensureBinary(): Promise<string> {
  const bin = join(ROOT, 'dist', 'kestra-lite');
  if (!existsSync(bin)) {
    const build = Bun.spawnSync([BUN, 'run', 'build'], { cwd: ROOT, stdout: 'ignore', stderr: 'pipe' });
    if (build.exitCode !== 0) throw new Error(`build failed: ${build.stderr.toString()}`);
  }
  return bin;
}

function flowsDir(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-flows-'));
  for (let i = 0; i < count; i++) {
    writeFileSync(join(dir, `flow-${i}.yml`), `id: flow-${i}\nnamespace: bench.ns${i % 5}\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hello ${i}\n`);
  }
  return dir;
}

async function measure(cmd: (port: number, flows: string) => string[], runs: number) {
  const flows = flowsDir(5);
  const times: number[] = [];
  let rss = NaN;
  try {
    for (let i = 0; i < runs; i++) {
      const port = await freePort();
      const { proc, ms } = await spawnUntilReady(cmd(port, flows), `http://127.0.0.1:${port}/api/v1/configs`);
      times.push(ms);
      if (i === runs - 1) {
        await Bun.sleep(1500); // let start-up garbage be collected before reading idle RSS
        rss = rssMb(proc.pid);
      }
      proc.kill('SIGTERM');
      await proc.exited;
    }
  } finally {
    rmSync(flows, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), min: times[0]!, rss };
}

export async function run(runs = 7) {
  const serveArgs = (port: number, flows: string) => ['serve', '--port', String(port), '--host', '127.0.0.1', '--flows', flows, '--memory', '--no-dashboard'];
  const source = await measure((p, f) => [BUN, 'src/cli.ts', ...serveArgs(p, f)], runs);
  const bin = await ensureBinary();
  const binary = await measure((p, f) => [bin, ...serveArgs(p, f)], runs);
  return { source, binary };
}

if (import.meta.main) {
  const r = await run();
  console.log(`start-up to first 200 /api/v1/configs: source p50 ${fmt(r.source.p50, 1)} ms, binary p50 ${fmt(r.binary.p50, 1)} ms (target binary <= 150 ms)`);
  console.log(`idle RSS: source ${fmt(r.source.rss, 1)} MB, binary ${fmt(r.binary.rss, 1)} MB (target <= 80 MB)`);
}

/** A bare Bun.serve compiled the same way as kestra-lite: the start-up yardstick (built once per Bun version). */
export function ensureBareBinary(): string {
  const bin = join(tmpdir(), `kl-bench-bare-${Bun.version}`);
  if (!existsSync(bin)) {
    const build = Bun.spawnSync([BUN, 'build', join(BENCH, 'bare-server.ts'), '--compile', '--bytecode', '--format=esm', '--outfile', bin], { stdout: 'ignore', stderr: 'pipe' });
    if (build.exitCode !== 0) throw new Error(`bare build failed: ${build.stderr.toString()}`);
  }
  return bin;
}

/**
 * Binary start → first 200 from /api/v1/configs as a ratio to the bare binary answering the same
 * bytes; both are started alternately (lite first on even runs) so machine noise hits both alike.
 */
export async function binaryVsBare(runs = 7) {
  const lite = join(ROOT, 'dist', 'kestra-lite');
  if (!existsSync(lite)) throw new Error(`${lite} is missing: run \`npm run build\` in ${ROOT}`);
  const bare = ensureBareBinary();
  const flows = flowsDir(5);
  // an empty fixtures directory: the checkout's example fixtures are not part of what is measured
  const noFixtures = flowsDir(0);
  const liteTimes: number[] = [];
  const bareTimes: number[] = [];
  let bodies = '{}';
  const startLite = async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/api/v1/configs`;
    const { proc, ms } = await spawnUntilReady([lite, 'serve', '--port', String(port), '--host', '127.0.0.1', '--flows', flows, '--fixtures', noFixtures, '--memory', '--no-dashboard'], url);
    if (bodies === '{}') bodies = JSON.stringify({ '/api/v1/configs': await (await fetch(url)).text() });
    liteTimes.push(ms);
    proc.kill('SIGTERM');
    await proc.exited;
  };
  const startBare = async () => {
    const port = await freePort();
    const { proc, ms } = await spawnUntilReady([bare], `http://127.0.0.1:${port}/api/v1/configs`, { BARE_BODIES: bodies, BARE_PORT: String(port) });
    bareTimes.push(ms);
    proc.kill('SIGTERM');
    await proc.exited;
  };
  try {
    await startLite(); // untimed: fills the page cache and fetches the configs body for the bare server
    liteTimes.length = 0;
    await startBare();
    bareTimes.length = 0;
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) { await startLite(); await startBare(); } else { await startBare(); await startLite(); }
    }
  } finally {
    rmSync(flows, { recursive: true, force: true });
    rmSync(noFixtures, { recursive: true, force: true });
  }
  liteTimes.sort((a, b) => a - b);
  bareTimes.sort((a, b) => a - b);
  const litePm = percentile(liteTimes, 50);
  const barePm = percentile(bareTimes, 50);
  return { lite: litePm, bare: barePm, ratio: litePm / barePm };
}

/** RSS of the compiled binary serving no flows, no dashboard, in memory, after start-up settles. */
export async function idleRss(settleMs = 1500): Promise<number> {
  const lite = join(ROOT, 'dist', 'kestra-lite');
  const flows = flowsDir(0);
  const noFixtures = flowsDir(0); // no flows and no fixtures: not the checkout's examples either
  const port = await freePort();
  const { proc } = await spawnUntilReady([lite, 'serve', '--port', String(port), '--host', '127.0.0.1', '--flows', flows, '--fixtures', noFixtures, '--memory', '--no-dashboard'], `http://127.0.0.1:${port}/api/v1/configs`);
  try {
    await Bun.sleep(settleMs);
    return rssMb(proc.pid);
  } finally {
    proc.kill('SIGTERM');
    await proc.exited;
    rmSync(flows, { recursive: true, force: true });
    rmSync(noFixtures, { recursive: true, force: true });
  }
}
