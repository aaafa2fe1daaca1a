// Admin API figures: `POST /_kestra-lite/reset` with 1,000 executions stored (target ≤ 5 ms) and
// advancing 365 fake days over a daily schedule (target ≤ 1 s). In-process, through app.handle.
//   bun bench/admin.ts

import { createRuntime, type Runtime } from '../src/runtime.ts';
import { percentile } from './lib.ts';

const call = (rt: Runtime, method: string, path: string, body?: string, type = 'application/json') =>
  rt.app.handle(new Request(`http://localhost${path}`, { method, headers: body ? { 'content-type': type } : {}, body }));

const FLOW = 'id: a\nnamespace: bench\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ execution.id }}"\n';
const DAILY = 'id: daily\nnamespace: bench\ntriggers:\n  - id: d\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "0 9 * * *"\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ trigger.date }}"\n';

async function resetFigures(rounds: number) {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const rt = await createRuntime({ memory: true, flowsDir: null, clock: 'fake', now: '2025-01-01T00:00:00Z' });
    await call(rt, 'POST', '/api/v1/flows', FLOW, 'application/x-yaml');
    for (let i = 0; i < 1000; i++) await call(rt, 'POST', '/api/v1/executions/bench/a?wait=true', '');
    const stored = rt.db.query<{ n: number }, []>('SELECT count(*) AS n FROM executions').get()!.n;
    if (stored !== 1000) throw new Error(`expected 1000 executions, got ${stored}`);
    const t0 = performance.now();
    const res = await call(rt, 'POST', '/_kestra-lite/reset');
    times.push(performance.now() - t0);
    if (res.status !== 204) throw new Error(`reset answered ${res.status}`);
    await rt.dispose();
  }
  return times.sort((a, b) => a - b);
}

async function advanceFigures(rounds: number) {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const rt = await createRuntime({ memory: true, flowsDir: null, clock: 'fake', now: '2025-01-01T00:00:00Z' });
    await call(rt, 'POST', '/api/v1/flows', DAILY, 'application/x-yaml');
    const t0 = performance.now();
    const res = await call(rt, 'POST', '/_kestra-lite/clock/advance', '{"duration":"P365D"}');
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`advance answered ${res.status}`);
    const n = rt.db.query<{ n: number }, []>("SELECT count(*) AS n FROM executions WHERE state = 'SUCCESS'").get()!.n;
    if (n !== 365) throw new Error(`expected 365 executions, got ${n}`);
    await rt.dispose();
  }
  return times.sort((a, b) => a - b);
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const reset = await resetFigures(7);
console.log(`reset with 1,000 executions (+1,000 logs) stored: median ${fmt(percentile(reset, 50))}, max ${fmt(reset.at(-1)!)} (target ≤ 5 ms, ${reset.length} runs)`);
const adv = await advanceFigures(5);
console.log(`advance 365 fake days over a daily schedule (365 executions run): median ${fmt(percentile(adv, 50))}, max ${fmt(adv.at(-1)!)} (target ≤ 1 s, ${adv.length} runs)`);
