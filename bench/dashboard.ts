// The terminal dashboard's cost on a real `kestra-lite serve`: executions/s and log lines/s with
// the dashboard on vs off, the server's CPU per 1,000 log lines, and its RSS after 100,000 log
// lines. The server runs as its own process, as a developer runs it: "on" inside a 120×40 tmux
// pane (a real terminal, so `serve` draws the dashboard); "off" with `--no-dashboard`, its plain
// lines going to /dev/null (what `serve` does without the dashboard); "quiet" with `--quiet`, no
// output after its start banner (the strict baseline: the engine alone). The load comes from this process over
// HTTP, so the client's own CPU and memory are not counted against the server.
//
//   bun bench/dashboard.ts [--rounds N] [--duration MS]

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUN, fmt, freePort, load, ROOT, rssMb } from './lib.ts';

const TWO_TASKS = 'id: two-tasks\nnamespace: bench\ntasks:\n  - id: out\n    type: io.kestra.plugin.core.output.OutputValues\n    values:\n      n: 1\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "n={{ outputs.out.values.n }}"\n';
const LINES_PER_EXECUTION = 100;
const LOG_BURST = `id: log-burst\nnamespace: bench\ntasks:\n  - id: burst\n    type: io.kestra.plugin.core.log.Log\n    message:\n${Array.from({ length: LINES_PER_EXECUTION }, (_, i) => `      - "line ${i} of execution {{ execution.id }}"`).join('\n')}\n`;
const TOTAL_LINES = 100_000;
/** idle time before the "after" RSS and CPU readings, the same in every mode: it covers the
 *  dashboard's last redraw and the one full collection `serve` runs after a burst */
const SETTLE_MS = 4000;
const TMUX = ['tmux', '-L', 'kestra-lite-bench'];

interface Server { pid: number; url: string; stop(): Promise<void>; screen(): Promise<string> }

async function sh(cmd: string[]): Promise<string> {
  const p = Bun.spawn(cmd, { stdout: 'pipe', stderr: 'pipe' });
  const [out, err] = [await new Response(p.stdout).text(), await new Response(p.stderr).text()];
  if ((await p.exited) !== 0) throw new Error(`${cmd.join(' ')} failed: ${err || out}`);
  return out;
}

