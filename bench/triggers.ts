// Issue-5 figures: start-up with 10,000 scheduled flows (time to first 200 and RSS, against an
// empty instance), scheduler CPU while idle, and webhook-to-execution throughput and latency.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '../src/runtime.ts';
import { BUN, fmt, freePort, load, percentile, rssMb, spawnUntilReady } from './lib.ts';

const CRONS = ['0 * * * *', '*/5 * * * *', '30 2 * * *', '0 9 * * MON-FRI', '15 */6 * * *'];

async function seed(dir: string, count: number) {
  const rt = await createRuntime({ dataDir: dir, flowsDir: null, fixturesDir: null, watch: false, dashboard: false });
  for (let i = 0; i < count; i++) {
    const source = `id: s${i}\nnamespace: bench.n${i % 50}\ntriggers:\n  - id: t\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "${CRONS[i % CRONS.length]}"\n    timezone: ${i % 2 ? 'Europe/Paris' : 'UTC'}\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`;
    rt.flows.save('main', rt.flows.parseYaml(source), 'api');
  }
  await rt.dispose();
}

const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, clock ticks of 10 ms
};

async function startup(dir: string, idleMs: number) {
  const port = await freePort();
  const { proc, ms } = await spawnUntilReady([BUN, 'src/cli.ts', 'serve', '--port', String(port), '--data', dir, '--flows', join(dir, 'none'), '--no-watch', '--no-dashboard'], `http://127.0.0.1:${port}/api/v1/configs`);
  try {
    await Bun.sleep(1000); // let start-up garbage settle before reading RSS and idle CPU
    const rss = rssMb(proc.pid);
    const before = cpuSeconds(proc.pid);
    await Bun.sleep(idleMs);
    const cpuPerMinute = ((cpuSeconds(proc.pid) - before) / idleMs) * 60_000;
    const triggers = (await (await fetch(`http://127.0.0.1:${port}/api/v1/triggers/search?size=1`)).json() as { total: number }).total;
    return { ms, rss, cpuPerMinute, triggers };
  } finally {
    proc.kill('SIGTERM');
    await proc.exited;
  }
}

async function webhook(durationMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-hook-'));
  const port = await freePort();
  const { proc } = await spawnUntilReady([BUN, 'src/cli.ts', 'serve', '--port', String(port), '--memory', '--flows', dir, '--no-watch', '--no-dashboard'], `http://127.0.0.1:${port}/api/v1/configs`);
  const base = `http://127.0.0.1:${port}`;
  try {
    await fetch(`${base}/api/v1/flows`, { method: 'POST', headers: { 'content-type': 'application/x-yaml' }, body: 'id: hook\nnamespace: bench\ntriggers:\n  - id: in\n    type: io.kestra.plugin.core.trigger.Webhook\n    key: k\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ trigger.body.n }}"\n' });
    const send = () => fetch(`${base}/api/v1/executions/webhook/bench/hook/k`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":1}' });
    for (let i = 0; i < 300; i++) await (await send()).arrayBuffer();
    const times: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t = performance.now();
      const res = await send();
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const tp = await load(send, 32, durationMs);
    return { p50: percentile(times, 50), p99: percentile(times, 99), rps: tp.rps, errors: tp.errors };
  } finally {
    proc.kill('SIGTERM');
    await proc.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(count = 10_000) {
  const full = mkdtempSync(join(tmpdir(), 'kl-bench-sched-'));
  const empty = mkdtempSync(join(tmpdir(), 'kl-bench-empty-'));
  try {
    await seed(full, count);
    await seed(empty, 0);
    const base = await startup(empty, 5000);
    const loaded = await startup(full, 10_000);
    return { count, base, loaded, perTriggerMs: (loaded.ms - base.ms) / count, webhook: await webhook(3000) };
  } finally {
    rmSync(full, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
}

export function print(r: Awaited<ReturnType<typeof run>>) {
  console.log(`${fmt(r.count)} scheduled flows: start-up ${fmt(r.loaded.ms)} ms vs ${fmt(r.base.ms)} ms empty (+${fmt(r.loaded.ms - r.base.ms)} ms, ${fmt(r.perTriggerMs * 1000, 1)} µs per trigger; target load <= 1 s), RSS ${fmt(r.loaded.rss, 1)} MB vs ${fmt(r.base.rss, 1)} MB, ${fmt(r.loaded.triggers)} trigger contexts`);
  console.log(`scheduler idle CPU: ${fmt(r.loaded.cpuPerMinute * 1000)} ms per minute with ${fmt(r.count)} schedules (${fmt(r.base.cpuPerMinute * 1000)} ms empty)`);
  console.log(`webhook to execution: p50 ${fmt(r.webhook.p50, 2)} ms, p99 ${fmt(r.webhook.p99, 2)} ms (target p50 <= 2 ms), ${fmt(r.webhook.rps)} req/s with 32 concurrent${r.webhook.errors ? ` [errors: ${r.webhook.errors}]` : ''}`);
}

if (import.meta.main) print(await run());
