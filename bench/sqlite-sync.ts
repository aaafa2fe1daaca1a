// What SQLite durability costs: `bun bench/sqlite-sync.ts [writes]` opens the real database (WAL,
// as src/shared/db.ts does) under synchronous=NORMAL and =FULL and measures the write paths the
// server acknowledges one by one: an execution save (one transaction) and an execution save plus
// its log lines (two transactions, as the engine does). Plus the blob store's fsync'd put.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutionStore } from '../src/executions/store.ts';
import { createLogStore } from '../src/logs/store.ts';
import { diskBlobStore } from '../src/shared/storage/blobs.ts';
import { openDb } from '../src/shared/db.ts';
import { makeExecution } from '../test/helpers/execution-fixture.ts';

const writes = Number(process.argv[2] ?? 2000);

function measure(level: 'NORMAL' | 'FULL') {
  const dir = mkdtempSync(join(tmpdir(), 'kl-sync-'));
  try {
    const db = openDb(join(dir, 'kestra-lite.db'));
    db.exec(`PRAGMA synchronous = ${level}`);
    const executions = createExecutionStore(db);
    const logs = createLogStore(db);
    const now = Date.now();
    let t = performance.now();
    for (let i = 0; i < writes; i++) executions.save(makeExecution(now, { id: `e${i}` }));
    const saves = writes / ((performance.now() - t) / 1000);
    t = performance.now();
    for (let i = 0; i < writes; i++) {
      logs.insert([{ tenant: 'main', namespace: 'company.team', flowId: 'hello', executionId: `e${i}`, taskId: 't', attemptNumber: 0, timestamp: now, level: 'INFO', thread: 'worker', message: `line ${i}` }]);
      executions.save(makeExecution(now, { id: `e${i}` }));
    }
    const pairs = writes / ((performance.now() - t) / 1000);
    db.close();
    return { saves, pairs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function blobPuts() {
  const dir = mkdtempSync(join(tmpdir(), 'kl-blob-'));
  try {
    const blobs = diskBlobStore(dir);
    const data = new Uint8Array(4096).fill(7);
    const n = Math.min(writes, 1000);
    const t = performance.now();
    for (let i = 0; i < n; i++) blobs.put(`ns/_files/f${i % 50}.bin`, data);
    return n / ((performance.now() - t) / 1000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

measure('NORMAL'); // warm-up
for (const level of ['NORMAL', 'FULL'] as const) {
  const r = measure(level);
  console.log(`synchronous=${level.padEnd(6)} execution saves: ${Math.round(r.saves)}/s   log insert + execution save: ${Math.round(r.pairs)}/s  (${writes} each)`);
}
console.log(`blob put (4 KiB, write + fsync + rename): ${Math.round(blobPuts())}/s`);
