// Namespace files throughput through a real socket: upload (multipart POST) and download (GET)
// of a 10 MB file, MB/s as the median of several runs, for memory and disk storage.
// `bun bench/files.ts [runs]`.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '../src/runtime.ts';
import { fmt } from './lib.ts';

const SIZE = 10 * 1024 * 1024;
const RUNS = Number(process.argv[2] ?? 9);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mbPerSecond = (ms: number) => SIZE / (1024 * 1024) / (ms / 1000);

async function measure(memory: boolean) {
  const dataDir = memory ? undefined : mkdtempSync(join(tmpdir(), 'kestra-lite-bench-files-'));
  const rt = await createRuntime({ memory, dataDir, port: 0, host: '127.0.0.1', flowsDir: null, fixturesDir: null, dashboard: false });
  try {
    const url = await rt.listen();
    const payload = new Uint8Array(SIZE).map((_, i) => (i * 2654435761) >>> 24);
    const ups: number[] = [];
    const downs: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const form = new FormData();
      form.append('fileContent', new File([payload], 'big.bin'));
      let t = performance.now();
      const up = await fetch(`${url}/api/v1/namespaces/bench/files?path=/big-${i}.bin`, { method: 'POST', body: form });
      await up.arrayBuffer();
      const upMs = performance.now() - t;
      if (up.status !== 200) throw new Error(`upload failed: ${up.status}`);
      t = performance.now();
      const down = await fetch(`${url}/api/v1/namespaces/bench/files?path=/big-${i}.bin`);
      const body = new Uint8Array(await down.arrayBuffer());
      const downMs = performance.now() - t;
      if (body.length !== SIZE || body[12345] !== payload[12345]) throw new Error('download mismatch');
      if (i > 0) { ups.push(upMs); downs.push(downMs); } // run 0 warms the JIT and the socket
    }
    return { upload: mbPerSecond(median(ups)), download: mbPerSecond(median(downs)), uploadMs: median(ups), downloadMs: median(downs) };
  } finally {
    await rt.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  for (const memory of [true, false]) {
    const r = await measure(memory);
    console.log(`${memory ? 'memory' : 'disk  '} storage, 10 MB file, median of ${RUNS}: upload ${fmt(r.upload)} MB/s (${fmt(r.uploadMs)} ms), download ${fmt(r.download)} MB/s (${fmt(r.downloadMs)} ms)`);
  }
}
