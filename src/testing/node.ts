// `kestra-lite/testing` under Node (node:test, vitest, jest): the compiled build of the package
// (dist/testing/node.js). kestra-lite needs Bun's runtime, so every instance is a child process
// running the Bun binary of the `bun` dependency; the API is the same as under Bun.

import { startProcess } from './process.ts';
import { startWith } from './start.ts';
import type { KestraLite, KestraLiteOptions } from './types.ts';

export * from './types.ts';

/** Starts a kestra-lite child process on a free port; `stop()` it when done (afterEach/after). */
export async function startKestraLite(options: KestraLiteOptions = {}): Promise<KestraLite> {
  if (options.mode === 'in-process') throw new TypeError("startKestraLite: mode 'in-process' needs Bun; under Node kestra-lite runs as a child process");
  return startWith(startProcess, 'process', options);
}
