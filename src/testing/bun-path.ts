// Which Bun runs a child kestra-lite: $KESTRA_LITE_BUN, this process when it is Bun, the binary of
// the `bun` npm package (a dependency of kestra-lite), its platform package when the postinstall
// script did not run (npm --ignore-scripts leaves a placeholder), or `bun` on the PATH.

import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** the placeholder file the `bun` package ships before its postinstall is a few bytes; Bun is tens of MB */
const isBinary = (path: string) => {
  try { return statSync(path).size > 1_000_000; } catch { return false; }
};

function fromPackage(require: ReturnType<typeof createRequire>, name: string, file: string): string | undefined {
  try {
    const path = join(dirname(require.resolve(`${name}/package.json`)), file);
    return isBinary(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export function findBun(from: string, env: Record<string, string | undefined> = process.env): string {
  if (env.KESTRA_LITE_BUN) return env.KESTRA_LITE_BUN;
  if (process.versions.bun) return process.execPath;
  const require = createRequire(from);
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = process.arch === 'arm64' ? 'aarch64' : process.arch;
  const exe = process.platform === 'win32' ? 'bun.exe' : 'bun';
  return fromPackage(require, 'bun', 'bin/bun.exe')
    ?? fromPackage(require, `@oven/bun-${os}-${arch}`, `bin/${exe}`)
    ?? 'bun';
}
