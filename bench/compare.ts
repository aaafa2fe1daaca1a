// Before/after benchmark: `bun bench/compare.ts [--base REF] [--rounds N] [--sizes 10000,100000]
// [--big] [--no-build] [engine|http|startup|search …]` (or `npm run bench -- compare …`).
//
// REF (default HEAD) is checked out into a temporary git worktree next to this one's
// node_modules; every measuring step is a separate `bench/probe.ts` process from THIS checkout
// pointed at one tree (KL_BENCH_TREE), so both trees are measured by the same scripts. Steps run
// interleaved, base/current then current/base, round after round, so drift on a shared machine
// hits both sides; the table shows the median of the rounds.

import { existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH, BUN, ROOT, fmt, percentile } from './lib.ts';
import { GROUPS, type Figures, type Group } from './probe.ts';

interface Spec { label: string; better: 'lower' | 'higher'; digits: number; target?: ['<=' | '>=', number] }

const FIGURES: Record<string, Spec> = {
  'oneLog.p50.memory': { label: 'one-Log wait=true p50, memory (ms)', better: 'lower', digits: 3, target: ['<=', 0.4] },
  'oneLog.p50.persisted': { label: 'one-Log wait=true p50, persisted (ms)', better: 'lower', digits: 3 },
  'twoTask.eps.memory': { label: 'two-task, 32 in flight, memory (exec/s)', better: 'higher', digits: 0, target: ['>=', 6000] },
  'twoTask.eps.persisted': { label: 'two-task, 32 in flight, persisted (exec/s)', better: 'higher', digits: 0, target: ['>=', 2500] },
  'flowGet.ratio': { label: 'GET /flows/{ns}/{id} vs bare Bun.serve, median pair (%)', better: 'higher', digits: 1, target: ['>=', 85] },
  'flowGet.cpuRatio': { label: 'GET /flows/{ns}/{id} bare CPU/req ÷ lite CPU/req (%)', better: 'higher', digits: 1 },
  'flowGet.rps': { label: 'GET /flows/{ns}/{id} (req/s)', better: 'higher', digits: 0 },
  'startup.ratio': { label: 'binary start→200 vs bare binary (×)', better: 'lower', digits: 2, target: ['<=', 2.5] },
  'startup.ms': { label: 'binary start→200 (ms)', better: 'lower', digits: 1 },
  'startup.bareMs': { label: 'bare binary start→200 (ms)', better: 'lower', digits: 1 },
  'rss.idle': { label: 'idle RSS, binary, no flows (MB)', better: 'lower', digits: 1, target: ['<=', 55] },
};
const SEARCH_TARGETS: Record<number, number> = { 100_000: 5, 1_000_000: 20 };

function spec(key: string): Spec {
  const known = FIGURES[key];
  if (known) return known;
  const m = /^search\.(executions|logs)\.(\d+)$/.exec(key);
  if (m) {
    const size = Number(m[2]);
    const target = SEARCH_TARGETS[size];
    return { label: `${m[1]}/search ns filter p50 @${fmt(size)} (ms)`, better: 'lower', digits: 2, target: target ? ['<=', target] : undefined };
  }
  return { label: key, better: 'lower', digits: 2 };
}

