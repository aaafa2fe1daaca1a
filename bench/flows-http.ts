// Requests/s of GET /api/v1/flows/{ns}/{id} and /api/v1/flows/search under concurrent load,
// each as a ratio to a bare Bun.serve answering the same JSON in the same run.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH, BUN, cpuMs, fmt, freePort, load, percentile, spawnUntilReady } from './lib.ts';

const CONCURRENCY = 32;

export async function run(durationMs = 3000) {
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-http-'));
  for (let i = 0; i < 200; i++) {
    writeFileSync(join(dir, `f${i}.yml`), `id: flow-${i}\nnamespace: bench.ns${i % 10}\nlabels:\n  team: t${i % 3}\ninputs:\n  - id: name\n    type: STRING\n    defaults: world\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "hello {{ inputs.name }}"\n  - id: out\n    type: io.kestra.plugin.core.output.OutputValues\n    values:\n      a: 1\n`);
  }
  const paths = { get: '/api/v1/flows/bench.ns7/flow-17', search: '/api/v1/flows/search' };
  const port = await freePort();
  const { proc } = await spawnUntilReady([BUN, 'src/cli.ts', 'serve', '--port', String(port), '--flows', dir, '--memory', '--no-dashboard', '--no-watch'], `http://127.0.0.1:${port}/api/v1/configs`);
  const base = `http://127.0.0.1:${port}`;
  const bodies: Record<string, string> = {};
  for (const p of Object.values(paths)) bodies[p] = await (await fetch(base + p)).text();
  bodies['/api/v1/configs'] = await (await fetch(base + '/api/v1/configs')).text();

  const results: Record<string, { lite: number; bare: number; ratio: number }> = {};
  try {
    const lite: Record<string, number> = {};
    for (const [name, p] of Object.entries(paths)) {
      await load(base + p, CONCURRENCY, 500); // warm-up
      lite[name] = (await load(base + p, CONCURRENCY, durationMs)).rps;
    }
    proc.kill('SIGTERM');
    await proc.exited;

    const barePort = await freePort();
    const bare = await spawnUntilReady([BUN, join(BENCH, 'bare-server.ts')], `http://127.0.0.1:${barePort}/api/v1/configs`, { BARE_BODIES: JSON.stringify(bodies), BARE_PORT: String(barePort) });
    try {
      for (const [name, p] of Object.entries(paths)) {
        await load(`http://127.0.0.1:${barePort}${p}`, CONCURRENCY, 500);
        const b = (await load(`http://127.0.0.1:${barePort}${p}`, CONCURRENCY, durationMs)).rps;
        results[name] = { lite: lite[name]!, bare: b, ratio: lite[name]! / b };
      }
    } finally {
      bare.proc.kill('SIGTERM');
      await bare.proc.exited;
    }
  } finally {
    proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.main) {
  const r = await run();
  for (const [name, v] of Object.entries(r)) {
    console.log(`flows ${name}: ${fmt(v.lite)} req/s vs bare Bun.serve ${fmt(v.bare)} req/s = ${fmt(v.ratio * 100, 1)}% (target GET >= 50%)`);
  }
}

/**
 * GET /api/v1/flows/{ns}/{id} req/s as a ratio to a bare Bun.serve answering the same bytes with the
 * same headers (content-type, plus Bun's date and content-length), both started the same way (bun
 * from source) and up at once, loaded by the same client. Each side gets a long warm-up (the JIT
 * settles in about a second), then short slices alternate ABBA; each adjacent lite/bare pair
 * gives one ratio and the figure is the median of those, so a burst of load from elsewhere on the
 * shared machine spoils one pair instead of skewing a sum. Because throughput on a shared 2-core
 * machine also moves with whatever else runs, the servers' own CPU time per request is reported
 * too (`cpuRatio` = bare CPU per request / lite CPU per request): it is far steadier.
 */
export async function getVsBare(pairs = 10, sliceMs = 500, warmupMs = 1500) {
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-http-'));
  for (let i = 0; i < 200; i++) {
    writeFileSync(join(dir, `f${i}.yml`), `id: flow-${i}\nnamespace: bench.ns${i % 10}\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "hello"\n`);
  }
  const path = '/api/v1/flows/bench.ns7/flow-17';
  const port = await freePort();
  const lite = await spawnUntilReady([BUN, 'src/cli.ts', 'serve', '--port', String(port), '--flows', dir, '--memory', '--no-dashboard', '--no-watch'], `http://127.0.0.1:${port}/api/v1/configs`);
  const barePort = await freePort();
  try {
    const first = await fetch(`http://127.0.0.1:${port}${path}`);
    const body = await first.text();
    if (first.status !== 200 || first.headers.get('content-type') !== 'application/json') throw new Error(`unexpected answer ${first.status} ${first.headers.get('content-type')}`);
    const bare = await spawnUntilReady([BUN, join(BENCH, 'bare-server.ts')], `http://127.0.0.1:${barePort}${path}`, { BARE_BODIES: JSON.stringify({ [path]: body }), BARE_PORT: String(barePort) });
    try {
      const urls = { lite: `http://127.0.0.1:${port}${path}`, bare: `http://127.0.0.1:${barePort}${path}` };
      await load(urls.lite, CONCURRENCY, warmupMs);
      await load(urls.bare, CONCURRENCY, warmupMs);
      const rps = { lite: [] as number[], bare: [] as number[] };
      const ratios: number[] = [];
      const pids = { lite: lite.proc.pid, bare: bare.proc.pid };
      const cpu = { lite: 0, bare: 0 };
      const served = { lite: 0, bare: 0 };
      for (let i = 0; i < pairs; i++) {
        const order = i % 2 === 0 ? (['lite', 'bare'] as const) : (['bare', 'lite'] as const);
        const r = { lite: 0, bare: 0 };
        for (const side of order) {
          const cpuBefore = cpuMs(pids[side]);
          const slice = await load(urls[side], CONCURRENCY, sliceMs);
          cpu[side] += cpuMs(pids[side]) - cpuBefore;
          served[side] += slice.count;
          if (slice.errors) throw new Error(`${slice.errors} failed requests to ${side}`);
          r[side] = slice.rps;
          rps[side].push(slice.rps);
        }
        ratios.push(r.lite / r.bare);
      }
      const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
      const cpuRatio = (cpu.bare / served.bare) / (cpu.lite / served.lite);
      return { lite: median(rps.lite), bare: median(rps.bare), ratio: median(ratios), ratios, cpuRatio };
    } finally {
      bare.proc.kill('SIGTERM');
      await bare.proc.exited;
    }
  } finally {
    lite.proc.kill('SIGTERM');
    await lite.proc.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}
