// Memory evidence from inside a server process: loaded with `bun --preload bench/heap-sampler.ts`
// (bench/load.ts --heap FILE does so), it appends one JSON line per interval to KL_HEAP_LOG:
// RSS, the JS heap (bun:jsc heapStats: size, capacity, extra memory, object count, the biggest
// object-type counts), event-bus-independent process figures, and the active handles. A line at
// minute 1 and one at minute 2 tell reachable objects (heap size, object counts) from memory the
// allocator keeps (RSS growing while the heap stays flat).
//
// KL_HEAP_LOG=FILE [KL_HEAP_EVERY_MS=5000] [KL_HEAP_SNAPSHOT_AT=60,110 (seconds: write a
// Bun.generateHeapSnapshot() next to FILE)] bun --preload bench/heap-sampler.ts src/cli.ts serve …

import { heapStats } from 'bun:jsc';
import { appendFileSync, writeFileSync } from 'node:fs';

const file = process.env.KL_HEAP_LOG;
if (file) {
  const every = Number(process.env.KL_HEAP_EVERY_MS ?? 5000);
  const snapshots = (process.env.KL_HEAP_SNAPSHOT_AT ?? '').split(',').filter(Boolean).map(Number);
  const started = performance.now();
  const sample = () => {
    const s = heapStats();
    const m = process.memoryUsage();
    const top = Object.entries(s.objectTypeCounts).sort((a, b) => b[1] - a[1]).slice(0, 25);
    appendFileSync(file, JSON.stringify({
      t: Math.round((performance.now() - started) / 1000), rssMb: m.rss / 2 ** 20, heapMb: s.heapSize / 2 ** 20, capacityMb: s.heapCapacity / 2 ** 20,
      extraMb: s.extraMemorySize / 2 ** 20, objects: s.objectCount, protected: s.protectedObjectCount, arrayBuffersMb: m.arrayBuffers / 2 ** 20, top,
    }) + '\n');
  };
  const timer = setInterval(sample, every);
  timer.unref();
  for (const at of snapshots) {
    const t = setTimeout(() => writeFileSync(`${file}.${at}s.heapsnapshot`, JSON.stringify(Bun.generateHeapSnapshot())), at * 1000);
    t.unref();
  }
}