async function waitReady(url: string) {
  const deadline = performance.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/v1/configs`);
      if (r.status === 200) { await r.arrayBuffer(); return; }
    } catch { /* not listening yet */ }
    if (performance.now() > deadline) throw new Error(`server at ${url} did not start`);
    await Bun.sleep(20);
  }
}

type Mode = 'on' | 'off' | 'quiet';

async function startServer(mode: Mode): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // an empty flows directory of its own: API-created flows are written back to it
  const flows = mkdtempSync(join(tmpdir(), 'kl-bench-flows-'));
  const args = ['src/cli.ts', 'serve', '--memory', '--no-watch', '--flows', flows, '--port', String(port)];
  const cleanup = () => rmSync(flows, { recursive: true, force: true });
  if (mode !== 'on') {
    const proc = Bun.spawn([BUN, ...args, mode === 'off' ? '--no-dashboard' : '--quiet'], { cwd: ROOT, stdout: 'ignore', stderr: 'inherit' });
    const stop = async () => { proc.kill('SIGTERM'); await proc.exited; cleanup(); };
    await waitReady(url).catch(async (err) => { await stop(); throw err; });
    return { pid: proc.pid, url, screen: async () => '', stop };
  }
  const session = `bench-${port}`;
  // `exec` makes the pane's process the server itself; CI is unset so `serve` picks the dashboard
  const command = `cd '${ROOT}' && exec env -u CI '${BUN}' ${args.join(' ')}`;
  const pid = Number((await sh([...TMUX, 'new-session', '-d', '-s', session, '-x', '120', '-y', '40', '-P', '-F', '#{pane_pid}', command]).catch((err) => { cleanup(); throw err; })).trim());
  const stop = async () => {
    try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
    for (let i = 0; i < 100 && alive(pid); i++) await Bun.sleep(20);
    await sh([...TMUX, 'kill-session', '-t', session]).catch(() => '');
    cleanup();
  };
  await waitReady(url).catch(async (err) => { await stop(); throw err; });
  return { pid, url, screen: () => sh([...TMUX, 'capture-pane', '-p', '-t', session]), stop };
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

const TICKS_PER_SECOND = Number(Bun.spawnSync(['getconf', 'CLK_TCK']).stdout.toString().trim()) || 100;

/** CPU milliseconds (user + system, all threads) the process has used, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

interface Measurement { mode: string; executionsPerSec: number; linesPerSec: number; cpuMsPerKiloLine: number; idleRssMb: number; peakRssMb: number; rssMb: number; drewDashboard: boolean }

async function measure(mode: Mode, durationMs: number): Promise<Measurement> {
  const server = await startServer(mode);
  try {
    const { url, pid } = server;
    for (const body of [TWO_TASKS, LOG_BURST]) {
      const r = await fetch(`${url}/api/v1/flows`, { method: 'POST', headers: { 'content-type': 'application/x-yaml' }, body });
      if (r.status !== 200) throw new Error(`cannot create bench flow: ${await r.text()}`);
    }
    await Bun.sleep(500);
    const idleRssMb = rssMb(pid);
    const post = (flow: string) => () => fetch(`${url}/api/v1/executions/bench/${flow}?wait=true`, { method: 'POST' });

    // executions/s: closed loop of 32 concurrent wait=true runs of a two-task flow
    await load(post('two-tasks'), 32, 300);
    const ex = await load(post('two-tasks'), 32, durationMs);

    // log lines/s, server CPU and peak RSS: 100,000 lines from executions of 100 lines each
    let peak = 0;
    const sampler = setInterval(() => { peak = Math.max(peak, rssMb(pid)); }, 50);
    const cpu0 = cpuMs(pid);
    const t0 = performance.now();
    const send = post('log-burst');
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next++ < TOTAL_LINES / LINES_PER_EXECUTION) await (await send()).arrayBuffer();
    }));
    const elapsed = performance.now() - t0;
    clearInterval(sampler);
    await Bun.sleep(SETTLE_MS);
    const cpu = cpuMs(pid) - cpu0;
    const screen = await server.screen();
    return {
      mode, executionsPerSec: ex.rps, linesPerSec: (TOTAL_LINES / elapsed) * 1000,
      cpuMsPerKiloLine: (cpu / TOTAL_LINES) * 1000, idleRssMb, peakRssMb: peak, rssMb: rssMb(pid),
      drewDashboard: screen.includes('Executions') && screen.includes('log-burst'),
    };
  } finally {
    await server.stop();
  }
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };

export async function run(durationMs = 2000, rounds = 5) {
  if (!Bun.which('tmux')) throw new Error('the dashboard benchmark needs tmux (apt-get install tmux)');
  const off: Measurement[] = [];
  const quiet: Measurement[] = [];
  const on: Measurement[] = [];
  // interleave the modes and rotate their order each round, so drift (thermal, other load)
  // does not always land on the same one; report medians
  const lists = { off, quiet, on } as const;
  const order: Mode[] = ['off', 'quiet', 'on'];
  for (let i = 0; i < rounds; i++) {
    for (let j = 0; j < order.length; j++) {
      const mode = order[(i + j) % order.length]!;
      lists[mode].push(await measure(mode, durationMs));
    }
  }
  if (!on.every((m) => m.drewDashboard)) throw new Error('the "on" server did not draw the dashboard: the figures would not measure it');
  const summary = (list: Measurement[]) => ({
    executionsPerSec: median(list.map((m) => m.executionsPerSec)),
    linesPerSec: median(list.map((m) => m.linesPerSec)),
    cpuMsPerKiloLine: median(list.map((m) => m.cpuMsPerKiloLine)),
    idleRssMb: median(list.map((m) => m.idleRssMb)),
    peakRssMb: median(list.map((m) => m.peakRssMb)),
    rssMb: median(list.map((m) => m.rssMb)),
  });
  const b = summary(on);
  // ratios are taken per round (on and its baseline ran back to back) and their median reported:
  // run-to-run drift on a small machine is larger than the dashboard's cost
  const against = (base: Measurement[]) => ({
    ...summary(base),
    executionsRatio: median(on.map((m, i) => m.executionsPerSec / base[i]!.executionsPerSec)),
    linesRatio: median(on.map((m, i) => m.linesPerSec / base[i]!.linesPerSec)),
    cpuShare: median(on.map((m, i) => 1 - base[i]!.cpuMsPerKiloLine / m.cpuMsPerKiloLine)),
    rssDeltaMb: median(on.map((m, i) => m.rssMb - base[i]!.rssMb)),
  });
  return { on: b, off: against(off), quiet: against(quiet), rounds, raw: { on, off, quiet } };
}

export function print(r: Awaited<ReturnType<typeof run>>) {
  const pct = (x: number) => `${fmt(x * 100, 1)}%`;
  const mb = (x: number) => `${x >= 0 ? '+' : ''}${fmt(x, 1)} MB`;
  const { on, off, quiet } = r;
  console.log(`dashboard on vs off (--no-dashboard, plain lines to /dev/null) and vs quiet (--quiet, no output); serve processes, ${r.rounds} rounds, medians of per-round ratios:`);
  console.log(`  executions/s: on ${fmt(on.executionsPerSec)} vs off ${fmt(off.executionsPerSec)} = ${pct(off.executionsRatio)}, vs quiet ${fmt(quiet.executionsPerSec)} = ${pct(quiet.executionsRatio)} (target >= 90%)`);
  console.log(`  log lines/s: on ${fmt(on.linesPerSec)} vs off ${fmt(off.linesPerSec)} = ${pct(off.linesRatio)}, vs quiet ${fmt(quiet.linesPerSec)} = ${pct(quiet.linesRatio)} (target >= 90%)`);
  console.log(`  server CPU per 1,000 log lines: on ${fmt(on.cpuMsPerKiloLine, 2)} ms, off ${fmt(off.cpuMsPerKiloLine, 2)} ms, quiet ${fmt(quiet.cpuMsPerKiloLine, 2)} ms: dashboard share ${pct(quiet.cpuShare)} of the server's CPU (vs plain lines ${pct(off.cpuShare)})`);
  console.log(`  RSS ${SETTLE_MS / 1000} s after 100,000 log lines: on ${fmt(on.rssMb, 1)} MB, off ${fmt(off.rssMb, 1)} MB (${mb(off.rssDeltaMb)}), quiet ${fmt(quiet.rssMb, 1)} MB (${mb(quiet.rssDeltaMb)}) (target <= +50 MB)`);
  for (const [name, list] of Object.entries(r.raw)) {
    console.log(`  rounds ${name}: ${list.map((m) => `${fmt(m.executionsPerSec)} ex/s ${fmt(m.linesPerSec)} lines/s ${fmt(m.cpuMsPerKiloLine, 1)} ms ${fmt(m.rssMb)} MB`).join(' | ')}`);
  }
  console.log(`  RSS idle before the load: on ${fmt(on.idleRssMb, 1)}, off ${fmt(off.idleRssMb, 1)}, quiet ${fmt(quiet.idleRssMb, 1)} MB; peak while streaming: on ${fmt(on.peakRssMb, 1)}, off ${fmt(off.peakRssMb, 1)}, quiet ${fmt(quiet.peakRssMb, 1)} MB`);
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const opt = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  print(await run(opt('--duration', 2000), opt('--rounds', 5)));
}
