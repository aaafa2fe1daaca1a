// Prints the import graph of src/ by layer: the folder-to-folder matrix, the upward imports and the
// cycles that test/architecture/imports.test.ts checks. Usage: bun scripts/import-graph.ts [--edges]

import { analyse, cyclePath } from '../test/architecture/import-graph.ts';
import { ALLOWED_UPWARD, LAYERS, layerOf } from '../test/architecture/layers.ts';

const root = process.argv.includes('--root') ? process.argv[process.argv.indexOf('--root') + 1]! : process.cwd();
const report = analyse(root, layerOf);
const layerName = (f: string) => LAYERS[layerOf(f) ?? -1]?.name ?? '?';
/** src/<folder> for files in a folder, the file itself (without extension) for top-level files */
const area = (f: string) => f.split('/').slice(0, 2).join('/').replace(/\.tsx?$/, '');

if (process.argv.includes('--edges')) {
  const matrix = new Map<string, number>();
  for (const e of report.edges) {
    const key = `${area(e.from)} → ${area(e.to)}`;
    if (area(e.from) !== area(e.to)) matrix.set(key, (matrix.get(key) ?? 0) + 1);
  }
  for (const [key, n] of [...matrix].sort()) console.log(`${String(n).padStart(4)}  ${key}`);
  console.log();
}

const allowed = (from: string, to: string) => ALLOWED_UPWARD.some((a) => a.from === from && a.to === to);
console.log(`${report.files} files, ${report.edges.length} imports`);
console.log(`upward imports: ${report.upward.length} (${report.upward.filter((e) => allowed(e.from, e.to)).length} allowed)`);
for (const e of report.upward) {
  const mark = allowed(e.from, e.to) ? 'allowed' : 'VIOLATION';
  console.log(`  ${mark.padEnd(9)} ${e.from} (${layerName(e.from)}) → ${e.to} (${layerName(e.to)})${e.typeOnly ? ' [type]' : ''}`);
}
console.log(`cycles: ${report.cycles.length}`);
for (const c of report.cycles) console.log(`  ${c.length} files: ${c.join(', ')}\n    e.g. ${cyclePath(c, report.edges).join(' → ')}`);
if (report.unlayered.length) console.log(`files in no layer: ${report.unlayered.join(', ')}`);
