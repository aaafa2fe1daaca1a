// Requests/s of GET /api/v1/flows/{ns}/{id} and /api/v1/flows/search under concurrent load,
// each as a ratio to a bare Bun.serve answering the same JSON in the same run.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH, BUN, fmt, freePort, load, spawnUntilReady } from './lib.ts';

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
 * GET /api/v1/flows/{ns}/{id} req/s as a ratio to a bare Bun.serve answering the same bytes, both
 * servers up at once and loaded in alternating slices (ABBA), so drift on the shared machine
 * lands on both sides of the ratio.
 */
export async function getVsBare(slices = 6, sliceMs = 750) {
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-http-'));
  for (let i = 0; i < 200; i++) {
    writeFileSync(join(dir, `f${i}.yml`), `id: flow-${i}\nnamespace: bench.ns${i % 10}\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "hello"\n`);
  }
  const path = '/api/v1/flows/bench.ns7/flow-17';
  const port = await freePort();
  const lite = await spawnUntilReady([BUN, 'src/cli.ts', 'serve', '--port', String(port), '--flows', dir, '--memory', '--no-dashboard', '--no-watch'], `http://127.0.0.1:${port}/api/v1/configs`);
  const barePort = await freePort();
  try {
    const body = await (await fetch(`http://127.0.0.1:${port}${path}`)).text();
    const bare = await spawnUntilReady([BUN, join(BENCH, 'bare-server.ts')], `http://127.0.0.1:${barePort}${path}`, { BARE_BODIES: JSON.stringify({ [path]: body }), BARE_PORT: String(barePort) });
    try {
      const urls = { lite: `http://127.0.0.1:${port}${path}`, bare: `http://127.0.0.1:${barePort}${path}` };
      await load(urls.lite, CONCURRENCY, 500);
      await load(urls.bare, CONCURRENCY, 500);
      const sum = { lite: 0, bare: 0 };
      for (let i = 0; i < slices; i++) {
        const order = i % 2 === 0 ? (['lite', 'bare'] as const) : (['bare', 'lite'] as const);
        for (const side of order) sum[side] += (await load(urls[side], CONCURRENCY, sliceMs)).rps;
      }
      return { lite: sum.lite / slices, bare: sum.bare / slices, ratio: sum.lite / sum.bare };
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
