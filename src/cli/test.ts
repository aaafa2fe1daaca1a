// `kestra-lite test [PATH...]`: runs every test case of the suites under the paths, each as its
// own transient execution in one in-memory runtime, all in parallel. A live progress line on a
// terminal, plain lines otherwise; a diff per failed assertion; a summary; `--junit FILE`.
// Exit 0 when all pass, 1 on a failed or erroring case, 2 when a suite cannot be loaded.
// With `--server URL` (or KESTRA_URL) the suites run on that server's tests API instead.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRuntime } from '../runtime.ts';
import type { Env } from '../shared/env.ts';
import type { ParsedFlow } from '../flows/service.ts';
import { isFakeClock, systemClock } from '../shared/time/clock.ts';
import type { TestSuite, UnitTest, UnitTestResult } from '../testsuites/model.ts';
import type { CaseOptions } from '../testsuites/runner.ts';
import { withTimeSkipping } from '../testsuites/time-skip.ts';
import { junitXml, type JUnitCase, type JUnitSuite } from './junit.ts';
import { createRemote, RemoteError } from './remote.ts';
import { caseDetails, failureSummary, statusWord, type CaseContext } from './test-report.ts';
import { loadTree, problemLine, type LoadedSuite, type Tree } from './tree.ts';

export interface TestOptions {
  paths: string[];
  cwd: string;
  filter?: string;
  junit?: string;
  fixtures?: string;
  server?: string;
  user?: string;
  token?: string;
  tenant?: string;
  env?: Env;
  fetch?: typeof fetch;
  /** where a suite's flow is looked up when the paths lack it (flow-lookup.ts); default ./flows */
  flowsDir?: string;
  /** run on the system clock: a Sleep PT1H takes an hour (default: time skipping, see testsuites/time-skip.ts) */
  realClock?: boolean;
}

export interface TestOutput {
  line(text: string): void;
  /** a terminal: the progress line is redrawn in place; undefined means plain lines */
  live?(text: string): void;
}

interface Job { loaded: LoadedSuite; tc: UnitTest; index: number }
interface Done { job: Job; result: UnitTestResult; timeMs: number }

