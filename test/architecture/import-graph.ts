// Reads the import graph of src/ without a compiler: Bun.Transpiler.scan drops `import type`, and the
// type-only edges are the ones that run upward most often, so a small line scanner is used instead.
import { Glob } from 'bun';
import { dirname, relative, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';

export interface ImportEdge {
  from: string; // repo-relative, e.g. src/kv/service.ts
  to: string;
  typeOnly: boolean;
}

// Static forms start a statement; `[^;]*?` spans multi-line braces up to the first `from '…'`.
const STATIC = /^\s*(import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s*)?(['"])([^'"]+)\3/gm;
// Dynamic `import('…')` and type-position `typeof import('…')` anywhere on a line.
const DYNAMIC = /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g;

function stripComments(text: string): string {
  // Blank out block comments and whole-line `//` comments, keeping offsets irrelevant; a `//` after
  // code is left alone because it may sit inside a string (URLs, regexes).
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/^\s*\/\/.*$/gm, '');
}

function resolveSpecifier(root: string, fromFile: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined; // packages and node: builtins are outside the graph
  const base = resolve(root, dirname(fromFile), spec);
  for (const candidate of [base, base + '.ts', base + '.tsx', base + '/index.ts', base + '/index.tsx']) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return relative(root, candidate);
  }
  return undefined;
}

export function scanImports(root: string, file: string): ImportEdge[] {
  const text = stripComments(readFileSync(resolve(root, file), 'utf8'));
  const edges: ImportEdge[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    const to = resolveSpecifier(root, file, spec);
    if (to) edges.push({ from: file, to, typeOnly });
  };
  for (const m of text.matchAll(STATIC)) add(m[4]!, Boolean(m[2]));
  for (const m of text.matchAll(DYNAMIC)) add(m[2]!, /typeof\s*$/.test(text.slice(0, m.index)));
  return edges;
}

export function sourceFiles(root: string): string[] {
  return [...new Glob('src/**/*.{ts,tsx}').scanSync(root)].filter((f) => !f.endsWith('.d.ts')).sort();
}

export function importGraph(root: string): ImportEdge[] {
  return sourceFiles(root).flatMap((f) => scanImports(root, f));
}

/** Strongly connected components with more than one file (or a self-import): each is a cycle. */
export function cycles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  // Tarjan's algorithm, iterative so a deep chain cannot overflow the call stack.
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      if (i === 0) {
        index.set(v, counter);
        low.set(v, counter++);
        stack.push(v);
        onStack.add(v);
      }
      const succ = next.get(v) ?? [];
      if (i < succ.length) {
        frame[1] = i + 1;
        const w = succ[i]!;
        if (!index.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(v)!));
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1 || succ.includes(v)) out.push(scc.sort());
      }
    }
  }
  return out;
}

export interface Report {
  files: number;
  edges: ImportEdge[];
  unlayered: string[];
  upward: ImportEdge[];
  cycles: string[][];
}

/** The whole analysis for one checkout: the graph, its upward imports under `layerOf`, and its cycles. */
export function analyse(root: string, layerOf: (file: string) => number | undefined): Report {
  const files = sourceFiles(root);
  const edges = files.flatMap((f) => scanImports(root, f));
  const unlayered = files.filter((f) => layerOf(f) === undefined);
  const upward = edges.filter((e) => (layerOf(e.from) ?? -1) < (layerOf(e.to) ?? -1) && layerOf(e.from) !== undefined);
  return { files: files.length, edges, unlayered, upward, cycles: cycles(edges) };
}

/** One concrete loop through a cycle's files (a → b → … → a), to show which imports close it. */
export function cyclePath(cycle: string[], edges: ImportEdge[]): string[] {
  const inCycle = new Set(cycle);
  const start = cycle[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  // breadth-first from `start` inside the cycle until an edge leads back to it
  while (queue.length) {
    const v = queue.shift()!;
    for (const e of edges) {
      if (e.from !== v || !inCycle.has(e.to)) continue;
      if (e.to === start) {
        const path = [start];
        for (let w: string | undefined = v; w !== undefined && w !== start; w = previous.get(w)) path.splice(1, 0, w);
        return [...path, start];
      }
      if (!previous.has(e.to)) {
        previous.set(e.to, v);
        queue.push(e.to);
      }
    }
  }
  return cycle;
}
