// The short variant of bench/load.ts: 10 clients × 3 s of the mixed workload over a real socket.
// Assertions only on correctness (no errors, no execution left unfinished), never on timing.
import { expect, test } from 'bun:test';
import { runLoad, seedLoad, unfinishedExecutions } from '../helpers/load-workload.ts';
import { testRuntime } from '../helpers/runtime.ts';

test('mixed load: 10 clients × 3 s, no errors, nothing stuck', async () => {
  const c = await testRuntime({ port: 0 });
  const base = await c.rt.listen();
  const flows = ['load-0', 'load-1', 'load-2'];
  await seedLoad(base, flows);
  // nothing a request subscribes (follow streams, waits for an execution) outlives it
  const listeners = () => (['execution.updated', 'log.created'] as const).map((name) => c.rt.events.listenerCount(name));
  const before = listeners();
  const result = await runLoad(base, { clients: 10, durationMs: 3000, flows });
  expect([...result.errorSamples.keys()]).toEqual([]);
  expect(result.errors).toBe(0);
  expect(result.requests).toBeGreaterThan(0);
  for (const op of ['create-wait', 'get', 'search', 'logs', 'kv-put', 'kv-get', 'flow-update', 'follow'] as const) {
    expect(result.byOp.get(op)?.count ?? 0).toBeGreaterThan(0);
  }
  expect(await unfinishedExecutions(base)).toBe(0);
  expect(listeners()).toEqual(before);
}, 30_000);
