// Which paths under the flows directory are flows, and a synchronous walk that finds them.
// chokidar 4+ dropped glob support, so the same predicate feeds both the start-up walk and the
// watcher's `ignored` function; one definition keeps the two from ever disagreeing.

import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';

const FLOW_EXTENSION = /\.ya?ml$/i;

// Editors save through side files (vim `.x.swp` and `4913`, emacs `.#x` and `#x#`, backups `x~`,
// JetBrains `x___jb_tmp___`, generic `x.tmp`); none of them may ever be read as a flow.
const EDITOR_ARTEFACTS = [/\.sw[a-p]$/i, /\.swx$/i, /~$/, /^\.#/, /^#.*#$/, /\.tmp$/i, /___jb_(tmp|old)___$/, /\.(bak|orig)$/i];

/** A name that hides itself or its whole subtree: dotfiles, dot-dirs, node_modules, editor artefacts. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules' || EDITOR_ARTEFACTS.some((r) => r.test(name));
}

/** A relative, '/'-separated path (stable across platforms, used in events and the mapping table). */
export function toRelative(dir: string, abs: string): string {
  return relative(dir, abs).split(sep).join('/');
}

/** True for a relative path that names a flow file. */
export function isFlowFile(rel: string): boolean {
  const parts = rel.split('/');
  const name = parts[parts.length - 1] ?? '';
  return !rel.startsWith('..') && parts.every((p) => p !== '' && !isIgnoredName(p)) && FLOW_EXTENSION.test(name);
}

const realOrUndefined = (abs: string) => { try { return realpathSync(abs); } catch { return undefined; } };

/**
 * True for a path that reaches, through a symlink, something inside the flows directory under a
 * second name: a loop (`sub/loop -> ..`) or an alias of a file or folder already there. Such a path
 * is neither scanned nor watched, so every flow file has exactly one name. Symlinks to places
 * outside the directory are followed as usual.
 */
export function aliasCheck(dir: string): (abs: string) => boolean {
  const realDir = realOrUndefined(dir) ?? dir;
  return (abs) => {
    const real = realOrUndefined(abs);
    if (real === undefined) return false;
    const inside = relative(realDir, real);
    if (inside.startsWith('..') || inside.startsWith(sep)) return false;
    return inside.split(sep).join('/') !== toRelative(dir, abs);
  };
}

/**
 * chokidar's `ignored` function. It is called with and without stats; without stats we cannot
 * tell a directory from a file, so the extension rule only applies once stats say "file".
 */
export function watcherIgnore(dir: string): (abs: string, stats?: Stats) => boolean {
  const isAlias = aliasCheck(dir);
  return (abs, stats) => {
    const rel = toRelative(dir, abs);
    if (rel === '' || rel.startsWith('..')) return false;
    const parts = rel.split('/');
    if (parts.some(isIgnoredName)) return true;
    if (isAlias(abs)) return true;
    return stats?.isFile() === true && !FLOW_EXTENSION.test(parts[parts.length - 1] ?? '');
  };
}

export interface FoundFile { rel: string; mtimeMs: number }

/**
 * Every flow file below `root` (relative to `dir`). Synchronous on purpose: the scan then runs
 * without interleaving with watcher callbacks. Symlinks into the directory itself are skipped (loops,
 * aliases); symlinked directories elsewhere are followed once (cycle guard).
 */
export function listFlowFiles(dir: string, onError: (rel: string, message: string) => void, root = dir): FoundFile[] {
  const out: FoundFile[] = [];
  const seen = new Set<string>();
  const isAlias = aliasCheck(dir);
  const visit = (abs: string) => {
    let real: string;
    try { real = realpathSync(abs); } catch { return; }
    if (seen.has(real)) return;
    seen.add(real);
    let names: string[];
    try { names = readdirSync(abs); } catch (err) {
      onError(toRelative(dir, abs), `cannot read directory: ${(err as Error).message}`);
      return;
    }
    for (const name of names.sort()) {
      if (isIgnoredName(name)) continue;
      const child = join(abs, name);
      if (isAlias(child)) continue;
      let st: Stats;
      try { st = statSync(child); } catch { continue; } // a dangling symlink is not a flow
      if (st.isDirectory()) visit(child);
      else if (st.isFile() && FLOW_EXTENSION.test(name)) out.push({ rel: toRelative(dir, child), mtimeMs: st.mtimeMs });
    }
  };
  visit(root);
  return out;
}
