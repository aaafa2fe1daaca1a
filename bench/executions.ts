// Engine throughput and latency over HTTP against a real server process:
// - one-Log-task flow with wait=true: p50/p99 latency of sequential requests;
// - two-task flow (OutputValues then Log) with wait=true: executions/s under concurrency,
//   in memory and in persisted mode.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUN, fmt, freePort, load, percentile, spawnUntilReady } from './lib.ts';

const ONE_LOG = 'id: one-log\nnamespace: bench\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hello\n';
const TWO_TASKS = 'id: two-tasks\nnamespace: bench\ntasks:\n  - id: out\n    type: io.kestra.plugin.core.output.OutputValues\n    values:\n      n: 1\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "n={{ outputs.out.values.n }}"\n';

export async function withServer<T>(persisted: boolean, fn: (base: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-exec-'));
  const port = await freePort();
  const args = [BUN, 'src/cli.ts', 'serve', '--port', String(port), '--flows', join(dir, 'flows'), '--no-dashboard', '--no-watch', ...(persisted ? ['--data', join(dir, 'data')] : ['--memory'])];
  const { proc } = await spawnUntilReady(args, `http://127.0.0.1:${port}/api/v1/configs`);
  const base = `http://127.0.0.1:${port}`;
  try {
    for (const body of [ONE_LOG, TWO_TASKS]) {
      const r = await fetch(`${base}/api/v1/flows`, { method: 'POST', headers: { 'content-type': 'application/x-yaml' }, body });
      if (r.status !== 200) throw new Error(`cannot create bench flow: ${await r.text()}`);
    }
    return await fn(base);
  } finally {
    proc.kill('SIGTERM');
    await proc.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

export const execute = (base: string, flow: string) => () => fetch(`${base}/api/v1/executions/bench/${flow}?wait=true`, { method: 'POST' });

export async function latency(base: string, count: number) {
  const send = execute(base, 'one-log');
  for (let i = 0; i < 200; i++) await (await send()).arrayBuffer(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const res = await send();
    const body = await res.json() as { state: { current: string } };
    if (body.state.current !== 'SUCCESS') throw new Error(`unexpected state ${body.state.current}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

export async function run(durationMs = 4000) {
  const memory = await withServer(false, async (base) => {
    const lat = await latency(base, 1000);
    await load(execute(base, 'two-tasks'), 32, 500);
    const tp = await load(execute(base, 'two-tasks'), 32, durationMs);
    return { ...lat, rps: tp.rps, errors: tp.errors };
  });
  const persisted = await withServer(true, async (base) => {
    const lat = await latency(base, 500);
    await load(execute(base, 'two-tasks'), 32, 500);
    const tp = await load(execute(base, 'two-tasks'), 32, durationMs);
    return { ...lat, rps: tp.rps, errors: tp.errors };
  });
  return { memory, persisted };
}

export function print(r: Awaited<ReturnType<typeof run>>) {
  console.log(`one-Log flow, wait=true (memory): p50 ${fmt(r.memory.p50, 2)} ms, p99 ${fmt(r.memory.p99, 2)} ms (target p50 <= 2 ms)`);
  console.log(`one-Log flow, wait=true (persisted): p50 ${fmt(r.persisted.p50, 2)} ms, p99 ${fmt(r.persisted.p99, 2)} ms`);
  console.log(`two-task flow, wait=true, 32 concurrent: memory ${fmt(r.memory.rps)} executions/s (target >= 2,000), persisted ${fmt(r.persisted.rps)} executions/s (target >= 500)${r.memory.errors + r.persisted.errors ? ` [errors: ${r.memory.errors + r.persisted.errors}]` : ''}`);
}

if (import.meta.main) print(await run());
