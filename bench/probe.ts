// One measuring step for `compare.ts`, in its own process: `bun bench/probe.ts <group> [sizes]`
// measures the tree named by KL_BENCH_TREE (default: this checkout) and prints its figures as
// one JSON line. The tree under test is only driven through its CLI and, for seeding, its store
// modules' public functions, so a base revision without this file can be measured by it.

import { latency, execute, withServer } from './executions.ts';
import { getVsBare } from './flows-http.ts';
import { load } from './lib.ts';
import { measure, seed } from './search.ts';
import { binaryVsBare, idleRss } from './startup.ts';

export const GROUPS = ['engine', 'http', 'startup', 'search'] as const;
export type Group = (typeof GROUPS)[number];
export type Figures = Record<string, number>;

const THROUGHPUT_MS = Number(process.env.KL_BENCH_THROUGHPUT_MS ?? 3000);

async function throughput(base: string): Promise<number> {
  await load(execute(base, 'two-tasks'), 32, 500); // warm-up
  const r = await load(execute(base, 'two-tasks'), 32, THROUGHPUT_MS);
  if (r.errors) throw new Error(`${r.errors} failed executions`);
  return r.rps;
}

export async function probe(group: Group, sizes: number[]): Promise<Figures> {
  switch (group) {
    case 'engine': {
      const memory = await withServer(false, async (base) => ({ ...(await latency(base, 1000)), rps: await throughput(base) }));
      const persisted = await withServer(true, async (base) => ({ ...(await latency(base, 300)), rps: await throughput(base) }));
      return {
        'oneLog.p50.memory': memory.p50, 'oneLog.p50.persisted': persisted.p50,
        'twoTask.eps.memory': memory.rps, 'twoTask.eps.persisted': persisted.rps,
      };
    }
    case 'http': {
      const r = await getVsBare();
      return { 'flowGet.ratio': r.ratio * 100, 'flowGet.cpuRatio': r.cpuRatio * 100, 'flowGet.rps': r.lite };
    }
    case 'startup': {
      const r = await binaryVsBare(7);
      return { 'startup.ratio': r.ratio, 'startup.ms': r.lite, 'startup.bareMs': r.bare, 'rss.idle': await idleRss() };
    }
    case 'search': {
      const out: Figures = {};
      for (const size of sizes) {
        const r = await measure(size);
        out[`search.executions.${size}`] = r.executions;
        out[`search.logs.${size}`] = r.logs;
      }
      return out;
    }
  }
}

if (import.meta.main) {
  const [group, rawSizes] = process.argv.slice(2);
  const sizes = (rawSizes ?? '10000,100000').split(',').map(Number);
  if (group === 'seed') {
    const out: Figures = {};
    for (const size of sizes) out[`seed.seconds.${size}`] = (await seed(size)).seconds;
    console.log(JSON.stringify(out));
  } else if ((GROUPS as readonly string[]).includes(group ?? '')) {
    console.log(JSON.stringify(await probe(group as Group, sizes)));
  } else {
    console.error(`usage: bun bench/probe.ts <${GROUPS.join('|')}|seed> [sizes]`);
    process.exit(2);
  }
}
