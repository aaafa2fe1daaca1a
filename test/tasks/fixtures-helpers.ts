// Fixture directories on real temp dirs, removed after each test.
import { afterEach } from 'bun:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createFixtures, type FixtureChange, type Fixtures } from '../../src/tasks/fixtures.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'fixtures-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(files)) writeFile(dir, rel, text);
  return dir;
}

export function writeFile(dir: string, rel: string, text: string): string {
  const path = join(dir, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

export async function startFixtures(dir: string | undefined, opts: { watch?: boolean; strict?: boolean } = {}): Promise<Fixtures> {
  const fixtures = createFixtures({ dir, watch: opts.watch ?? false, strict: opts.strict ?? false });
  cleanups.push(() => fixtures.close());
  await fixtures.start();
  return fixtures;
}

/** Resolves on the first change after which `until` holds (watcher events, no polling delay). */
export function changed(fixtures: Fixtures, until: (c: FixtureChange) => boolean): Promise<FixtureChange> {
  return new Promise((resolve) => {
    const off = fixtures.onChange((c) => {
      if (until(c)) {
        off();
        resolve(c);
      }
    });
  });
}
