// The flows of a directory, read once at start (every `.yml`/`.yaml` file at any depth, as the
// flows directory of `serve` reads them). The harness deploys them through the API instead of
// pointing the runtime at the directory: a runtime writes API changes back into its flows
// directory, and a test must never rewrite the project's files.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export interface FlowSource { source: string; file?: string }

/** hidden entries and dependency folders are never flows */
const skipped = (name: string) => name.startsWith('.') || name === 'node_modules';

export function readFlowDirectory(dir: string, cwd = process.cwd()): FlowSource[] {
  const root = resolve(cwd, dir);
  let isDir = false;
  try { isDir = statSync(root).isDirectory(); } catch { /* reported below */ }
  if (!isDir) throw new TypeError(`startKestraLite: flows directory '${dir}' does not exist (${root})`);
  const out: FlowSource[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (skipped(entry.name)) continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/i.test(entry.name)) out.push({ source: readFileSync(path, 'utf8'), file: relative(root, path) });
    }
  };
  walk(root);
  return out;
}
