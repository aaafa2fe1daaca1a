// A real local working directory (Kestra's LocalWorkingDir): a temporary folder under the OS
// temp dir that a WorkingDirectory task's children share; files are addressed by relative
// paths that may never leave it, and it is removed when the WorkingDirectory ends.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { relativeFileName } from './file-lines.ts';
import { rootedGlobMatcher } from './path-glob.ts';

export function createWorkingDir(): string {
  return mkdtempSync(join(tmpdir(), 'kestra-lite-wd-'));
}

export function removeWorkingDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** writes `name` (relative, `..` refused) into the directory, creating parent folders */
export function writeWorkingFile(dir: string, name: string, data: Uint8Array | string): string {
  const file = join(dir, ...relativeFileName(name).split('/'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
  return file;
}

export const readWorkingFile = (dir: string, name: string) => new Uint8Array(readFileSync(join(dir, ...relativeFileName(name).split('/'))));

/** every regular file, as a relative path with `/` separators (symlinks are not followed) */
export function listWorkingFiles(dir: string): { path: string; modified: number }[] {
  const out: { path: string; modified: number }[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push({ path: relative(dir, full).split(sep).join('/'), modified: statSync(full).mtimeMs });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * LocalWorkingDir.findAllFilesMatching: patterns are chrooted to the directory (`*.txt` only at
 * its top level, `out/**` below `out`), `glob:`/`regex:` prefixes match the absolute path.
 */
export function findWorkingFiles(dir: string, patterns: readonly string[]): string[] {
  if (!patterns.length) return [];
  const matches = rootedGlobMatcher(patterns);
  return listWorkingFiles(dir).map((f) => f.path).filter((p) => matches(`/${p}`));
}
