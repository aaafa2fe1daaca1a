// GET /api/v1/plugins/schemas/flow latency, cold (the first request of a runtime generates the
// document from the registry) and warm (later requests serve the cached JSON text). Requests
// go through `app.handle` in process: the figures are generation + handler cost, no socket.

import { createRuntime } from '../src/runtime.ts';
import { fmt, percentile } from './lib.ts';

const RUNTIMES = 10;
const WARM_REQUESTS = 500;
const URL = 'http://localhost/api/v1/plugins/schemas/flow';

async function timed(handle: (r: Request) => Promise<Response>): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  const res = await handle(new Request(URL));
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`schemas/flow answered ${res.status}`);
  return { ms: performance.now() - t, bytes: body.byteLength };
}

export async function run() {
  const cold: number[] = [];
  const warm: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNTIMES; i++) {
    const rt = await createRuntime({ memory: true, flowsDir: null, fixturesDir: null, dashboard: false });
    const handle = (r: Request) => rt.app.handle(r);
    const first = await timed(handle);
    cold.push(first.ms);
    bytes = first.bytes;
    for (let j = 0; j < WARM_REQUESTS / RUNTIMES; j++) warm.push((await timed(handle)).ms);
    await rt.dispose();
  }
  // the very first cold figure also pays module loading and JIT warm-up of the process
  const sortedCold = cold.slice(1).sort((a, b) => a - b);
  const sortedWarm = warm.sort((a, b) => a - b);
  return {
    firstInProcess: cold[0]!,
    coldP50: percentile(sortedCold, 50),
    coldMax: sortedCold[sortedCold.length - 1]!,
    warmP50: percentile(sortedWarm, 50),
    warmP99: percentile(sortedWarm, 99),
    kb: bytes / 1024,
  };
}

export function print(r: Awaited<ReturnType<typeof run>>) {
  console.log(`plugins schemas/flow (${fmt(r.kb, 0)} KB): cold first-in-process ${fmt(r.firstInProcess, 1)} ms, cold p50 ${fmt(r.coldP50, 1)} ms (max ${fmt(r.coldMax, 1)} ms), warm p50 ${fmt(r.warmP50, 2)} ms, p99 ${fmt(r.warmP99, 2)} ms`);
}

if (import.meta.main) print(await run());
