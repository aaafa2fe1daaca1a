// Process start to first 200 from /api/v1/configs, from source and from the compiled binary;
// idle RSS of each after start-up settles.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUN, ROOT, fmt, freePort, percentile, rssMb, spawnUntilReady } from './lib.ts';

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
