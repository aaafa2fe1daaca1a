// The fixture set: every `.yml`/`.yaml` file under a directory (any depth), parsed with
// fixtures-format.ts, matched with fixtures-match.ts, played by fixtures-runner.ts. With
// `watch`, files are hot-reloaded (chokidar). An invalid file never breaks anything: it is
// reported by errors() and its last valid version (if any) stays in use, as for flow files.

import { watch, type FSWatcher } from 'chokidar';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { createDebouncer } from '../shared/debounce.ts';
import { parseFixtureFile, type FixtureFile } from './fixtures-format.ts';
import { matchFixture, type Fixture, type FixtureQuery } from './fixtures-match.ts';
import { createFixtureRunner } from './fixtures-runner.ts';
import type { RunnableTask } from './types.ts';

export type { Fixture, FixtureQuery } from './fixtures-match.ts';
export type { FixtureEntry, FixtureAttempt, FixtureLog } from './fixtures-format.ts';

export interface FixtureChange { file: string; kind: 'loaded' | 'invalid' | 'removed' }

export interface Fixtures {
  match(q: FixtureQuery): Fixture | undefined;
  /** the RunnableTask for every task type that cannot run locally */
  runner: RunnableTask;
  /** loads the directory (and starts watching it when `watch`) */
  start(): Promise<void>;
  close(): Promise<void>;
  /** files that failed to load, with the reason (sorted by file) */
  errors(): { file: string; message: string }[];
  /** loaded fixture files, sorted */
  files(): string[];
  /** called after each file (re)load or removal; returns an unsubscribe function */
  onChange(listener: (change: FixtureChange) => void): () => void;
}

export interface FixturesOptions { dir?: string; watch: boolean; strict: boolean }

const isYaml = (path: string) => /\.ya?ml$/i.test(path);

// chokidar drops a second `change` of a path within 50 ms of the previous one, so a quick
// double save could leave a stale fixture. Reading each path only once its events have been
// quiet for longer than that window always sees the last write (and turns an editor's
// unlink + add into a plain change).
const SETTLE_MS = 75;

function nearestExisting(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

function scan(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) scan(full, out);
    else if (e.isFile() && isYaml(e.name)) out.push(full);
  }
  return out;
}

export function createFixtures(opts: FixturesOptions): Fixtures {
  const dir = opts.dir ? resolve(opts.dir) : undefined;
  const loaded = new Map<string, FixtureFile>();
  const errors = new Map<string, string>();
  const listeners = new Set<(change: FixtureChange) => void>();
  let watcher: FSWatcher | undefined;
  let sorted: [string, FixtureFile][] | undefined; // cache of `loaded` in path order, reset on change

  const emit = (change: FixtureChange) => {
    sorted = undefined;
    for (const l of [...listeners]) l(change);
  };

  function load(path: string): void {
    const file = resolve(path);
    let text: string;
    try {
      if (!statSync(file).isFile()) return;
      text = readFileSync(file, 'utf8');
    } catch {
      // vanished between the event and the read: the unlink event will follow
      return;
    }
    try {
      loaded.set(file, parseFixtureFile(text));
      errors.delete(file);
      emit({ file, kind: 'loaded' });
    } catch (e) {
      errors.set(file, e instanceof Error ? e.message : String(e));
      emit({ file, kind: 'invalid' });
    }
  }

  function remove(path: string): void {
    const file = resolve(path);
    const hadFixtures = loaded.delete(file);
    const hadError = errors.delete(file);
    if (hadFixtures || hadError) emit({ file, kind: 'removed' });
  }

  function removeDir(path: string): void {
    const prefix = resolve(path) + sep;
    for (const file of new Set([...loaded.keys(), ...errors.keys()])) if (file.startsWith(prefix)) remove(file);
  }

  const settle = createDebouncer(
    SETTLE_MS,
    (file) => (existsSync(file) ? load(file) : remove(file)),
    (file, e) => errors.set(file, e instanceof Error ? e.message : String(e)),
  );

  const ordered = () => (sorted ??= [...loaded.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const match = (q: FixtureQuery) => matchFixture(ordered(), q);

  return {
    match,
    runner: createFixtureRunner({ match, strict: opts.strict }),
    async start() {
      if (!dir) return;
      if (opts.watch && !watcher) {
        // A fixtures directory may not exist yet. chokidar does not reliably notice a missing
        // root appearing, so the nearest existing ancestor is watched instead, pruned to the
        // path leading to the directory: its fixtures are seen as soon as it is created.
        const root = nearestExisting(dir);
        const w = watch(root, {
          ignoreInitial: true,
          ignored: (path, stats) => {
            const p = resolve(path);
            if (p.startsWith(dir + sep)) return (stats?.isFile() ?? false) && !isYaml(p);
            return !(p === dir || p === root || dir.startsWith(p + sep));
          },
        });
        watcher = w;
        w.on('all', (event, path) => {
          const file = resolve(path);
          if (event === 'unlinkDir' && (file === dir || file.startsWith(dir + sep))) removeDir(file);
          else if (file.startsWith(dir + sep) && (event === 'add' || event === 'change' || event === 'unlink')) settle.schedule(file);
        });
        w.on('error', (e) => errors.set(dir, `Watching fixtures failed: ${e instanceof Error ? e.message : String(e)}`));
        await new Promise<void>((ready) => w.once('ready', () => ready()));
      }
      // scanned after the watcher is ready so no file written meanwhile is missed (loads are idempotent)
      if (existsSync(dir)) for (const file of scan(dir)) load(file);
    },
    async close() {
      const w = watcher;
      watcher = undefined;
      await w?.close();
      settle.flush();
    },
    errors: () => [...errors.entries()].map(([file, message]) => ({ file, message })).sort((a, b) => (a.file < b.file ? -1 : 1)),
    files: () => ordered().map(([file]) => file),
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
