// Cost of the 2.0 version layer: the same GETs (one execution with 20 task runs, a search page of
// 50 of them) through app.handle in the default mode and with `--kestra-version 2.0`, where the
// edge gates the route and re-shapes the body. `bun bench/compat.ts [N]` (default 2,000).

import { createRuntime } from '../src/runtime.ts';
import { fmt } from './lib.ts';

const N = Number(process.argv[2] ?? 2_000);
const FLOW = `id: many\nnamespace: bench.compat\ntasks:\n${Array.from({ length: 20 }, (_, i) => `  - id: t${i}\n    type: io.kestra.plugin.core.log.Log\n    message: m${i}\n`).join('')}`;

async function measure(kestraVersion: '0.21' | '2.0') {
  const rt = await createRuntime({ memory: true, flowsDir: null, fixturesDir: null, dashboard: false, watch: false, kestraVersion });
  try {
    const call = (method: string, path: string, body?: NonNullable<RequestInit['body']>, type?: string) =>
      rt.app.handle(new Request(`http://localhost${path}`, { method, body, headers: type ? { 'content-type': type } : {} }));
    await call('POST', '/api/v1/main/flows', FLOW, 'application/x-yaml');
    let id = '';
    for (let i = 0; i < 50; i++) id = ((await (await call('POST', '/api/v1/main/executions/bench.compat/many?wait=true', new FormData())).json()) as { id: string }).id;
    const out: Record<string, number> = {};
    for (const [label, path] of [['GET execution', `/api/v1/main/executions/${id}`], ['GET search (50)', '/api/v1/main/executions/search?size=50']] as const) {
      const started = performance.now();
      for (let i = 0; i < N; i++) {
        const res = await call('GET', path);
        if (res.status !== 200) throw new Error(`${label}: ${res.status}`);
        await res.arrayBuffer();
      }
      out[label] = (N / (performance.now() - started)) * 1000;
    }
    return out;
  } finally {
    await rt.dispose();
  }
}

export async function run() {
  return { v021: await measure('0.21'), v20: await measure('2.0') };
}

export function print(r: Awaited<ReturnType<typeof run>>) {
  for (const label of Object.keys(r.v021)) {
    console.log(`${label}: default ${fmt(Math.round(r.v021[label]!))} req/s, --kestra-version 2.0 ${fmt(Math.round(r.v20[label]!))} req/s (${fmt((r.v20[label]! / r.v021[label]!) * 100, 1)}%)`);
  }
}

if (import.meta.main) print(await run());
