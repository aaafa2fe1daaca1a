// `npm run bench`: every benchmark, one line per figure. `npm run bench -- compare …`: before/after
// against a base revision (see compare.ts).

import { fmt } from './lib.ts';

if (process.argv[2] === 'compare') {
  const { compare } = await import('./compare.ts');
  await compare(process.argv.slice(3));
  process.exit(0);
}

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

if (want('startup')) {
  const { run } = await import('./startup.ts');
  const r = await run();
  console.log(`start-up to first 200 /api/v1/configs: source p50 ${fmt(r.source.p50, 1)} ms, binary p50 ${fmt(r.binary.p50, 1)} ms (target binary <= 150 ms)`);
  console.log(`idle RSS: source ${fmt(r.source.rss, 1)} MB, binary ${fmt(r.binary.rss, 1)} MB (target <= 80 MB)`);
}
if (want('http')) {
  const { run } = await import('./flows-http.ts');
  for (const [name, v] of Object.entries(await run())) {
    console.log(`flows ${name}: ${fmt(v.lite)} req/s vs bare Bun.serve ${fmt(v.bare)} req/s = ${fmt(v.ratio * 100, 1)}% (target GET >= 50%)`);
  }
}
if (want('watcher')) {
  const { run } = await import('./watcher.ts');
  const r = await run();
  console.log(`watcher save-to-visible: p50 ${fmt(r.p50, 1)} ms, p95 ${fmt(r.p95, 1)} ms (target p50 <= 100 ms)`);
}
if (want('executions')) {
  const { run, print } = await import('./executions.ts');
  print(await run());
}
if (want('compat')) {
  const { run, print } = await import('./compat.ts');
  print(await run());
}
if (want('control')) {
  const { run, print } = await import('./control.ts');
  print(await run());
}
if (want('stats')) {
  const { run, print } = await import('./stats.ts');
  print(await run());
}
if (want('triggers')) {
  const { run, print } = await import('./triggers.ts');
  print(await run());
}
if (want('plugins')) {
  const { run, print } = await import('./plugins.ts');
  print(await run());
}
if (want('dashboard')) {
  try {
    const { run, print } = await import('./dashboard.ts');
    print(await run());
  } catch (err) {
    console.log(`dashboard: not measured (${(err as Error).message})`);
  }
}
if (want('expressions')) {
  try {
    const mod = await import('./expressions.ts');
    await mod.run();
  } catch (err) {
    console.log(`expressions: not available (${(err as Error).message})`);
  }
}
if (want('testsuites')) {
  const { run, print } = await import('./testsuites.ts');
  print(await run());
}
