// Shared benchmark helpers: spawning a server process, waiting for its first 200, a closed-loop
// HTTP load generator, percentiles, RSS from /proc.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** This bench folder (its helper scripts are spawned by absolute path). */
export const BENCH = import.meta.dir;
/**
 * The source tree under test: this checkout, or another one named by KL_BENCH_TREE (`compare.ts`
 * measures a base revision with the current measuring scripts, which only spawn its CLI).
 */
export const ROOT = process.env.KL_BENCH_TREE ?? join(import.meta.dir, '..');
export const BUN = process.execPath;

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function freePort(): Promise<number> {
  const s = Bun.serve({ port: 0, fetch: () => new Response('') });
  const port = s.port!;
  s.stop(true);
  return port;
}

/** Spawns a server and resolves once `url` answers 200, with the elapsed milliseconds. */
export async function spawnUntilReady(cmd: string[], url: string, env: Record<string, string> = {}, timeoutMs = 20_000) {
  const started = performance.now();
  const proc = Bun.spawn(cmd, { cwd: ROOT, stdout: 'ignore', stderr: 'pipe', env: { ...process.env, CI: 'true', ...env } });
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) { await res.arrayBuffer(); break; }
    } catch { /* not listening yet */ }
    if (performance.now() - started > timeoutMs) {
      proc.kill();
      throw new Error(`server did not answer ${url} within ${timeoutMs} ms`);
    }
    await Bun.sleep(1);
  }
  return { proc, ms: performance.now() - started };
}

/** Closed-loop load: `concurrency` workers each sending requests back to back for `durationMs`. */
export async function load(url: string | (() => Promise<Response>), concurrency: number, durationMs: number): Promise<{ rps: number; count: number; errors: number; p50: number; p99: number }> {
  const send = typeof url === 'string' ? () => fetch(url) : url;
  const end = performance.now() + durationMs;
  let count = 0;
  let errors = 0;
  const latencies: number[] = [];
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        const res = await send();
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch { errors++; }
      latencies.push(performance.now() - t);
      count++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { rps: (count / elapsed) * 1000, count, errors, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; 10 ms ticks). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // the name may hold spaces
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, USER_HZ = 100
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
