// What a test started is released after it, in every test file. A hook registered in a shared
// helper module only applies to the first file that imports it (Bun evaluates the module once per
// run), so the one hook lives here, preloaded for every file by bunfig.toml, and the helpers
// register what to release.

import { afterEach } from 'bun:test';

const pending: (() => unknown)[] = [];

/** `release` runs after the current test (latest first), whichever file the test is in. */
export function releaseAfterTest(release: () => unknown): void {
  pending.push(release);
}

afterEach(async () => {
  while (pending.length) await pending.pop()!();
});
