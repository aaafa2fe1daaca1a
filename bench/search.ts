// executions/search and logs/search with a namespace filter over big persisted stores, through a
// real `serve --data` process. Stores of 10k, 100k and 1M executions (two task runs and two logs
// each) are seeded through the tree's own store modules in large transactions, then cached under
// /tmp keyed by the tree's executions+logs schema, so a tree with the same schema reuses them and
// a schema change (a new index) gets a store built by its own migrations.

import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUN, ROOT, freePort, percentile, spawnUntilReady } from './lib.ts';

/** bump when the seeded data changes shape */
const SEED_VERSION = 1;
const CACHE = join(tmpdir(), 'kl-bench-search');
const T0 = Date.UTC(2025, 0, 1);
/** 25 teams, each with a child namespace: a team filter matches 2 of 50 namespaces (4% of rows) */
const NAMESPACES = Array.from({ length: 25 }, (_, t) => `bench.t${String(t).padStart(2, '0')}`).flatMap((ns) => [ns, `${ns}.sub`]);
const QUERIED = ['bench.t03', 'bench.t07', 'bench.t11', 'bench.t15', 'bench.t19'];
const STATES = ['SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILED', 'WARNING'] as const;

// The tree's own modules, loaded by path: the base revision is seeded with its code, not ours.
async function treeModules(tree: string) {
  const [db, executions, logs] = await Promise.all([
    import(join(tree, 'src/shared/db.ts')),
    import(join(tree, 'src/executions/store.ts')),
    import(join(tree, 'src/logs/store.ts')),
  ]);
  return { openDb: db.openDb, createExecutionStore: executions.createExecutionStore, createLogStore: logs.createLogStore };
}

/** Hash of the executions and logs schema the tree's migrations produce. */
export async function schemaKey(tree = ROOT): Promise<string> {
  const m = await treeModules(tree);
  const db = m.openDb(false);
  m.createExecutionStore(db);
  m.createLogStore(db);
  const sql = db.query("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND (tbl_name IN ('executions', 'logs')) ORDER BY name").all()
    .map((r: { sql: string }) => r.sql).join(';');
  db.close();
  return `${Bun.hash(sql).toString(16)}-s${SEED_VERSION}`;
}

const dataDir = (key: string, size: number) => join(CACHE, `${key}-${size}`);

function stateOf(current: string, start: number, end: number) {
  return { current, histories: [{ state: 'CREATED', date: start }, { state: 'RUNNING', date: start + 1 }, { state: current, date: end }] };
}

/** Seeds `size` executions into a fresh data dir (unless cached); returns the dir and the seconds it took (0 when cached). */
export async function seed(size: number, tree = ROOT): Promise<{ dir: string; seconds: number }> {
  const key = await schemaKey(tree);
  const dir = dataDir(key, size);
  if (existsSync(join(dir, 'seeded'))) return { dir, seconds: 0 };
  const started = performance.now();
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const m = await treeModules(tree);
  const db = m.openDb(join(building, 'kestra-lite.db'));
  const store = m.createExecutionStore(db);
  const logs = m.createLogStore(db);
  const BATCH = 20_000;
  for (let from = 0; from < size; from += BATCH) {
    const entries: unknown[] = [];
    db.transaction(() => {
      for (let i = from; i < Math.min(size, from + BATCH); i++) {
        const namespace = NAMESPACES[i % NAMESPACES.length]!;
        const flowId = `flow-${Math.floor(i / NAMESPACES.length) % 8}`;
        const id = `seed${i.toString(36).padStart(10, '0')}`;
        const start = T0 + i * 1000;
        const state = STATES[i % STATES.length]!;
        const taskRunList = ['extract', 'load'].map((taskId, k) => ({
          id: `${id}-t${k}`, executionId: id, namespace, flowId, taskId, outputs: k ? null : { rows: i },
          attempts: [{ state: stateOf(k ? state : 'SUCCESS', start + 2 + k * 100, start + 2 + (k + 1) * 100) }],
          state: stateOf(k ? state : 'SUCCESS', start + 2 + k * 100, start + 2 + (k + 1) * 100),
        }));
        store.save({
          tenant: 'main', id, namespace, flowId, flowRevision: 1, taskRunList, inputs: { name: `n${i % 100}` },
          labels: [{ key: 'env', value: i % 2 ? 'dev' : 'prod' }], state: stateOf(state, start, start + 250),
          originalId: id, deleted: false, metadata: { attemptNumber: 1, originalCreatedDate: start },
        });
        for (let k = 0; k < 2; k++) {
          entries.push({
            tenant: 'main', namespace, flowId, executionId: id, taskId: taskRunList[k]!.taskId, taskRunId: taskRunList[k]!.id,
            attemptNumber: 1, timestamp: start + 3 + k * 100, level: k && state === 'FAILED' ? 'ERROR' : 'INFO', thread: 'worker', message: `row ${i} step ${k}`,
          });
        }
      }
    })();
    logs.insert(entries);
    await null; // stores may group a turn's writes into one transaction: let it commit
  }
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  writeFileSync(join(building, 'seeded'), `${size}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return { dir, seconds: (performance.now() - started) / 1000 };
}

/** Median latency of sequential requests: at least 5, at most `max`, within about `budgetMs`. */
async function p50(urls: string[], expectTotal: (url: string) => number, max = 60, budgetMs = 8000): Promise<number> {
  for (const url of urls) await (await fetch(url)).arrayBuffer(); // warm-up: statements, page cache
  const times: number[] = [];
  const end = performance.now() + budgetMs;
  for (let i = 0; i < max && (i < 5 || performance.now() < end); i++) {
    const url = urls[i % urls.length]!;
    const t = performance.now();
    const res = await fetch(url);
    const body = await res.json() as { total: number; results: unknown[] };
    times.push(performance.now() - t);
    if (res.status !== 200 || body.total !== expectTotal(url) || body.results.length !== 25) {
      throw new Error(`${url}: status ${res.status}, total ${body.total} (expected ${expectTotal(url)}), ${body.results?.length} results`);
    }
  }
  times.sort((a, b) => a - b);
  return percentile(times, 50);
}

/** p50 of both searches (page 1, size 25, one team's namespace) over a seeded store of `size` executions. */
export async function measure(size: number, tree = ROOT) {
  const { dir } = await seed(size, tree);
  const flows = mkdtempSync(join(tmpdir(), 'kl-bench-search-flows-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/api/v1`;
  const { proc } = await spawnUntilReady([BUN, 'src/cli.ts', 'serve', '--port', String(port), '--flows', flows, '--data', dir, '--no-dashboard', '--no-watch'], `${base}/configs`, {}, 180_000);
  try {
    const matching = (size / NAMESPACES.length) * 2;
    const executions = await p50(QUERIED.map((ns) => `${base}/executions/search?namespace=${ns}&page=1&size=25`), () => matching);
    const logs = await p50(QUERIED.map((ns) => `${base}/logs/search?namespace=${ns}&page=1&size=25`), () => matching * 2);
    return { executions, logs };
  } finally {
    proc.kill('SIGTERM');
    await proc.exited;
    rmSync(flows, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const sizes = (process.argv[2] ?? '10000,100000').split(',').map(Number);
  for (const size of sizes) {
    const s = await seed(size);
    if (s.seconds) console.log(`seeded ${size} executions in ${s.seconds.toFixed(1)} s`);
    const r = await measure(size);
    console.log(`search at ${size.toLocaleString('en-US')} executions: executions/search p50 ${r.executions.toFixed(2)} ms, logs/search p50 ${r.logs.toFixed(2)} ms`);
  }
}
