// Loads a tree of flows and test suites for `test`, `validate` and `push`: every `.yml`/`.yaml`
// under the paths (dot-folders and node_modules skipped), each file a flow or — with `flowId`
// and `testCases` — a test suite. Problems carry file and line.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { ParsedFlow, FlowParse } from '../flows/service.ts';
import { checkAgainstFlow } from '../testsuites/check.ts';
import { looksLikeSuite, type TestSuite } from '../testsuites/model.ts';
import { parseSuite, type LineOf } from '../testsuites/parse.ts';
import { createFlowLookup, type LoadedFlow } from './flow-lookup.ts';

export interface TreeProblem { file: string; line: number; message: string; kind: 'flow' | 'suite' }
export interface LoadedSuite { file: string; suite: TestSuite; source: string; lineOf: LineOf }
export type { LoadedFlow };
export interface Tree {
  flows: LoadedFlow[]; suites: LoadedSuite[]; problems: TreeProblem[];
  /** flows outside the paths, found for suites that test them (flow-lookup.ts): run and checked against, never pushed */
  related: LoadedFlow[];
}

const YAML_FILE = /\.ya?ml$/i;

export function listYamlFiles(paths: string[], cwd: string): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const visit = (abs: string) => {
    let st;
    try { st = statSync(abs); } catch { return; }
    if (st.isDirectory()) {
      for (const name of readdirSync(abs).sort()) if (!name.startsWith('.') && name !== 'node_modules') visit(join(abs, name));
    } else if (st.isFile() && YAML_FILE.test(abs)) files.push(abs);
  };
  for (const p of paths) {
    const abs = isAbsolute(p) ? p : join(cwd, p);
    try { statSync(abs); } catch { missing.push(p); continue; }
    visit(abs);
  }
  return { files: [...new Set(files)], missing };
}

/** The line of a flow violation path (`tasks[1].type`) in its source; 0 when not found. */
export function lineOfPath(source: string, path: string): number {
  try {
    const counter = new LineCounter();
    const doc = parseDocument(source, { lineCounter: counter });
    const segments = path.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    for (let n = segments.length; n >= 0; n--) {
      const node = doc.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
    }
  } catch { /* unknown */ }
  return 0;
}

/** `flowsDir` turns on the lookup of a suite's flow outside the paths (flow-lookup.ts) */
export function loadTree(paths: string[], cwd: string, parseFlow: (source: string) => FlowParse, flowsDir?: string): Tree {
  const tree: Tree = { flows: [], suites: [], problems: [], related: [] };
  const { files, missing } = listYamlFiles(paths, cwd);
  // a path that does not exist is a load error for `test` too (exit 2), never an empty green run
  for (const m of missing) tree.problems.push({ file: m, line: 0, message: 'no such file or directory', kind: 'suite' });
  for (const abs of files) {
    const file = relative(cwd, abs) || abs;
    let source: string;
    try { source = readFileSync(abs, 'utf8').replace(/^\uFEFF/, ''); } catch (err) {
      tree.problems.push({ file, line: 0, message: `cannot read: ${(err as Error).message}`, kind: 'flow' });
      continue;
    }
    if (looksLikeSuite(source)) {
      const parsed = parseSuite(source);
      if (parsed.ok) tree.suites.push({ file, suite: parsed.suite, source, lineOf: parsed.lineOf });
      else for (const p of parsed.problems) tree.problems.push({ file, line: p.line, message: p.path ? `${p.path}: ${p.message}` : p.message, kind: 'suite' });
      continue;
    }
    const parsed = parseFlow(source);
    if (parsed.ok) tree.flows.push({ file, flow: parsed.flow });
    else for (const v of parsed.violations) tree.problems.push({ file, line: v.path ? lineOfPath(source, v.path) : 0, message: v.path ? `${v.path}: ${v.message}` : v.message, kind: 'flow' });
  }
  // a suite is checked against the flows of the tree; one that fails the check cannot be loaded
  const key = (namespace: string, id: string) => `${namespace}\u0000${id}`;
  const byKey = new Map(tree.flows.map((f) => [key(f.flow.namespace, f.flow.id), f.flow.flow as Record<string, unknown>]));
  const lookup = flowsDir === undefined ? undefined : createFlowLookup(cwd, flowsDir, parseFlow);
  tree.suites = tree.suites.filter((s) => {
    let lookedIn: string[] | undefined;
    if (lookup && !byKey.has(key(s.suite.namespace, s.suite.flowId))) {
      const r = lookup.find(s.suite, s.file);
      if ('lookedIn' in r) lookedIn = r.lookedIn;
      else for (const f of r.found) if (!byKey.has(key(f.flow.namespace, f.flow.id))) { byKey.set(key(f.flow.namespace, f.flow.id), f.flow.flow as Record<string, unknown>); tree.related.push(f); }
    }
    const problems = checkAgainstFlow(s.suite, byKey.get(key(s.suite.namespace, s.suite.flowId)), s.lineOf);
    for (const p of problems) {
      const where = p.path === 'flowId' && lookedIn ? ` Looked in the paths given and in: ${lookedIn.join(', ')}.` : '';
      tree.problems.push({ file: s.file, line: p.line, message: `${p.path}: ${p.message}${where}`, kind: 'suite' });
    }
    return problems.length === 0;
  });
  tree.problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return tree;
}

export const problemLine = (p: TreeProblem) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`;
