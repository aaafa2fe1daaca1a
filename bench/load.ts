// Load: 100 concurrent clients on a mixed workload (create with wait, get, search, logs, logs
// search, KV put/get, flow updates, SSE follow; test/helpers/load-workload.ts) against a real
// persisted `serve` process. Prints throughput, p50/p99 overall and per operation, errors, stuck
// executions, and the server's RSS in the first and the second minute. `--profile DIR` runs the
// server under `bun --cpu-prof` and leaves the .cpuprofile in DIR (open it in Chrome DevTools,
// or summarize it with `bun bench/profile-top.ts FILE`). `--heap FILE` loads bench/heap-sampler.ts
// into the server: one line of heap figures (bun:jsc heapStats) every 5 s in FILE.
//
//   bun bench/load.ts [--clients 100] [--seconds 120] [--memory] [--profile DIR] [--heap FILE]

import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seedLoad, runLoad, unfinishedExecutions } from '../test/helpers/load-workload.ts';
import { BENCH, BUN, fmt, freePort, percentile, rssMb, spawnUntilReady } from './lib.ts';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i < 0 ? undefined : process.argv[i + 1]; };
const clients = Number(arg('--clients') ?? 100);
const seconds = Number(arg('--seconds') ?? 120);
const memory = process.argv.includes('--memory');
const profileDir = arg('--profile');
const heapLog = arg('--heap');

const dir = mkdtempSync(join(tmpdir(), 'kl-bench-load-'));
const port = await freePort();
if (profileDir) mkdirSync(resolve(profileDir), { recursive: true });
const prof = profileDir ? ['--cpu-prof', '--cpu-prof-dir', resolve(profileDir)] : [];
const heap = heapLog ? ['--preload', join(BENCH, 'heap-sampler.ts')] : [];
const args = [BUN, ...prof, ...heap, 'src/cli.ts', 'serve', '--port', String(port), '--flows', join(dir, 'flows'), '--no-dashboard',
  ...(memory ? ['--memory'] : ['--data', join(dir, 'data')])];
const { proc } = await spawnUntilReady(args, `http://127.0.0.1:${port}/api/v1/configs`, heapLog ? { KL_HEAP_LOG: resolve(heapLog) } : {});
const base = `http://127.0.0.1:${port}`;
const flows = Array.from({ length: 10 }, (_, i) => `load-${i}`);

const rss: number[] = [];
const sampler = setInterval(() => { try { rss.push(rssMb(proc.pid)); } catch { /* exited */ } }, 1000);
let result;
let stuck = -1;
try {
  await seedLoad(base, flows);
  result = await runLoad(base, { clients, durationMs: seconds * 1000, flows });
  await Bun.sleep(2000);
  stuck = await unfinishedExecutions(base);
} finally {
  clearInterval(sampler);
  proc.kill('SIGTERM');
  await proc.exited;
  rmSync(dir, { recursive: true, force: true });
}

const sorted = result.latencies.sort((a, b) => a - b);
const half = Math.floor(rss.length / 2);
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
console.log(`load: ${clients} clients × ${seconds} s, ${memory ? 'in memory' : 'persisted'}`);
console.log(`  throughput ${fmt(result.requests / (result.elapsedMs / 1000))} req/s (${fmt(result.requests)} requests), p50 ${fmt(percentile(sorted, 50), 1)} ms, p99 ${fmt(percentile(sorted, 99), 1)} ms`);
console.log(`  errors ${result.errors}, executions not terminal 2 s after the load: ${stuck}`);
console.log(`  RSS MB: first ${seconds > 60 ? 'minute' : 'half'} avg ${fmt(avg(rss.slice(0, half)))} max ${fmt(Math.max(...rss.slice(0, half)))}; second avg ${fmt(avg(rss.slice(half)))} max ${fmt(Math.max(...rss.slice(half)))}; last ${fmt(rss.at(-1) ?? NaN)}`);
for (const [op, s] of [...result.byOp].sort()) {
  const l = s.latencies.sort((a, b) => a - b);
  console.log(`  ${op.padEnd(12)} ${fmt(s.count).padStart(8)}  p50 ${fmt(percentile(l, 50), 1).padStart(6)} ms  p99 ${fmt(percentile(l, 99), 1).padStart(7)} ms  errors ${s.errors}`);
}
for (const [e, n] of [...result.errorSamples].slice(0, 10)) console.log(`  error ×${n}: ${e}`);
if (profileDir) console.log(`  profile: ${readdirSync(resolve(profileDir)).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(profileDir, f)).join(', ')}`);
