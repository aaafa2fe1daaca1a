// Cron engine throughput: next-fire computations per second for typical Schedule expressions in
// UTC and in a DST zone, plus the cost of registering 10,000 schedules (parse + first next fire).
// `bun bench/cron.ts`.

import { nextFire, parseCron } from '../src/triggers/cron/index.ts';
import { fmt } from './lib.ts';

const EXPRESSIONS = ['*/5 * * * *', '0 9 * * MON-FRI', '30 2 * * *', '0 0 1 * *', '0 0 13 * FRI', '*/10 * * * * *'];
const ZONES = ['UTC', 'Europe/Paris'];
const START = Date.UTC(2024, 0, 1);
// 1,024 reference instants spread over 2024 (deterministic, not aligned on any cron boundary)
const TIMES = Array.from({ length: 1024 }, (_, i) => START + i * 30_817_531);

function measure(expression: string, tz: string, minMs = 300): number {
  const c = parseCron(expression, expression.split(' ').length === 6);
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += nextFire(c, TIMES[i & 1023]!, tz) ?? 0; // warm the JIT
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 10_000; i++) sink += nextFire(c, TIMES[i & 1023]!, tz) ?? 0;
    n += 10_000;
    elapsed = performance.now() - start;
  }
  if (sink === 42) console.log(''); // keeps the loop from being optimised away
  return (n / elapsed) * 1000;
}

/** Parse and compute the first slot of 10,000 schedules, as the scheduler does at start-up. */
function registration(count = 10_000): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const c = parseCron(`${i % 60} ${i % 24} * * ${i % 7}`);
    nextFire(c, START + i * 1000, i % 2 ? 'Europe/Paris' : 'UTC');
  }
  return performance.now() - start;
}

export interface CronBench { rates: Record<string, number>; registrationMs: number }

export function run(): CronBench {
  const rates: Record<string, number> = {};
  for (const tz of ZONES) for (const e of EXPRESSIONS) rates[`${e} @ ${tz}`] = measure(e, tz);
  return { rates, registrationMs: registration() };
}

export function print(r: CronBench): void {
  for (const [label, rate] of Object.entries(r.rates)) {
    console.log(`cron next fire: ${label.padEnd(32)} ${fmt(rate).padStart(11)} /s = ${fmt(1e6 / rate, 2)} µs (target < 50 µs)`);
  }
  console.log(`cron: parse + first next fire of 10,000 schedules: ${fmt(r.registrationMs, 1)} ms (target well under 1 s)`);
}

if (import.meta.main) print(run());
