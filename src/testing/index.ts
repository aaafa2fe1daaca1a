// `kestra-lite/testing` under Bun: a kestra-lite per test, in this process by default (fastest),
// or as a child process with `mode: 'process'`. Node resolves the package's compiled build
// (node.ts), which has only the child-process mode. See docs in the README, "Test with kestra-lite".

import { startWith } from './start.ts';
import type { KestraLite, KestraLiteOptions } from './types.ts';

export * from './types.ts';

/** Starts a kestra-lite on a free port; `stop()` it when done (afterEach/afterAll). */
export async function startKestraLite(options: KestraLiteOptions = {}): Promise<KestraLite> {
  if (options.mode === 'process') {
    const { startProcess } = await import('./process.ts');
    return startWith(startProcess, 'process', options);
  }
  const { startInProcess } = await import('./in-process.ts');
  return startWith(startInProcess, 'in-process', options);
}
