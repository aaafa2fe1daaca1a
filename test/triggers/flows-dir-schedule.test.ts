// A Schedule edited in the flows directory: the watcher re-syncs the trigger without a
// duplicate or a lost fire; changing the cron reschedules it.
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeClock, type FakeClock } from '../../src/shared/time/clock.ts';
import { testRuntime } from '../helpers/runtime.ts';

const tick = async (n = 3) => { for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r)); };
const flow = (cron: string, description: string) => `id: sched\nnamespace: t\ndescription: ${description}\ntriggers:\n  - id: every\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "${cron}"\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ trigger.date }}"\n`;

describe('schedules in the flows directory', () => {
  test('editing the file keeps the slot; changing the cron reschedules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-dir-sched-'));
    try {
      writeFileSync(join(dir, 'sched.yml'), flow('0 * * * *', 'v1'));
      const c = await testRuntime({ flowsDir: dir, clock: fakeClock(Date.UTC(2025, 0, 1)) });
      const clock = c.rt.clock as FakeClock;
      const synced = (description: string) => new Promise<void>((resolve) => {
        const off = c.rt.events.on('flow.file-synced', () => {
          if (c.rt.flows.getCurrent('main', 't', 'sched')?.flow.description === description) { off(); resolve(); }
        });
      });
      const advance = async (ms: number) => { for (let d = 0; d < ms; d += 60_000) { clock.advance(60_000); await tick(); } };
      const dates = async () => (await c.json('GET', '/api/v1/executions/search?flowId=sched&namespace=t&sort=state.startDate:asc')).body.results.map((e: any) => e.trigger.variables.date);

      await advance(30 * 60_000);
      let done = synced('v2');
      writeFileSync(join(dir, 'sched.yml'), flow('0 * * * *', 'v2'));
      await done;
      await advance(30 * 60_000);
      expect(await dates()).toEqual(['2025-01-01T01:00:00Z']);

      done = synced('v3');
      writeFileSync(join(dir, 'sched.yml'), flow('30 * * * *', 'v3'));
      await done;
      await advance(30 * 60_000);
      expect(await dates()).toEqual(['2025-01-01T01:00:00Z', '2025-01-01T01:30:00Z']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
