// Runs test cases: each one is its own transient execution of the suite's flow (kind TEST, left
// out of searches as Kestra does), with the case's fixtures — inputs, files (stored, exposed as
// `files`), tasks (mocked for this execution only, through Execution.fixtures) and trigger
// (`trigger.*`). Once it ends, the expected state and every assertion are evaluated against it.
// A case never throws: whatever goes wrong becomes an ERROR result.

import type { Engine } from '../executions/engine/engine.ts';
import { executionVariables } from '../executions/engine/variables.ts';
import type { TenantExpressions } from '../executions/expressions.ts';
import { inputsWithDefaults } from '../executions/inputs/inputs.ts';
import { FIXTURE_FILES_KEY, type Execution } from '../executions/model.ts';
import type { ExecutionService } from '../executions/service.ts';
import type { BlobStore } from '../shared/storage/blobs.ts';
import type { Clock } from '../shared/time/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { blobKey, flowPrefix, toUri } from '../shared/storage/paths.ts';
import { runAssertion } from './assertions.ts';
import {
  caseState, suiteState, type AssertionResult, type AssertionRunError, type TestSuite, type TestSuiteRunResult, type UnitTest, type UnitTestResult,
} from './model.ts';

export interface RunnerDeps {
  executions: ExecutionService;
  engine: Engine;
  expressions: TenantExpressions;
  blobs: BlobStore;
  clock: Clock;
  ids: IdGenerator;
  envs: Record<string, string>;
  globals: Record<string, unknown>;
  publicUrl?: string;
  /** how long a test execution may run (Kestra's kestra.tests.timeout, PT5M) */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** How one case waits for its execution (`kestra-lite test` on a time-skipping clock). */
export interface CaseOptions {
  /**
   * The clock that measures the time limit; the runtime clock by default. A time-skipping run
   * passes the wall clock: its fake clock leaps ahead (a Sleep PT1H takes an instant), so a limit
   * on it would end a long Sleep early instead of guarding against a hang.
   */
  limitClock?: Clock;
  /** the next moment nothing can move any execution on (no timer pending, nothing working); asked when the wait starts */
  stalled?: () => Promise<void>;
}
const iso = (ms: number) => new Date(ms).toISOString();

export type Runner = ReturnType<typeof createRunner>;

/**
 * Which assertion (index in the case's `assertions`, -1 for the expected state) each assertion
 * result and error came from, so a report can point at the file line. Kept beside the result,
 * never serialised.
 */
export interface ResultOrigins { results: number[]; errors: number[] }
const origins = new WeakMap<UnitTestResult, ResultOrigins>();
export const originsOf = (r: UnitTestResult): ResultOrigins | undefined => origins.get(r);

export function createRunner(deps: RunnerDeps) {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  function storeFiles(tenant: string, suite: TestSuite, files: Record<string, string>): Record<string, string> {
    const base = `${flowPrefix(suite.namespace, suite.flowId)}/tests/${deps.ids()}/fixtures`;
    const uris: Record<string, string> = {};
    for (const [name, content] of Object.entries(files)) {
      const path = `${base}/${name.replace(/^\/+/, '')}`;
      deps.blobs.put(blobKey(tenant, path), content);
      uris[name] = toUri(path);
    }
    return uris;
  }

  type Ending = { ended: Execution } | { gaveUp: 'timeout' | 'stalled'; state?: string };

  /** The ended execution, or why the wait gave up (the execution is then killed). */
  async function awaitEnd(tenant: string, id: string, opts: CaseOptions): Promise<Ending> {
    const waiting = deps.engine.waitForTerminal(tenant, id);
    if (!waiting) return { ended: deps.executions.get(tenant, id) };
    let timer: { cancel(): void } | undefined;
    const timedOut = new Promise<Ending>((resolve) => { timer = (opts.limitClock ?? deps.clock).setTimer(timeoutMs, () => resolve({ gaveUp: 'timeout' })); });
    const stalled = opts.stalled?.().then((): Ending => ({ gaveUp: 'stalled' })) ?? new Promise<never>(() => {});
    const ending = await Promise.race([waiting.then((ended): Ending => ({ ended })), timedOut, stalled]);
    timer?.cancel();
    if ('gaveUp' in ending) {
      const state = deps.executions.find(tenant, id)?.state.current;
      deps.engine.kill(tenant, id);
      return { ...ending, state };
    }
    return ending;
  }

  function render(tenant: string, exec: Execution): (value: unknown) => unknown {
    const plan = deps.executions.planFor(tenant, exec.namespace, exec.flowId, exec.flowRevision);
    const vars = executionVariables(exec, plan, { inputs: inputsWithDefaults(plan.flow.inputs, exec.inputs), envs: deps.envs, globals: deps.globals });
    vars.execution = { ...(vars.execution as object), state: exec.state.current, ...(exec.outputs ? { outputs: exec.outputs } : {}) };
    const tasks: Record<string, unknown> = {};
    for (const run of exec.taskRunList) {
      if (run.value === undefined) tasks[run.taskId] = { state: run.state.current };
      else ((tasks[run.taskId] ??= {}) as Record<string, unknown>)[run.value] = { state: run.state.current };
    }
    vars.tasks = tasks;
    const ex = deps.expressions(tenant);
    return (value) => (typeof value === 'string' ? ex.render(value, vars) : ex.renderDeep(value, vars));
  }

  async function runCase(tenant: string, suite: TestSuite, tc: UnitTest, opts: CaseOptions = {}): Promise<UnitTestResult> {
    const base = { testId: tc.id, testType: tc.type, ...(tc.fixtures ? { fixtures: tc.fixtures } : {}) };
    if (tc.disabled) return { ...base, state: 'SKIPPED', assertionResults: [], errors: [] };
    const fail = (message: string, executionId?: string): UnitTestResult =>
      ({ ...base, ...(executionId ? { executionId } : {}), state: 'ERROR', assertionResults: [], errors: [{ message }] });
    let exec: Execution;
    try {
      const f = tc.fixtures ?? {};
      const files = f.files && Object.keys(f.files).length ? storeFiles(tenant, suite, f.files) : undefined;
      exec = await deps.executions.create({
        tenant, namespace: suite.namespace, flowId: suite.flowId, kind: 'TEST',
        inputs: new Map(Object.entries(f.inputs ?? {})),
        ...(f.tasks?.length ? { fixtures: f.tasks } : {}),
        ...(f.trigger ? { trigger: { id: f.trigger.id, type: f.trigger.type, ...(f.trigger.variables ? { variables: f.trigger.variables } : {}) } } : {}),
        ...(files ? { variables: { [FIXTURE_FILES_KEY]: files } } : {}),
      });
    } catch (err) {
      return fail(`The test case could not run: ${(err as Error).message}`);
    }
    try {
      const ending = await awaitEnd(tenant, exec.id, opts);
      if ('gaveUp' in ending) {
        return fail(ending.gaveUp === 'timeout'
          ? `The execution did not end within ${Math.round(timeoutMs / 1000)} seconds.`
          : `The execution stopped in state ${ending.state} with nothing left to move it on: no timer is pending and no task is working `
            + '(a Pause without pauseDuration waits for a resume, which a test run never sends).', exec.id);
      }
      const { ended } = ending;
      const expectedState = tc.expectedState ?? 'SUCCESS';
      const actualState = ended.state.current;
      const results: AssertionResult[] = [
        { operator: 'equalTo', expected: expectedState, actual: actualState, isSuccess: expectedState === actualState, description: 'Execution state' },
      ];
      if (expectedState !== actualState) results[0]!.errorMessage = `expected the execution to end in state '${expectedState}' but it ended in '${actualState}'`;
      const errors: AssertionRunError[] = [];
      const from: ResultOrigins = { results: [-1], errors: [] };
      const r = render(tenant, ended);
      tc.assertions.forEach((a, i) => {
        const run = runAssertion(a, r);
        results.push(...run.results);
        errors.push(...run.errors);
        from.results.push(...run.results.map(() => i));
        from.errors.push(...run.errors.map(() => i));
      });
      const out: UnitTestResult = { ...base, executionId: ended.id, state: caseState(results, errors), assertionResults: results, errors };
      origins.set(out, from);
      if (deps.publicUrl !== undefined) out.url = `${deps.publicUrl}/ui/executions/${ended.namespace}/${ended.flowId}/${ended.id}`;
      return out;
    } catch (err) {
      return fail(`The test case could not run: ${(err as Error).message}`, exec.id);
    }
  }

  /** Runs some (or all) cases of a suite, in parallel; the suite's own `disabled` skips all. */
  async function runSuite(tenant: string, suite: TestSuite, caseIds?: string[], onCase?: (r: UnitTestResult) => void): Promise<TestSuiteRunResult> {
    const start = deps.clock.now();
    const id = deps.ids();
    const cases = caseIds?.length ? suite.testCases.filter((tc) => caseIds.includes(tc.id)) : suite.testCases;
    const results = suite.disabled ? [] : await Promise.all(cases.map(async (tc) => {
      const r = await runCase(tenant, suite, tc);
      onCase?.(r);
      return r;
    }));
    return {
      id, testSuiteId: suite.id, namespace: suite.namespace, flowId: suite.flowId, state: suite.disabled ? 'SKIPPED' : suiteState(results),
      startDate: iso(start), endDate: iso(deps.clock.now()), results,
    };
  }

  return { runCase, runSuite };
}
