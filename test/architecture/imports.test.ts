// The import graph of src/ against the layer table in layers.ts: imports run downward (within the
// budget of named exceptions) and files do not import each other in circles, except inside the
// expression interpreter. `bun scripts/import-graph.ts` prints the same figures.
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyse, cyclePath, scanImports } from './import-graph.ts';
import { ALLOWED_UPWARD, CYCLE_FOLDERS_ALLOWED, LAYERS, PENDING_CYCLES, UPWARD_BUDGET, layerOf } from './layers.ts';

const root = resolve(import.meta.dir, '../..');
const report = analyse(root, layerOf);
const layerName = (file: string) => LAYERS[layerOf(file)!]!.name;
const isAllowed = (from: string, to: string) => ALLOWED_UPWARD.some((a) => a.from === from && a.to === to);
const sameFiles = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((f, i) => f === [...b].sort()[i]);

describe('layers', () => {
  test('every source file belongs to a layer', () => {
    expect(report.unlayered.map((f) => `${f}: add its folder to LAYERS in test/architecture/layers.ts`)).toEqual([]);
  });

  test('no import runs to a higher layer except the allowed ones', () => {
    const violations = report.upward
      .filter((e) => !isAllowed(e.from, e.to))
      .map((e) => `${e.from} (${layerName(e.from)}) imports ${e.to} (${layerName(e.to)}): move what it needs down a layer, ` +
        'or pass it in; a new exception goes in ALLOWED_UPWARD with its reason');
    expect(violations).toEqual([]);
  });

  test(`at most ${UPWARD_BUDGET} upward imports in all`, () => {
    const all = report.upward.map((e) => `${e.from} → ${e.to}`);
    if (all.length > UPWARD_BUDGET) throw new Error(`${all.length} upward imports, the budget is ${UPWARD_BUDGET}:\n  ${all.join('\n  ')}`);
  });

  test('every allowed exception still occurs (a fixed one leaves the list)', () => {
    const stale = ALLOWED_UPWARD
      .filter((a) => !report.upward.some((e) => e.from === a.from && e.to === a.to))
      .map((a) => `${a.from} → ${a.to} no longer runs upward: remove it from ALLOWED_UPWARD`);
    expect(stale).toEqual([]);
  });
});

describe('cycles', () => {
  const allowedFolder = (cycle: string[]) => CYCLE_FOLDERS_ALLOWED.some((a) => cycle.every((f) => f.startsWith(a.folder)));
  const pending = (cycle: string[]) => PENDING_CYCLES.some((p) => sameFiles(p.files, cycle));

  test('no file-level import cycle outside the allowed folders', () => {
    const violations = report.cycles
      .filter((c) => !allowedFolder(c) && !pending(c))
      .map((c) => `cycle: ${cyclePath(c, report.edges).join(' → ')}`);
    expect(violations).toEqual([]);
  });

  test('every pending cycle still exists (a broken one leaves the list)', () => {
    const gone = PENDING_CYCLES
      .filter((p) => !report.cycles.some((c) => sameFiles(p.files, c)))
      .map((p) => `${p.files.join(', ')} is no longer a cycle: remove it from PENDING_CYCLES`);
    expect(gone).toEqual([]);
  });
});

describe('the import scanner', () => {
  test('reads static, type-only, re-export, multi-line and dynamic imports, and skips comments and packages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-graph-'));
    try {
      mkdirSync(join(dir, 'src/a'), { recursive: true });
      for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) writeFileSync(join(dir, `src/${name}.ts`), '');
      writeFileSync(join(dir, 'src/a/index.ts'), '');
      writeFileSync(join(dir, 'src/main.ts'), [
        "import { x } from './b.ts';",
        "import type { Y } from './c.ts';",
        "export * from './d.ts';",
        'import {',
        '  one,',
        '  two,',
        "} from './e';",
        "const lazy = () => import('./f.ts');",
        "type T = typeof import('./g.ts');",
        "import './h.ts';",
        "import { z } from './a';",
        "import { Elysia } from 'elysia';",
        "// import { no } from './i.ts';",
        "/* import('./i.ts') */",
      ].join('\n'));
      const edges = scanImports(dir, 'src/main.ts').map((e) => `${e.to}${e.typeOnly ? ' (type)' : ''}`);
      expect(edges.sort()).toEqual([
        'src/a/index.ts', 'src/b.ts', 'src/c.ts (type)', 'src/d.ts', 'src/e.ts', 'src/f.ts', 'src/g.ts (type)', 'src/h.ts',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
