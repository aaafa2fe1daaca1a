// How long one heavy request blocks the others. Against a real `serve` process seeded with 1,000
// flows, 10,000 executions and one execution with ~5 MB of logs, each heavy request runs while a
// prober sends GET /api/v1/configs back to back; the figure is the prober's worst latency. On a
// shared machine one run's worst latency is mostly noise: each case runs `--repeat` times (3 by
// default) and the table shows the median of those worst latencies, and the highest.
//
//   bun bench/blocking.ts [--persisted] [--repeat N]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUN, fmt, freePort, spawnUntilReady } from './lib.ts';

const flowYaml = (i: number) => `id: f${i}\nnamespace: bench.n${i % 20}\ndescription: flow number ${i}\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hello {{ flow.id }}\n`;
const BIG_LOGS = `id: biglogs\nnamespace: bench\ntasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEach\n    values: "{{ range(1, 500) }}"\n    tasks:\n      - id: log\n        type: io.kestra.plugin.core.log.Log\n        message: "{% for i in range(1, 1000) %}0123456789{% endfor %}"\n`;

async function parallel(count: number, concurrency: number, fn: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < count) await fn(next++); }));
}

const arg = (name: string) => { const i = process.argv.indexOf(name); return i < 0 ? undefined : process.argv[i + 1]; };

export async function run(persisted = process.argv.includes('--persisted'), repeat = Number(arg('--repeat') ?? 3)) {
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-blocking-'));
  const port = await freePort();
  const args = [BUN, 'src/cli.ts', 'serve', '--port', String(port), '--flows', join(dir, 'flows'), '--no-dashboard', '--no-watch',
    ...(persisted ? ['--data', join(dir, 'data')] : ['--memory'])];
  const { proc } = await spawnUntilReady(args, `http://127.0.0.1:${port}/api/v1/configs`);
  const base = `http://127.0.0.1:${port}/api/v1`;
  const post = (path: string, body?: string, type = 'application/x-yaml') => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
  try {
    await parallel(1000, 16, async (i) => { const r = await post('/flows', flowYaml(i)); if (r.status !== 200) throw new Error(await r.text()); });
    await parallel(10_000, 16, async (i) => { await (await post(`/executions/bench.n${i % 20}/f${i % 1000}`)).arrayBuffer(); });
    await post('/flows', BIG_LOGS);
    const big = await (await post('/executions/bench/biglogs?wait=true')).json() as { id: string; state: { current: string } };
    await Bun.sleep(500);

    const cases: [string, () => Promise<Response>][] = [
      ['flows/export/by-query (1,000 flows, ZIP)', () => fetch(`${base}/flows/export/by-query`)],
      ['executions/search size=10000', () => fetch(`${base}/executions/search?size=10000`)],
      [`logs/{id}/download (${big.state.current})`, () => fetch(`${base}/logs/${big.id}/download`)],
      ['logs/{id} (JSON)', () => fetch(`${base}/logs/${big.id}`)],
      ['logs/search size=10000 namespace=bench', () => fetch(`${base}/logs/search?size=10000&namespace=bench`)],
      ['flows/search size=1000', () => fetch(`${base}/flows/search?size=1000`)],
    ];
    const rows = [];
    for (const [name, send] of cases) {
      for (let i = 0; i < 2; i++) await (await send()).arrayBuffer(); // warm
      const runs = [];
      for (let r = 0; r < repeat; r++) runs.push(await measure(send));
      const worsts = runs.map((x) => x.worst).sort((a, b) => a - b);
      const times = runs.map((x) => x.ms).sort((a, b) => a - b);
      rows.push({ name, status: runs[0]!.status, bytes: runs[0]!.bytes, ms: times[times.length >> 1]!, worst: worsts[worsts.length >> 1]!, highest: worsts.at(-1)! });
    }
    return rows;
  } finally {
    proc.kill('SIGTERM');
    await proc.exited;
    rmSync(dir, { recursive: true, force: true });
  }

  async function measure(send: () => Promise<Response>) {
    let probing = true;
    let worst = 0;
    const prober = (async () => {
      while (probing) {
        const t = performance.now();
        await (await fetch(`${base}/configs`)).arrayBuffer();
        worst = Math.max(worst, performance.now() - t);
      }
    })();
    await Bun.sleep(20);
    const t = performance.now();
    const res = await send();
    const bytes = (await res.arrayBuffer()).byteLength;
    const ms = performance.now() - t;
    probing = false;
    await prober;
    return { status: res.status, bytes, ms, worst };
  }
}

if (import.meta.main) {
  const rows = await run();
  console.log(`heavy request                                  status       bytes   time ms   worst other request ms (median, highest)`);
  for (const r of rows) console.log(`${r.name.padEnd(46)} ${r.status}  ${fmt(r.bytes).padStart(11)}  ${fmt(r.ms, 1).padStart(8)}  ${fmt(r.worst, 1).padStart(8)}  ${fmt(r.highest, 1).padStart(8)}`);
}