/** `*` matches anything; otherwise a case-insensitive substring of `namespace.suite.case`. */
export function filterMatcher(filter: string | undefined): (name: string) => boolean {
  if (!filter) return () => true;
  if (filter.includes('*')) {
    const re = new RegExp(`^${filter.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    return (name) => re.test(name);
  }
  const needle = filter.toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}

const suiteName = (s: TestSuite) => `${s.namespace}.${s.id}`;

function withoutTriggers(p: ParsedFlow): ParsedFlow {
  if (!p.flow.triggers) return p;
  const { triggers: _, ...flow } = p.flow;
  return { ...p, flow };
}

function jobsOf(tree: Tree, filter?: string): Job[] {
  const matches = filterMatcher(filter);
  return tree.suites.flatMap((loaded) => loaded.suite.testCases
    .map((tc, index) => ({ loaded, tc, index }))
    .filter((j) => matches(`${suiteName(loaded.suite)}.${j.tc.id}`)));
}

function contextOf(job: Job): CaseContext {
  return { file: job.loaded.file, caseIndex: job.index, lineOf: job.loaded.lineOf, label: `${suiteName(job.loaded.suite)} › ${job.tc.id}`, assertions: job.tc.assertions };
}

function writeJUnit(file: string, done: Done[], tree: Tree, started: string): void {
  const bySuite = new Map<string, JUnitSuite>();
  for (const d of done) {
    const name = suiteName(d.job.loaded.suite);
    let s = bySuite.get(name);
    if (!s) bySuite.set(name, (s = { name, file: d.job.loaded.file, timestamp: started, cases: [] }));
    const outcome = ({ SUCCESS: 'passed', FAILED: 'failure', ERROR: 'error', SKIPPED: 'skipped' } as const)[d.result.state];
    const c: JUnitCase = { name: d.job.tc.id, classname: name, file: d.job.loaded.file, timeMs: d.timeMs, outcome };
    if (outcome === 'failure' || outcome === 'error') {
      c.message = failureSummary(d.result);
      c.details = caseDetails(d.result, contextOf(d.job)).join('\n');
    }
    s.cases.push(c);
  }
  const suites = [...bySuite.values()];
  const problems = tree.problems.filter((p) => p.kind === 'suite');
  if (problems.length) {
    suites.push({
      name: 'kestra-lite.load', timestamp: started,
      cases: [...new Set(problems.map((p) => p.file))].map((f) => {
        const lines = problems.filter((p) => p.file === f).map(problemLine);
        return { name: f, classname: 'kestra-lite.load', file: f, timeMs: 0, outcome: 'error' as const, message: lines[0], details: lines.join('\n') };
      }),
    });
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, junitXml(suites));
}

function summary(done: Done[], elapsedMs: number, loadErrors: number): string {
  const n = (s: UnitTestResult['state']) => done.filter((d) => d.result.state === s).length;
  const parts = [`${n('SUCCESS')} passed`, `${n('FAILED')} failed`, `${n('ERROR')} errors`, `${n('SKIPPED')} skipped`];
  if (loadErrors) parts.push(`${loadErrors} suite file${loadErrors > 1 ? 's' : ''} not loaded`);
  return `Tests: ${parts.join(', ')} (${done.length} cases in ${(elapsedMs / 1000).toFixed(2)} s)`;
}

export async function runTests(opts: TestOptions, out: TestOutput): Promise<number> {
  const startedAt = performance.now();
  const started = new Date().toISOString();
  const server = opts.server ?? opts.env?.KESTRA_URL;
  // time skipping needs a fake clock; it starts at the real time so that dates look like today
  const runtime = await createRuntime({
    memory: true, flowsDir: null, watch: false, dashboard: false, fixturesDir: opts.fixtures, env: opts.env, cwd: opts.cwd,
    ...(opts.realClock || server ? {} : { clock: 'fake' as const, now: Date.now() }),
  });
  try {
    const tree = loadTree(opts.paths, opts.cwd, runtime.flows.parseFlow, opts.flowsDir ?? 'flows');
    for (const p of tree.problems) out.line(`${p.kind === 'suite' ? 'ERROR' : 'WARN '} ${problemLine(p)}`);
    const suiteProblems = new Set(tree.problems.filter((p) => p.kind === 'suite').map((p) => p.file)).size;
    const jobs = jobsOf(tree, opts.filter);
    if (!tree.suites.length && !suiteProblems) out.line(`No test suites found under ${opts.paths.join(', ')}`);
    // a --filter that selects nothing is a mistake (a typo), not a green run
    if (opts.filter && tree.suites.length && !jobs.length) {
      out.line(`No test case matches --filter ${opts.filter}`);
      return 1;
    }

    const done: Done[] = [];
    const progress = () => out.live?.(`Running ${done.length}/${jobs.length} · ${done.filter((d) => d.result.state === 'SUCCESS').length} passed · ${done.filter((d) => d.result.state === 'FAILED' || d.result.state === 'ERROR').length} failed`);
    const finish = (d: Done) => {
      done.push(d);
      if (out.live) progress();
      else out.line(`${statusWord(d.result).padEnd(5)} ${contextOf(d.job).label} (${Math.round(d.timeMs)} ms)`);
    };
    progress();

    if (server) {
      const code = await runRemote(server, opts, tree, jobs, finish, out);
      if (code !== undefined) return code;
    } else {
      // a test run fires no trigger of its own (schedules, polling, flow triggers): a case
      // simulates its trigger with fixtures.trigger, as in Kestra
      for (const f of [...tree.flows, ...tree.related]) runtime.flows.save('main', withoutTriggers(f.flow), 'api');
      const runner = runtime.services.testsuites.runner;
      const runAll = (options: CaseOptions) => Promise.all(jobs.map(async (job) => {
        const t0 = performance.now();
        const result = await runner.runCase('main', job.loaded.suite, job.tc, options);
        finish({ job, result, timeMs: performance.now() - t0 });
      }));
      const { clock } = runtime;
      if (isFakeClock(clock)) {
        const { time } = runtime.services.admin;
        await withTimeSkipping({ clock, settle: time.settle, moveTo: (now) => time.set({ now }) },
          (stalled) => runAll({ limitClock: systemClock(), stalled }));
      } else await runAll({});
    }
    out.live?.('');

    done.sort((a, b) => contextOf(a.job).label.localeCompare(contextOf(b.job).label));
    for (const d of done) {
      const details = caseDetails(d.result, contextOf(d.job));
      if (!details.length) continue;
      out.line('');
      out.line(`${statusWord(d.result)} ${contextOf(d.job).label}  (${d.job.loaded.file})`);
      for (const l of details) out.line(l);
    }
    if (opts.junit) writeJUnit(resolve(opts.cwd, opts.junit), done, tree, started);
    out.line('');
    out.line(summary(done, performance.now() - startedAt, suiteProblems));
    if (suiteProblems) return 2;
    return done.some((d) => d.result.state === 'FAILED' || d.result.state === 'ERROR') ? 1 : 0;
  } finally {
    await runtime.dispose();
  }
}

/** The suites run on a server's tests API (Kestra Enterprise, or kestra-lite): upsert, run, collect. */
async function runRemote(server: string, opts: TestOptions, tree: Tree, jobs: Job[], finish: (d: Done) => void, out: TestOutput): Promise<number | undefined> {
  try {
    const remote = createRemote({ server, tenant: opts.tenant, user: opts.user, token: opts.token, fetch: opts.fetch });
    const probe = await remote.request('GET', '/tests/search?size=1');
    if (probe.status === 404) throw new RemoteError(`${server} has no tests API (flow test suites are an Enterprise feature of Kestra)`);
    for (const loaded of tree.suites) {
      const cases = jobs.filter((j) => j.loaded === loaded);
      if (!cases.length) continue;
      const { namespace, id } = loaded.suite;
      const exists = (await remote.request('GET', `/tests/${encodeURIComponent(namespace)}/${encodeURIComponent(id)}`)).ok;
      if (exists) await remote.json('PUT', `/tests/${encodeURIComponent(namespace)}/${encodeURIComponent(id)}`, { text: loaded.source });
      else await remote.json('POST', '/tests', { text: loaded.source });
      const t0 = performance.now();
      const run = await remote.json<{ results?: UnitTestResult[] }>('POST', `/tests/${encodeURIComponent(namespace)}/${encodeURIComponent(id)}/run`, { json: { testCases: cases.map((c) => c.tc.id) } });
      const timeMs = performance.now() - t0;
      for (const job of cases) {
        const result = run.results?.find((r) => r.testId === job.tc.id);
        if (result) finish({ job, result, timeMs });
      }
    }
    return undefined;
  } catch (err) {
    if (err instanceof RemoteError) { out.live?.(''); out.line(`kestra-lite test: ${err.message}`); return 2; }
    throw err;
  }
}
