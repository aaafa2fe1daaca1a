// `npm run build:package` (also `prepack`): what the npm package ships besides src/ and bin/.
//   dist/testing/  `kestra-lite/testing` for Node: ESM JavaScript + .d.ts, compiled by tsc from
//                  src/testing/node.ts (Bun consumers get src/testing/index.ts, see `exports`)
//   dist/cli/      the CLI as one bytecode-compiled bundle, for the child `serve --no-dashboard` the
//                  Node harness starts: ready in ~100 ms instead of ~250 ms from TypeScript source.
//                  Ink and React stay external (their top-level await has no CommonJS bytecode
//                  form), so this bundle is headless; `npx kestra-lite` (bin/) runs src/cli.ts.

import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dir, '..');
const dist = join(root, 'dist');

function run(cmd: string[]) {
  const r = Bun.spawnSync(cmd, { cwd: root, stdout: 'inherit', stderr: 'inherit' });
  if (r.exitCode !== 0) throw new Error(`${cmd.join(' ')} failed (${r.exitCode})`);
}

rmSync(join(dist, 'testing'), { recursive: true, force: true });
rmSync(join(dist, 'cli'), { recursive: true, force: true });
run([process.execPath, 'x', 'tsc', '-p', 'tsconfig.testing.json']);
// tsc rewrites `.ts` specifiers in the JavaScript it emits, not in declarations: point them at the emitted files
for (const file of readdirSync(join(dist, 'testing')).filter((f) => f.endsWith('.d.ts'))) {
  const path = join(dist, 'testing', file);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/(from\s+'\.\/[\w-]+)\.ts'/g, "$1.js'"));
}
run([process.execPath, 'build', 'src/cli.ts', '--target=bun', '--format=cjs', '--bytecode', '--outdir', 'dist/cli',
  '--external', 'ink', '--external', 'react', '--external', 'react/*', '--external', 'react-devtools-core',
  '--define', 'process.env.NODE_ENV="production"']);
console.log('built dist/testing (Node harness + types) and dist/cli (bytecode CLI bundle)');
