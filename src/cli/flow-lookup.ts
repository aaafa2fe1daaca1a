// Where `kestra-lite test|validate FILE.tests.yml` finds the flow a suite tests when it is not
// among the paths given: the suite file's folder, then each parent folder up to the project root
// (the working directory), each with its sub-folders, except the root itself, whose own files only
// are read (a project root holds much besides flows); then the flows directory (`--flows`, default
// ./flows) with its sub-folders. The first folder holding the flow wins, and every flow of that
// folder comes with it, so the subflows next to it run too. A suite outside the working directory
// looks in its own folder and the flows directory only.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { FlowParse, ParsedFlow } from '../flows/service.ts';
import { looksLikeSuite, type TestSuite } from '../testsuites/model.ts';

export interface LoadedFlow { file: string; flow: ParsedFlow }

const YAML_FILE = /\.ya?ml$/i;

export interface FlowLookup {
  /** the flows of the first folder holding the suite's flow, or the folders looked in when none does */
  find(suite: TestSuite, suiteFile: string): { found: LoadedFlow[] } | { lookedIn: string[] };
}

export function createFlowLookup(cwd: string, flowsDir: string, parseFlow: (source: string) => FlowParse): FlowLookup {
  const root = resolve(cwd);
  const parsed = new Map<string, LoadedFlow | null>();
  const flowsIn = new Map<string, LoadedFlow[]>();

  function flowOf(abs: string): LoadedFlow | null {
    if (parsed.has(abs)) return parsed.get(abs)!;
    let out: LoadedFlow | null = null;
    try {
      const source = readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
      // files that are no flow (suites, other YAML of the project) are skipped: they are not under test
      const p = looksLikeSuite(source) ? undefined : parseFlow(source);
      if (p?.ok) out = { file: relative(cwd, abs) || abs, flow: p.flow };
    } catch { /* unreadable: not a flow */ }
    parsed.set(abs, out);
    return out;
  }

  function scan(dir: string, deep: boolean): LoadedFlow[] {
    const key = `${deep ? 'deep' : 'flat'}:${dir}`;
    const cached = flowsIn.get(key);
    if (cached) return cached;
    const out: LoadedFlow[] = [];
    const visit = (at: string) => {
      let names: string[];
      try { names = readdirSync(at).sort(); } catch { return; }
      for (const name of names) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        const abs = join(at, name);
        let st;
        try { st = statSync(abs); } catch { continue; }
        if (st.isDirectory()) { if (deep) visit(abs); } else if (st.isFile() && YAML_FILE.test(name)) {
          const f = flowOf(abs);
          if (f) out.push(f);
        }
      }
    };
    visit(dir);
    flowsIn.set(key, out);
    return out;
  }

  /** the folders to look in, in order, with whether their sub-folders count */
  function folders(suiteFile: string): { dir: string; deep: boolean }[] {
    const out: { dir: string; deep: boolean }[] = [];
    let dir = dirname(resolve(cwd, suiteFile));
    const inside = dir === root || dir.startsWith(root + sep);
    if (!inside) out.push({ dir, deep: true });
    else {
      for (; dir !== root; dir = dirname(dir)) out.push({ dir, deep: true });
      out.push({ dir: root, deep: false });
    }
    out.push({ dir: resolve(cwd, flowsDir), deep: true });
    return out;
  }

  return {
    find(suite, suiteFile) {
      const looked = folders(suiteFile);
      for (const { dir, deep } of looked) {
        const flows = scan(dir, deep);
        if (flows.some((f) => f.flow.namespace === suite.namespace && f.flow.id === suite.flowId)) return { found: flows };
      }
      return { lookedIn: looked.map(({ dir, deep }) => `${relative(cwd, dir) || '.'}${deep ? '' : ' (its own files)'}`) };
    },
  };
}
