// The runaway render: a flow whose Log message is a 9,000 × 9,000 nested loop. Against a real
// `serve` process (its own event loop, a real socket), a prober sends GET /api/v1/configs back to
// back while the execution runs; the figure that matters is the prober's worst latency.
// Also reports the execution's final state, its error message and the stored log size.
//
//   bun bench/runaway.ts [--persisted]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUN, fmt, freePort, percentile, spawnUntilReady } from './lib.ts';

const MESSAGE = '{% for i in range(1, 9000) %}{% for j in range(1, 9000) %}x{% endfor %}{% endfor %}';
const FLOW = `id: runaway\nnamespace: bench\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "${MESSAGE}"\n`;

export async function run(persisted = process.argv.includes('--persisted')) {
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-runaway-'));
  const port = await freePort();
  const args = [BUN, 'src/cli.ts', 'serve', '--port', String(port), '--flows', join(dir, 'flows'), '--no-dashboard', '--no-watch',
    ...(persisted ? ['--data', join(dir, 'data')] : ['--memory'])];
  const { proc } = await spawnUntilReady(args, `http://127.0.0.1:${port}/api/v1/configs`);
  const base = `http://127.0.0.1:${port}`;
  try {
    const created = await fetch(`${base}/api/v1/flows`, { method: 'POST', headers: { 'content-type': 'application/x-yaml' }, body: FLOW });
    if (created.status !== 200) throw new Error(`cannot create the flow: ${await created.text()}`);
    // warm the prober's connection and the server's routes
    for (let i = 0; i < 200; i++) await (await fetch(`${base}/api/v1/configs`)).arrayBuffer();

    const latencies: number[] = [];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const t = performance.now();
        await (await fetch(`${base}/api/v1/configs`)).arrayBuffer();
        latencies.push(performance.now() - t);
      }
    })();
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/executions/bench/runaway?wait=true`, { method: 'POST' });
    const exec = await res.json() as { id: string; state: { current: string } };
    const elapsed = performance.now() - t0;
    await Bun.sleep(100);
    probing = false;
    await prober;

    const logs = await (await fetch(`${base}/api/v1/logs/${exec.id}`)).json() as { message: string; level: string }[];
    const bytes = logs.reduce((n, l) => n + l.message.length, 0);
    const error = logs.find((l) => l.level === 'ERROR')?.message ?? '(none)';
    latencies.sort((a, b) => a - b);
    return {
      state: exec.state.current, elapsed, probes: latencies.length, worst: latencies[latencies.length - 1] ?? NaN,
      p50: percentile(latencies, 50), p99: percentile(latencies, 99), logEntries: logs.length, logChars: bytes, error,
    };
  } finally {
    proc.kill('SIGTERM');
    await proc.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const r = await run();
  console.log(`runaway render (${process.argv.includes('--persisted') ? 'persisted' : 'memory'}): execution ${r.state} after ${fmt(r.elapsed)} ms`);
  console.log(`  other requests: ${r.probes} probes, worst ${fmt(r.worst, 1)} ms, p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms`);
  console.log(`  logs: ${r.logEntries} entries, ${fmt(r.logChars)} characters`);
  console.log(`  error: ${r.error.slice(0, 300)}`);
}
