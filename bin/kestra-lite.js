#!/usr/bin/env node
// `kestra-lite` command of an installed package: runs the CLI with the Bun binary that the
// `bun` npm package ships, so users need only Node.js and npm.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
let bun = process.env.KESTRA_LITE_BUN;
if (!bun) {
  try {
    bun = join(dirname(require.resolve('bun/package.json')), 'bin', process.platform === 'win32' ? 'bun.exe' : 'bun.exe');
  } catch {
    bun = 'bun';
  }
}
const child = spawn(bun, [join(here, '..', 'src', 'cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 0));
