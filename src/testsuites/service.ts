// Test suites: parse and check, store (API and flows directory), run, keep results. What the
// tests API, the dashboard and the CLI share. Messages follow Kestra's TestSuiteService.

import type { FlowService } from '../flows/service.ts';
import { ApiError, notFound } from '../shared/errors.ts';
import type { Clock } from '../shared/time/clock.ts';
import type { EventBus } from '../shared/events.ts';
import { checkAgainstFlow, missingFlowMessage } from './check.ts';
import type { SuiteProblem, SuiteRecord, TestSuite, TestSuiteRunResult } from './model.ts';
import { parseSuite, type LineOf } from './parse.ts';
import type { Runner } from './runner.ts';
import type { SuiteStore } from './store.ts';

declare module '../shared/events.ts' {
  interface EventMap {
    /** a test suite run ended (API, CLI or dashboard) */
    'testsuite.run': { tenant: string; result: TestSuiteRunResult };
  }
}

export interface SuiteServiceDeps { store: SuiteStore; flows: FlowService; runner: Runner; clock: Clock; events: EventBus }
export interface SuiteFilter { namespace?: string; flowId?: string; includeChildNamespaces?: boolean }
export interface SuiteId { namespace: string; id: string }

export type SuiteService = ReturnType<typeof createSuiteService>;

const problemsText = (problems: SuiteProblem[]) => problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join(', ');
const invalid = (problems: SuiteProblem[]) => new ApiError('INVALID_ENTITY', problemsText(problems), problems.map((p) => ({ path: p.path, message: p.message })));
const suiteNotFound = (namespace: string, id: string) => notFound(`The test suite '${id}' does not exist in namespace '${namespace}'.`);

/** `disabled: x` at the top level of a suite's YAML, rewritten or added (enable/disable keep the user's text). */
export function withDisabled(source: string, disabled: boolean): string {
  if (/^disabled\s*:.*$/m.test(source)) return source.replace(/^disabled\s*:.*$/m, `disabled: ${disabled}`);
  if (/^flowId\s*:.*$/m.test(source)) return source.replace(/^(flowId\s*:.*)$/m, `$1\ndisabled: ${disabled}`);
  return `${source.replace(/\n?$/, '\n')}disabled: ${disabled}\n`;
}

export function matchesFilter(s: TestSuite, f: SuiteFilter): boolean {
  if (f.flowId && s.flowId !== f.flowId) return false;
  if (!f.namespace) return true;
  return s.namespace === f.namespace || (f.includeChildNamespaces !== false && s.namespace.startsWith(`${f.namespace}.`));
}

