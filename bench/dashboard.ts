// The terminal dashboard's cost on the engine: executions/s and log lines/s with the dashboard
// (event stream + reducer + Ink render to a discarding terminal) on vs off, the dashboard's CPU
// share, and RSS after 100,000 log lines. Each mode runs in its own process so RSS is its own.
//
//   bun bench/dashboard.ts            prints the figures
//   bun bench/dashboard.ts --mode on  (internal) one measurement, as JSON

import { Writable } from 'node:stream';
import { loadDashboard } from '../src/dashboard/load.ts';
import { createRuntime, type Runtime } from '../src/runtime.ts';
import { BUN, fmt, load, ROOT } from './lib.ts';

const TWO_TASKS = 'id: two-tasks\nnamespace: bench\ntasks:\n  - id: out\n    type: io.kestra.plugin.core.output.OutputValues\n    values:\n      n: 1\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "n={{ outputs.out.values.n }}"\n';
const LINES_PER_EXECUTION = 100;
const LOG_BURST = `id: log-burst\nnamespace: bench\ntasks:\n  - id: burst\n    type: io.kestra.plugin.core.log.Log\n    message:\n${Array.from({ length: LINES_PER_EXECUTION }, (_, i) => `      - "line ${i} of execution {{ execution.id }}"`).join('\n')}\n`;
const TOTAL_LINES = 100_000;

/** A terminal that throws every frame away, but looks like a 120×40 TTY so Ink really renders. */
function discardingTerminal(): NodeJS.WriteStream {
  const out = new Writable({ write(_chunk, _enc, done) { done(); } }) as unknown as NodeJS.WriteStream;
  Object.assign(out, { isTTY: true, columns: 120, rows: 40 });
  return out;
}

interface Measurement { mode: string; executionsPerSec: number; linesPerSec: number; cpuMsPerKiloLine: number; rssMb: number; heapMb: number; frames: number }

async function measure(mode: 'on' | 'off', durationMs: number): Promise<Measurement> {
  // no flows directory: API-created flows would otherwise be written back into ./flows
  const runtime: Runtime = await createRuntime({ memory: true, port: 0, watch: false, flowsDir: null });
  // through a real socket, as the served API is used: requests arrive as I/O, between which
  // the dashboard's timers get their turn (an in-process loop of promises would starve them)
  const url = await runtime.listen();
  for (const body of [TWO_TASKS, LOG_BURST]) {
    const r = await fetch(`${url}/api/v1/flows`, { method: 'POST', headers: { 'content-type': 'application/x-yaml' }, body });
    if (r.status !== 200) throw new Error(`cannot create bench flow: ${await r.text()}`);
  }
  let frames = 0;
  let dashboard: { stop(): Promise<void> } | undefined;
  if (mode === 'on') {
    // the same loading and mounting as `serve` (production React), on a fake 120×40 terminal
    const { startDashboard, runtimeDeps } = await loadDashboard();
    const info = { url, watching: false, storage: 'in memory', auth: false, version: 'bench' };
    dashboard = startDashboard(runtimeDeps(runtime, info, () => undefined), { stdout: discardingTerminal(), keys: false, onRender: () => { frames++; } });
  }
  const post = (flow: string) => () => fetch(`${url}/api/v1/executions/bench/${flow}?wait=true`, { method: 'POST' });

  // executions/s: closed loop of 32 concurrent wait=true runs of a two-task flow
  await load(post('two-tasks'), 32, 300);
  const ex = await load(post('two-tasks'), 32, durationMs);

  // log lines/s and CPU per line: 100,000 lines from executions of 100 lines each
  Bun.gc(true);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const runs = TOTAL_LINES / LINES_PER_EXECUTION;
  const send = post('log-burst');
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next++ < runs) await (await send()).arrayBuffer();
  }));
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await Bun.sleep(250); // let the last batch render
  Bun.gc(true);
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  await dashboard?.stop();
  await runtime.dispose();
  return {
    mode, executionsPerSec: ex.rps, linesPerSec: (TOTAL_LINES / elapsed) * 1000,
    cpuMsPerKiloLine: ((cpu.user + cpu.system) / 1000 / TOTAL_LINES) * 1000, rssMb, heapMb, frames,
  };
}

