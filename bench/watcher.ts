// Flows-directory save-to-visible latency: write a flow file, time until the API serves the
// new revision (measured in-process, on a real temp directory and the real chokidar watcher).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '../src/runtime.ts';
import { fmt, percentile } from './lib.ts';

export async function run(saves = 40) {
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-watch-'));
  const file = join(dir, 'watched.yml');
  const source = (n: number) => `id: watched\nnamespace: bench\ndescription: save ${n}\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`;
  writeFileSync(file, source(0));
  const rt = await createRuntime({ memory: true, flowsDir: dir, dashboard: false });
  const latencies: number[] = [];
  try {
    for (let i = 1; i <= saves; i++) {
      const visible = new Promise<void>((resolve) => {
        const off = rt.events.on('flow.changed', (e) => { if (e.id === 'watched') { off(); resolve(); } });
      });
      const t = performance.now();
      writeFileSync(file, source(i));
      await visible;
      const res = await rt.app.handle(new Request('http://localhost/api/v1/flows/bench/watched'));
      const body = await res.json() as { description: string };
      if (body.description !== `save ${i}`) throw new Error('watcher served a stale revision');
      latencies.push(performance.now() - t);
      await Bun.sleep(20); // separate saves the way a person does; debouncing would merge back-to-back writes
    }
  } finally {
    await rt.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

if (import.meta.main) {
  const r = await run();
  console.log(`watcher save-to-visible: p50 ${fmt(r.p50, 1)} ms, p95 ${fmt(r.p95, 1)} ms (target p50 <= 100 ms)`);
}
