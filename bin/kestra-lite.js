#!/usr/bin/env node
// `kestra-lite` command of an installed package: runs the CLI with the Bun binary that the
// `bun` npm package (a dependency) ships, so users need only Node.js and npm. $KESTRA_LITE_BUN
// overrides it; without the package (or when npm --ignore-scripts left its placeholder) the
// platform package @oven/bun-<os>-<arch>, then `bun` on the PATH.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

function fromPackage(name, file) {
  try {
    const path = join(dirname(require.resolve(`${name}/package.json`)), file);
    return statSync(path).size > 1_000_000 ? path : undefined; // the placeholder is a few bytes
  } catch {
    return undefined;
  }
}

const os = process.platform === 'win32' ? 'windows' : process.platform;
const arch = process.arch === 'arm64' ? 'aarch64' : process.arch;
const bun = process.env.KESTRA_LITE_BUN
  || fromPackage('bun', 'bin/bun.exe')
  || fromPackage(`@oven/bun-${os}-${arch}`, `bin/${process.platform === 'win32' ? 'bun.exe' : 'bun'}`)
  || 'bun';
const child = spawn(bun, [join(here, '..', 'src', 'cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('error', (err) => {
  process.stderr.write(`kestra-lite: cannot run Bun (${bun}): ${err.message}\nInstall the 'bun' package or set KESTRA_LITE_BUN.\n`);
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 0));
