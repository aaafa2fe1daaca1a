// `kestra-lite validate [PATH...]`: every flow and test suite under the paths, each problem as
// `file:line: message`; exit 1 on any problem. Fast and offline: a pre-commit hook.

import { createRuntime } from '../runtime.ts';
import { loadTree, problemLine } from './tree.ts';

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export async function validateTree(opts: { paths: string[]; cwd: string; flowsDir?: string }, line: (text: string) => void): Promise<number> {
  const runtime = await createRuntime({ memory: true, flowsDir: null, watch: false, dashboard: false, fixturesDir: null, cwd: opts.cwd });
  try {
    const tree = loadTree(opts.paths, opts.cwd, runtime.flows.parseFlow, opts.flowsDir ?? 'flows');
    for (const p of tree.problems) line(problemLine(p));
    const files = new Set(tree.problems.map((p) => p.file)).size;
    line(tree.problems.length
      ? `${tree.problems.length} problem${tree.problems.length > 1 ? 's' : ''} in ${files} file${files > 1 ? 's' : ''} (${counted(tree.flows.length, 'flow')} and ${counted(tree.suites.length, 'test suite')} valid)`
      : `${counted(tree.flows.length, 'flow')} and ${counted(tree.suites.length, 'test suite')} valid`);
    return tree.problems.length ? 1 : 0;
  } finally {
    await runtime.dispose();
  }
}
