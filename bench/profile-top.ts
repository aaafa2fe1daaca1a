// Summarizes a .cpuprofile (bun --cpu-prof, Chrome's format): self time by function and by
// source file, and total time under each file of this repository's src/ (where the time goes).
//
//   bun bench/profile-top.ts FILE.cpuprofile [--top 25]

import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const file = process.argv[2];
if (!file) throw new Error('usage: bun bench/profile-top.ts FILE.cpuprofile [--top N]');
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 25;
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map<number, number>();
p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const short = (url: string) => url.replace(/^.*\/(src|node_modules)\//, '$1/') || '(native)';

const fnSelf = new Map<string, number>();
const fileSelf = new Map<string, number>();
const fileIncl = new Map<string, number>();
/** native work (SQLite, JSON, I/O) charged to the first function of src/ above it */
const nativeBy = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  const name = `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  fnSelf.set(name, (fnSelf.get(name) ?? 0) + t);
  fileSelf.set(short(n.callFrame.url), (fileSelf.get(short(n.callFrame.url)) ?? 0) + t);
  if (!n.callFrame.url || n.callFrame.url === '(native)' || !n.callFrame.url.includes('/')) {
    for (let cur = parent.get(id); cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (short(f.url).startsWith('src/')) {
        const key = `${n.callFrame.functionName || '(native)'} ← ${f.functionName || '(anonymous)'} ${short(f.url)}:${f.lineNumber + 1}`;
        nativeBy.set(key, (nativeBy.get(key) ?? 0) + t);
        break;
      }
    }
  }
  // inclusive per src/ file: count each file once per sample stack
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const url = short(byId.get(cur)!.callFrame.url);
    if (url.startsWith('src/') && !seen.has(url)) { seen.add(url); fileIncl.set(url, (fileIncl.get(url) ?? 0) + t); }
  }
}
const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
const print = (title: string, m: Map<string, number>) => {
  console.log(title);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(t)}  ${k}`);
};
console.log(`profile: ${(total / 1e6).toFixed(1)} s sampled`);
print('self time by function', fnSelf);
print('self time by file', fileSelf);
print('total time under src/ files', fileIncl);
print('native self time by the src/ function that called it', nativeBy);
