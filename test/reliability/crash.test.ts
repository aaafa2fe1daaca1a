// Crash safety in persisted mode, with a real server process: the short variant of bench/crash.ts
// (3 seeded kill -9 under a mixed write load), and SIGTERM in the middle of running executions.

import { describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crashTest } from '../helpers/crash/run.ts';
import { startServer, stopServer } from '../helpers/crash/server.ts';
import { integrityCheck } from '../helpers/crash/verify.ts';

describe('crash safety (persisted mode, real process)', () => {
  test('kill -9 three times under load: every acknowledged write survives, nothing stays running, integrity ok', async () => {
    const seed = Math.floor(Math.random() * 1_000_000);
    console.log(`crash test seed: ${seed} (replay: bun bench/crash.ts 3 ${seed})`);
    const result = await crashTest({ seed, iterations: 3 });
    expect(result.failures).toEqual([]);
    expect(result.acknowledged).toBeGreaterThan(20);
    expect(result.checks).toBeGreaterThan(20);
  }, 120_000);

  test('SIGTERM while executions sleep: exit 0, and after a restart they resume and succeed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-sigterm-'));
    const flow = 'id: slow\nnamespace: crash.term\ntasks:\n  - id: first\n    type: io.kestra.plugin.core.log.Log\n    message: first\n'
      + '  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1S\n  - id: last\n    type: io.kestra.plugin.core.log.Log\n    message: last\n';
    try {
      const first = await startServer(dir);
      expect((await fetch(`${first.url}/api/v1/flows`, { method: 'POST', headers: { 'content-type': 'application/x-yaml' }, body: flow })).status).toBe(200);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(((await (await fetch(`${first.url}/api/v1/executions/crash.term/slow`, { method: 'POST' })).json()) as any).id);
      // wait until every execution is inside its Sleep: the first log is written, the last not yet
      for (const id of ids) {
        for (;;) {
          const e = (await (await fetch(`${first.url}/api/v1/executions/${id}`)).json()) as any;
          if (e.taskRunList.some((t: any) => t.taskId === 'nap' && t.state.current === 'RUNNING')) break;
          await Bun.sleep(20);
        }
      }
      expect(await stopServer(first, 'SIGTERM')).toBe(0);
      expect(integrityCheck(dir)).toBe('ok');

      const second = await startServer(dir);
      for (const id of ids) {
        let e = (await (await fetch(`${second.url}/api/v1/executions/${id}`)).json()) as any;
        while (e.state.current !== 'SUCCESS' && e.state.current !== 'FAILED') {
          await Bun.sleep(50); // a real process on a real clock: polling is the way to watch it
          e = (await (await fetch(`${second.url}/api/v1/executions/${id}`)).json()) as any;
        }
        expect(e.state.current).toBe('SUCCESS');
        const logs = ((await (await fetch(`${second.url}/api/v1/logs/${id}`)).json()) as any).map((l: any) => l.message);
        expect(logs).toContain('first');
        expect(logs).toContain('last');
      }
      expect(await stopServer(second, 'SIGTERM')).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
