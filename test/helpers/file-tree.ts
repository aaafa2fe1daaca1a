// A temporary directory holding the given files (paths relative to it, folders created), removed
// after the test that made it (helpers/cleanup.ts).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { releaseAfterTest } from './cleanup.ts';

export function fileTree(files: Record<string, string>, prefix = 'kl-tree-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  releaseAfterTest(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