export function createSuiteService(deps: SuiteServiceDeps) {
  const { store, flows, runner, clock, events } = deps;
  const flowOf = (tenant: string, s: TestSuite) => flows.getCurrent(tenant, s.namespace, s.flowId)?.flow as Record<string, unknown> | undefined;

  /** Source → suite, checked against its flow; problems as a 422. */
  function parse(tenant: string, source: string): { suite: TestSuite; lineOf: LineOf } {
    const parsed = parseSuite(source);
    if (!parsed.ok) throw invalid(parsed.problems);
    const problems = checkAgainstFlow(parsed.suite, flowOf(tenant, parsed.suite), parsed.lineOf);
    if (problems.length) throw invalid(problems);
    return parsed;
  }

  function get(tenant: string, namespace: string, id: string): SuiteRecord {
    const r = store.get(tenant, namespace, id);
    if (!r) throw suiteNotFound(namespace, id);
    return r;
  }

  async function run(tenant: string, rec: SuiteRecord, caseIds?: string[]): Promise<TestSuiteRunResult> {
    const s = rec.suite;
    if (!s.disabled && !flows.getCurrent(tenant, s.namespace, s.flowId)) throw notFound(missingFlowMessage(s));
    const result = await runner.runSuite(tenant, s, caseIds);
    store.saveResult(tenant, result);
    events.emit('testsuite.run', { tenant, result });
    return result;
  }

  return {
    parse,
    get,
    /** Kestra's validate answer: one ValidateConstraintViolation (index 0) */
    validate(tenant: string, source: string): Record<string, unknown> {
      const parsed = parseSuite(source);
      const out: Record<string, unknown> = { index: 0 };
      const partial = parsed.ok ? parsed.suite : parsed.partial;
      if (typeof partial?.namespace === 'string') out.namespace = partial.namespace;
      if (typeof partial?.flowId === 'string') out.flow = partial.flowId;
      const problems = parsed.ok ? checkAgainstFlow(parsed.suite, flowOf(tenant, parsed.suite), parsed.lineOf) : parsed.problems;
      if (problems.length) out.constraints = problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}${p.line ? ` (line ${p.line})` : ''}`).join('\n');
      out.outdated = false;
      out.deprecationPaths = [];
      out.warnings = [];
      out.infos = [];
      return out;
    },
    create(tenant: string, source: string): SuiteRecord {
      const { suite } = parse(tenant, source);
      if (store.get(tenant, suite.namespace, suite.id)) {
        throw new ApiError('INVALID_ENTITY', `A test suite '${suite.id}' already exists in namespace '${suite.namespace}'.`);
      }
      return store.put(tenant, suite, source, clock.now());
    },
    update(tenant: string, namespace: string, id: string, source: string): SuiteRecord {
      const current = get(tenant, namespace, id);
      const { suite } = parse(tenant, source);
      if (suite.namespace !== namespace || suite.id !== id) {
        throw new ApiError('INVALID_ENTITY', 'The namespace and id of a test suite cannot be changed; create a new test suite instead.');
      }
      return store.put(tenant, suite, source, clock.now(), current.file);
    },
    delete(tenant: string, namespace: string, id: string): void {
      get(tenant, namespace, id);
      store.delete(tenant, namespace, id);
    },
    search: (tenant: string, f: SuiteFilter) => store.list(tenant).filter((r) => matchesFilter(r.suite, f)),
    /** every id must exist before anything changes */
    setDisabled(tenant: string, ids: SuiteId[], disabled: boolean): number {
      const records = ids.map((i) => get(tenant, i.namespace, i.id));
      for (const r of records) {
        const source = withDisabled(r.source, disabled);
        store.put(tenant, { ...r.suite, disabled }, source, clock.now(), r.file);
      }
      return records.length;
    },
    deleteMany(tenant: string, ids: SuiteId[]): number {
      const records = ids.map((i) => get(tenant, i.namespace, i.id));
      for (const r of records) store.delete(tenant, r.suite.namespace, r.suite.id);
      return records.length;
    },
    run: (tenant: string, namespace: string, id: string, caseIds?: string[]) => run(tenant, get(tenant, namespace, id), caseIds),
    async runByQuery(tenant: string, f: SuiteFilter): Promise<{ suites: number; cases: number; results: TestSuiteRunResult[] }> {
      const records = store.list(tenant).filter((r) => matchesFilter(r.suite, f) && !r.suite.disabled);
      const results = await Promise.all(records.map((r) => run(tenant, r).catch((err) => {
        // a suite whose flow is gone is reported as an ERROR run instead of failing the whole query
        const now = new Date(clock.now()).toISOString();
        return { id: `${r.suite.namespace}.${r.suite.id}`, testSuiteId: r.suite.id, namespace: r.suite.namespace, flowId: r.suite.flowId, state: 'ERROR', startDate: now, endDate: now, results: [{ testId: '', testType: '', state: 'ERROR', assertionResults: [], errors: [{ message: (err as Error).message }] }] } as TestSuiteRunResult;
      })));
      return { suites: records.length, cases: records.reduce((n, r) => n + r.suite.testCases.length, 0), results };
    },
    result(tenant: string, id: string): TestSuiteRunResult {
      const r = store.result(tenant, id);
      if (!r) throw notFound(`The test run '${id}' does not exist.`);
      return r;
    },
    results: (tenant: string, f: SuiteFilter & { testSuiteId?: string }) =>
      store.results(tenant).filter((r) => (!f.testSuiteId || r.testSuiteId === f.testSuiteId) && (!f.flowId || r.flowId === f.flowId)
        && (!f.namespace || r.namespace === f.namespace || r.namespace.startsWith(`${f.namespace}.`))),
    lastResults: (tenant: string, ids: SuiteId[]) =>
      ids.flatMap((i) => { const r = store.lastResult(tenant, i.namespace, i.id); return r ? [r] : []; }),
    /** A suite file of the flows directory: (re)loaded, or forgotten when `source` is undefined. Returns its problems. */
    syncFile(tenant: string, file: string, source: string | undefined): SuiteProblem[] {
      const previous = store.byFile(file);
      if (source === undefined) {
        if (previous) store.delete(tenant, previous.suite.namespace, previous.suite.id);
        return [];
      }
      const parsed = parseSuite(source);
      // an invalid save keeps the last good version, as for flows
      if (!parsed.ok) return parsed.problems;
      if (previous && (previous.suite.namespace !== parsed.suite.namespace || previous.suite.id !== parsed.suite.id)) {
        store.delete(tenant, previous.suite.namespace, previous.suite.id);
      }
      if (previous?.source !== source) store.put(tenant, parsed.suite, source, clock.now(), file);
      return [];
    },
  };
}
