// `npm run build:all`: the single binary for every platform kestra-lite supports, cross-compiled
// with `bun build --compile --target=...`. Bun fetches each target's runtime from the npm registry
// (@oven/bun-<os>-<arch>) the first time; a target it cannot get is reported, the rest are built.
//   bun scripts/build-all.ts [target ...]     e.g. bun-linux-x64 bun-darwin-arm64

import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TARGETS = ['bun-linux-x64', 'bun-linux-arm64', 'bun-darwin-x64', 'bun-darwin-arm64', 'bun-windows-x64'] as const;
const root = join(import.meta.dir, '..');
const wanted = process.argv.length > 2 ? process.argv.slice(2) : [...TARGETS];
const unknown = wanted.filter((t) => !(TARGETS as readonly string[]).includes(t));
if (unknown.length) {
  console.error(`unknown target(s): ${unknown.join(', ')} (known: ${TARGETS.join(', ')})`);
  process.exit(2);
}
mkdirSync(join(root, 'dist', 'bin'), { recursive: true });

const results: { target: string; ok: boolean; detail: string }[] = [];
for (const target of wanted) {
  const outfile = join('dist', 'bin', `kestra-lite-${target.slice(4)}${target.includes('windows') ? '.exe' : ''}`);
  const started = performance.now();
  const r = Bun.spawnSync([process.execPath, 'build', 'src/cli.ts', '--compile', `--target=${target}`, '--bytecode', '--format=esm',
    '--define', 'process.env.NODE_ENV="production"', '--outfile', outfile], { cwd: root, stdout: 'pipe', stderr: 'pipe' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (r.exitCode === 0) {
    results.push({ target, ok: true, detail: `${outfile} (${(statSync(join(root, outfile)).size / 1e6).toFixed(0)} MB, ${seconds} s)` });
  } else {
    const why = `${r.stderr.toString()}${r.stdout.toString()}`.trim().split('\n').slice(-3).join(' ');
    results.push({ target, ok: false, detail: `not built: ${why || `exit code ${r.exitCode}`} — Bun downloads this target's runtime from the npm registry (@oven/bun-*); check the network or the registry setting` });
  }
  console.log(`${results.at(-1)!.ok ? 'built ' : 'FAILED'} ${target}: ${results.at(-1)!.detail}`);
}
const failed = results.filter((r) => !r.ok);
console.log(`${results.length - failed.length}/${results.length} targets built${failed.length ? `; missing: ${failed.map((f) => f.target).join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
