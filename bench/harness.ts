// kestra-lite/testing figures: startKestraLite() to the first answered request, in-process
// (target ≤ 30 ms) and as a child process (≤ 200 ms; from the packaged build dist/ — run
// `npm run build:package` first — and from TypeScript source); reset() with 1,000 executions
// stored (≤ 5 ms); advance() over 365 fake days of a daily schedule (≤ 1 s). All through the
// harness, over HTTP.
//   bun bench/harness.ts

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startKestraLite as startFromSource, type KestraLite, type KestraLiteOptions } from '../src/testing/index.ts';
import { percentile } from './lib.ts';

const DIST = join(import.meta.dir, '..', 'dist', 'testing', 'node.js');
const FLOW = 'id: a\nnamespace: bench\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ execution.id }}"\n';
const DAILY = 'id: daily\nnamespace: bench\ntriggers:\n  - id: d\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "0 9 * * *"\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ trigger.date }}"\n';
type Start = (o?: KestraLiteOptions) => Promise<KestraLite>;

async function startToFirstAnswer(start: Start, options: KestraLiteOptions, rounds: number) {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const kl = await start(options);
    const res = await fetch(`${kl.apiUrl}/configs`);
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`first request answered ${res.status}`);
    await kl.stop();
  }
  return times;
}

async function resetFigures(rounds: number) {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const kl = await startFromSource({ flows: [FLOW] });
    for (let i = 0; i < 1000; i++) await kl.execute('bench', 'a');
    const t0 = performance.now();
    await kl.reset({ keepFlows: true });
    times.push(performance.now() - t0);
    await kl.stop();
  }
  return times.sort((a, b) => a - b);
}

async function advanceFigures(rounds: number) {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const kl = await startFromSource({ clock: 'fake', now: '2025-01-01T00:00:00Z', flows: [DAILY] });
    const t0 = performance.now();
    await kl.advance('P365D');
    times.push(performance.now() - t0);
    const found = await (await fetch(`${kl.apiUrl}/executions/search?flowId=daily&state=SUCCESS&size=1`)).json() as { total: number };
    if (found.total !== 365) throw new Error(`expected 365 executions, got ${found.total}`);
    await kl.stop();
  }
  return times.sort((a, b) => a - b);
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const summary = (t: number[]) => { const s = [...t].sort((a, b) => a - b); return `median ${ms(percentile(s, 50))}, min ${ms(s[0]!)}, max ${ms(s.at(-1)!)}`; };

const inProcess = await startToFirstAnswer(startFromSource, {}, 21);
console.log(`startKestraLite() in-process to first answer: first (module load) ${ms(inProcess[0]!)}; then ${summary(inProcess.slice(1))} (target ≤ 30 ms)`);
if (existsSync(DIST)) {
  const { startKestraLite: startFromDist } = await import(DIST) as { startKestraLite: Start };
  console.log(`startKestraLite() child process, packaged build (dist/cli bytecode): ${summary(await startToFirstAnswer(startFromDist, {}, 11))} (target ≤ 200 ms)`);
} else {
  console.log('startKestraLite() child process, packaged build: skipped, run `npm run build:package` first');
}
console.log(`startKestraLite({ mode: 'process' }) from TypeScript source: ${summary(await startToFirstAnswer(startFromSource, { mode: 'process' }, 7))}`);
const reset = await resetFigures(5);
console.log(`reset() with 1,000 executions (+1,000 logs) stored, over HTTP: ${summary(reset)} (target ≤ 5 ms)`);
const adv = await advanceFigures(3);
console.log(`advance('P365D') over a daily schedule (365 executions run), over HTTP: ${summary(adv)} (target ≤ 1 s)`);