async function child(mode: 'on' | 'off', durationMs: number): Promise<Measurement> {
  const proc = Bun.spawn([BUN, 'bench/dashboard.ts', '--mode', mode, '--duration', String(durationMs)], { cwd: ROOT, stdout: 'pipe', stderr: 'inherit', env: { ...process.env, CI: 'true' } });
  const text = await new Response(proc.stdout).text();
  if ((await proc.exited) !== 0) throw new Error(`bench child (${mode}) failed: ${text}`);
  return JSON.parse(text.trim().split('\n').at(-1)!) as Measurement;
}

export async function run(durationMs = 3000, rounds = 2) {
  const off: Measurement[] = [];
  const on: Measurement[] = [];
  // alternate the modes so drift (thermal, other load) hits both alike; keep each mode's best
  for (let i = 0; i < rounds; i++) { off.push(await child('off', durationMs)); on.push(await child('on', durationMs)); }
  const best = (list: Measurement[]) => ({
    executionsPerSec: Math.max(...list.map((m) => m.executionsPerSec)),
    linesPerSec: Math.max(...list.map((m) => m.linesPerSec)),
    cpuMsPerKiloLine: Math.min(...list.map((m) => m.cpuMsPerKiloLine)),
    rssMb: Math.min(...list.map((m) => m.rssMb)),
    heapMb: Math.min(...list.map((m) => m.heapMb)),
    frames: Math.max(...list.map((m) => m.frames)),
  });
  const a = best(off);
  const b = best(on);
  return {
    off: a, on: b,
    executionsRatio: b.executionsPerSec / a.executionsPerSec,
    linesRatio: b.linesPerSec / a.linesPerSec,
    cpuShare: Math.max(0, 1 - a.cpuMsPerKiloLine / b.cpuMsPerKiloLine),
    rssDeltaMb: b.rssMb - a.rssMb,
  };
}

export function print(r: Awaited<ReturnType<typeof run>>) {
  console.log(`dashboard executions/s: on ${fmt(r.on.executionsPerSec)} vs off ${fmt(r.off.executionsPerSec)} = ${fmt(r.executionsRatio * 100, 1)}% (target >= 90%)`);
  console.log(`dashboard log lines/s: on ${fmt(r.on.linesPerSec)} vs off ${fmt(r.off.linesPerSec)} = ${fmt(r.linesRatio * 100, 1)}% (target >= 90%)`);
  console.log(`dashboard CPU share during 100,000 log lines: ${fmt(r.cpuShare * 100, 1)}% (${fmt(r.on.cpuMsPerKiloLine, 2)} vs ${fmt(r.off.cpuMsPerKiloLine, 2)} ms CPU per 1,000 lines; ${fmt(r.on.frames)} frames rendered)`);
  console.log(`RSS after 100,000 log lines: on ${fmt(r.on.rssMb, 1)} MB vs off ${fmt(r.off.rssMb, 1)} MB = +${fmt(r.rssDeltaMb, 1)} MB (target <= +50 MB); JS heap in use after GC: on ${fmt(r.on.heapMb, 1)} MB vs off ${fmt(r.off.heapMb, 1)} MB`);
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const mode = args[args.indexOf('--mode') + 1];
  const duration = Number(args.includes('--duration') ? args[args.indexOf('--duration') + 1] : 3000);
  if (args.includes('--mode') && (mode === 'on' || mode === 'off')) {
    console.log(JSON.stringify(await measure(mode, duration)));
    process.exit(0);
  } else {
    print(await run(duration));
  }
}