function git(args: string[], cwd = ROOT): string {
  const r = Bun.spawnSync(['git', ...args], { cwd, stdout: 'pipe', stderr: 'pipe' });
  if (r.exitCode !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.toString()}`);
  return r.stdout.toString().trim();
}

function run(cmd: string[], cwd: string, env: Record<string, string> = {}): string {
  const r = Bun.spawnSync(cmd, { cwd, env: { ...process.env, ...env }, stdout: 'pipe', stderr: 'pipe' });
  if (r.exitCode !== 0) throw new Error(`${cmd.join(' ')} in ${cwd} failed: ${r.stderr.toString().slice(-2000)}`);
  return r.stdout.toString();
}

/** One probe process measuring `tree`; its last stdout line is the JSON figures. */
function probe(tree: string, group: Group | 'seed', sizes: number[]): Figures {
  const out = run([BUN, join(BENCH, 'probe.ts'), group, sizes.join(',')], tree, { KL_BENCH_TREE: tree });
  return JSON.parse(out.trim().split('\n').pop()!) as Figures;
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

function table(before: Record<string, number[]>, after: Record<string, number[]>): string {
  const rows = [['figure', 'before', 'after', 'change', 'target', '']];
  for (const key of Object.keys({ ...before, ...after })) {
    const s = spec(key);
    const b = before[key]?.length ? median(before[key]) : NaN;
    const a = after[key]?.length ? median(after[key]) : NaN;
    const change = (a - b) / b;
    const better = s.better === 'lower' ? change < 0 : change > 0;
    const met = s.target && (s.target[0] === '<=' ? a <= s.target[1] : a >= s.target[1]);
    rows.push([
      s.label, fmt(b, s.digits), fmt(a, s.digits),
      Number.isFinite(change) ? `${change > 0 ? '+' : ''}${fmt(change * 100, 1)}%${Math.abs(change) >= 0.03 ? (better ? ' better' : ' worse') : ''}` : '',
      s.target ? `${s.target[0]} ${fmt(s.target[1], Number.isInteger(s.target[1]) ? 0 : 1)}` : '', s.target ? (met ? 'met' : 'NOT met') : '',
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w, c) => (c === 0 ? ':' : '-') + '-'.repeat(w) + (c === 0 ? '-' : ':')).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

export async function compare(argv: string[]) {
  let baseRef = 'HEAD';
  let rounds = 3;
  let sizes = [10_000, 100_000];
  let build = true;
  const groups: Group[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--base') baseRef = argv[++i]!;
    else if (a === '--rounds') rounds = Number(argv[++i]);
    else if (a === '--sizes') sizes = argv[++i]!.split(',').map(Number);
    else if (a === '--big') sizes = [...new Set([...sizes, 1_000_000])];
    else if (a === '--no-build') build = false;
    else if ((GROUPS as readonly string[]).includes(a)) groups.push(a as Group);
    else throw new Error(`unknown argument ${a}; groups: ${GROUPS.join(', ')}`);
  }
  if (!groups.length) groups.push(...GROUPS);

  const sha = git(['rev-parse', '--verify', `${baseRef}^{commit}`]);
  const base = join(mkdtempSync(join(tmpdir(), 'kl-bench-base-')), 'tree');
  git(['worktree', 'add', '--detach', '--quiet', base, sha]);
  const cleanup = () => {
    try { git(['worktree', 'remove', '--force', base]); } catch { rmSync(base, { recursive: true, force: true }); git(['worktree', 'prune']); }
  };
  process.on('SIGINT', () => { cleanup(); process.exit(130); });
  try {
    symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(base, 'node_modules'));
    const trees = { before: base, after: ROOT };
    const log = (msg: string) => console.error(`[compare] ${msg}`);
    log(`base ${baseRef} = ${sha.slice(0, 10)} in ${base}; current = ${ROOT}${git(['status', '--porcelain', '--untracked-files=no']) ? ' (with uncommitted changes)' : ''}`);
    if (groups.includes('startup')) {
      for (const [side, tree] of Object.entries(trees)) {
        if (!build && existsSync(join(tree, 'dist', 'kestra-lite'))) continue;
        log(`building the ${side} binary`);
        run([BUN, 'run', 'build'], tree);
      }
    }
    if (groups.includes('search')) {
      for (const [side, tree] of Object.entries(trees)) {
        log(`seeding the ${side} stores (${sizes.join(', ')}; cached under ${tmpdir()}/kl-bench-search)`);
        log(`  ${JSON.stringify(probe(tree, 'seed', sizes))}`);
      }
    }
    const results = { before: {} as Record<string, number[]>, after: {} as Record<string, number[]> };
    for (let r = 0; r < rounds; r++) {
      for (const group of groups) {
        // ABBA: base first on even rounds, current first on odd ones
        const order = r % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
        for (const side of order) {
          const figures = probe(trees[side], group, sizes);
          for (const [k, v] of Object.entries(figures)) (results[side][k] ??= []).push(v);
          log(`round ${r + 1}/${rounds} ${group} ${side}: ${Object.entries(figures).map(([k, v]) => `${k}=${fmt(v, 2)}`).join(' ')}`);
        }
      }
    }
    console.log(`\nbase ${baseRef} (${sha.slice(0, 10)}) vs current, median of ${rounds} interleaved rounds\n`);
    console.log(table(results.before, results.after));
  } finally {
    cleanup();
  }
}

if (import.meta.main) await compare(process.argv.slice(2));
