// The long crash test: `bun bench/crash.ts [iterations] [seed]` — a real server under a mixed
// write load (flows, executions with Sleep tasks, KV, namespace files, trigger toggles,
// templates, dashboards), SIGKILLed at seeded random moments; every acknowledged write is
// checked after each restart, executions must all end, `PRAGMA integrity_check` must say ok.

import { crashTest } from '../test/helpers/crash/run.ts';

const iterations = Number(process.argv[2] ?? 30);
const seed = Number(process.argv[3] ?? (Date.now() % 1_000_000));
console.log(`crash test: ${iterations} iterations, seed ${seed}`);
const started = performance.now();
const result = await crashTest({ seed, iterations, log: (l) => console.log(l) });
console.log(`\nseed ${result.seed}: ${result.iterations} kills, ${result.acknowledged} writes acknowledged, ${result.checks} acknowledged-write checks, ` +
  `${result.failures.length} failures in ${((performance.now() - started) / 1000).toFixed(1)} s`);
for (const f of result.failures) console.log(`  FAIL ${f}`);
process.exit(result.failures.length ? 1 : 0);
