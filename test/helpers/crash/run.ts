// The crash test loop, shared by the short test variant and bench/crash.ts: start a server over
// one data directory, check everything acknowledged so far, drive the write load, SIGKILL it at a
// seeded random moment, check the database file, repeat; a last restart checks the last kill.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newLedger, runLoad, seededRng, setUp } from './load.ts';
import { startServer, stopServer } from './server.ts';
import { integrityCheck, verify } from './verify.ts';

export interface CrashOptions {
  seed: number;
  iterations: number;
  workers?: number;
  /** the kill lands uniformly in [minMs, maxMs] after the load started */
  killAfterMs?: [number, number];
  log?: (line: string) => void;
}

export interface CrashResult {
  seed: number;
  iterations: number;
  /** acknowledged writes re-read after restarts (a key counted once per restart) */
  checks: number;
  /** distinct writes acknowledged over the whole run */
  acknowledged: number;
  failures: string[];
}

export async function crashTest(opts: CrashOptions): Promise<CrashResult> {
  const { seed, iterations, workers = 4, killAfterMs = [150, 1200], log = () => {} } = opts;
  const rng = seededRng(seed);
  const ledger = newLedger();
  const dataDir = mkdtempSync(join(tmpdir(), 'kl-crash-'));
  const failures: string[] = [];
  let checks = 0;
  try {
    for (let i = 0; i <= iterations; i++) {
      const server = await startServer(dataDir);
      const verdict = await verify(server.url, ledger, dataDir);
      checks += verdict.checked;
      failures.push(...verdict.failures.map((f) => `restart ${i}: ${f}`));
      if (i === iterations) {
        await stopServer(server, 'SIGTERM');
        break;
      }
      if (i === 0) await setUp(server.url, workers);
      let stopped = false;
      const killAt = killAfterMs[0] + rng() * (killAfterMs[1] - killAfterMs[0]);
      const load = runLoad(server.url, rng, ledger, workers, () => stopped, i);
      await Bun.sleep(killAt); // the point: a kill at an arbitrary moment of real work
      stopped = true;
      await stopServer(server, 'SIGKILL');
      failures.push(...(await load).map((f) => `round ${i}: ${f}`));
      const integrity = integrityCheck(dataDir);
      if (integrity !== 'ok') failures.push(`round ${i}: integrity_check: ${integrity}`);
      log(`round ${i + 1}/${iterations}: killed after ${Math.round(killAt)} ms; ${ledger.acknowledged} writes acknowledged so far, ${checks} checks, ${failures.length} failures`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { seed, iterations, checks, acknowledged: ledger.acknowledged, failures };
}
