// KV API throughput in-process (no socket): N PUTs, then N GETs of the same keys, through
// app.handle with an in-memory runtime. `bun bench/kv.ts [N]` (default 20,000).

import { createRuntime } from '../src/runtime.ts';
import { fmt } from './lib.ts';

const N = Number(process.argv[2] ?? 20_000);

async function phase(label: string, request: (i: number) => Request, handle: (r: Request) => Promise<Response>) {
  const started = performance.now();
  for (let i = 0; i < N; i++) {
    const res = await handle(request(i));
    if (res.status !== 200) throw new Error(`${label} ${i}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  const ms = performance.now() - started;
  console.log(`${label.padEnd(4)} ${fmt(N)} requests in ${ms.toFixed(0)} ms: ${fmt(Math.round((N / ms) * 1000))} ops/s`);
}

const rt = await createRuntime({ memory: true, flowsDir: null, fixturesDir: null, dashboard: false, watch: false });
try {
  const url = (i: number) => `http://localhost/api/v1/namespaces/bench.kv/kv/key-${i}`;
  await phase('PUT', (i) => new Request(url(i), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: `{"n": ${i}, "name": "value ${i}"}` }), rt.app.handle);
  await phase('GET', (i) => new Request(url(i)), rt.app.handle);
} finally {
  await rt.dispose();
}
