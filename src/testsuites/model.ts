// Kestra's flow test suites (test-suites.md; io.kestra.core.test.*): the suite document, its test
// cases, fixtures and assertions, and the run results. The schema is the type.

import { Type, type Static } from '@sinclair/typebox';

export const SUITE_ID_PATTERN = '^[a-zA-Z0-9][a-zA-Z0-9_-]*$';
export const NAMESPACE_PATTERN = '^[a-z0-9][a-z0-9._-]*$';
export const FLOW_ID_PATTERN = '^[a-zA-Z0-9][a-zA-Z0-9._-]*$';
export const UNIT_TEST_TYPE = 'io.kestra.core.tests.flow.UnitTest';

/** The final states an execution may be expected to end in (State.Type). */
export const STATE_TYPES = [
  'CREATED', 'SUBMITTED', 'RUNNING', 'PAUSED', 'RESTARTED', 'KILLING', 'SUCCESS', 'WARNING', 'FAILED', 'KILLED',
  'CANCELLED', 'QUEUED', 'RETRYING', 'RETRIED', 'SKIPPED', 'BREAKPOINT', 'RESUBMITTED',
] as const;
const StateType = Type.Union(STATE_TYPES.map((s) => Type.Literal(s)));

/**
 * What a task fixture may declare (TaskFixture.state is a State.Type): the states that end a task
 * run, and PAUSED (the task run and the execution wait for a resume, as a Pause does). Kestra takes
 * any State.Type, but the others (RUNNING, CREATED, QUEUED, ...) never end the mocked task run, so
 * its execution would never end: they are refused with a message saying so (parse.ts).
 */
export const FIXTURE_STATES = ['SUCCESS', 'WARNING', 'FAILED', 'KILLED', 'CANCELLED', 'SKIPPED', 'PAUSED'] as const;

export const TaskFixture = Type.Object({
  id: Type.String({ minLength: 1 }),
  value: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  state: Type.Optional(Type.Union(FIXTURE_STATES.map((s) => Type.Literal(s)))),
  outputs: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  assets: Type.Optional(Type.Array(Type.Unknown())),
}, { additionalProperties: false });
export type TaskFixture = Static<typeof TaskFixture>;

export const TriggerFixture = Type.Object({
  id: Type.String({ minLength: 1 }),
  type: Type.String({ minLength: 1 }),
  variables: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
}, { additionalProperties: false });
export type TriggerFixture = Static<typeof TriggerFixture>;

export const Fixtures = Type.Object({
  inputs: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  files: Type.Optional(Type.Record(Type.String(), Type.String())),
  tasks: Type.Optional(Type.Array(TaskFixture)),
  trigger: Type.Optional(TriggerFixture),
}, { additionalProperties: false });
export type Fixtures = Static<typeof Fixtures>;

/** The operators, in the order Kestra evaluates them (Assertion.run). */
export const OPERATORS = [
  'isNull', 'isNotNull', 'endsWith', 'startsWith', 'equalTo', 'contains', 'notEqualTo',
  'greaterThan', 'greaterThanOrEqualTo', 'lessThan', 'lessThanOrEqualTo', 'in', 'notIn',
] as const;
export type Operator = (typeof OPERATORS)[number];
/** older Kestra spellings, read as the current ones */
export const OPERATOR_ALIASES: Record<string, Operator> = { equalsTo: 'equalTo', notEqualsTo: 'notEqualTo' };

const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);
export const Assertion = Type.Object({
  value: Type.Unknown(),
  taskId: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  errorMessage: Type.Optional(Type.String()),
  endsWith: Type.Optional(Scalar),
  startsWith: Type.Optional(Scalar),
  contains: Type.Optional(Scalar),
  equalTo: Type.Optional(Type.Unknown()),
  notEqualTo: Type.Optional(Type.Unknown()),
  greaterThan: Type.Optional(Scalar),
  greaterThanOrEqualTo: Type.Optional(Scalar),
  lessThan: Type.Optional(Scalar),
  lessThanOrEqualTo: Type.Optional(Scalar),
  in: Type.Optional(Type.Union([Type.Array(Scalar), Type.String()])),
  notIn: Type.Optional(Type.Union([Type.Array(Scalar), Type.String()])),
  isNull: Type.Optional(Type.Union([Type.Boolean(), Type.String()])),
  isNotNull: Type.Optional(Type.Union([Type.Boolean(), Type.String()])),
}, { additionalProperties: false });
export type Assertion = Static<typeof Assertion>;

export const UnitTest = Type.Object({
  id: Type.String({ minLength: 1 }),
  type: Type.Literal(UNIT_TEST_TYPE),
  description: Type.Optional(Type.String()),
  disabled: Type.Optional(Type.Boolean()),
  expectedState: Type.Optional(StateType),
  fixtures: Type.Optional(Fixtures),
  assertions: Type.Array(Assertion),
}, { additionalProperties: false });
export type UnitTest = Static<typeof UnitTest>;

export const TestSuite = Type.Object({
  id: Type.String({ minLength: 1, pattern: SUITE_ID_PATTERN }),
  namespace: Type.String({ minLength: 1, maxLength: 150, pattern: NAMESPACE_PATTERN }),
  flowId: Type.String({ minLength: 1, maxLength: 100, pattern: FLOW_ID_PATTERN }),
  description: Type.Optional(Type.String()),
  disabled: Type.Optional(Type.Boolean()),
  testCases: Type.Array(UnitTest, { minItems: 1 }),
}, { additionalProperties: false });
export type TestSuite = Static<typeof TestSuite>;

/** A stored suite: the document, its YAML source, and the file it came from (flows directory). */
export interface SuiteRecord { tenant: string; suite: TestSuite; source: string; file?: string; updated: number }

// ---- results (TestSuiteRunResult.java, UnitTestResult.java) ----

export const TEST_STATES = ['ERROR', 'SUCCESS', 'FAILED', 'SKIPPED'] as const;
export const TestState = Type.Union(TEST_STATES.map((s) => Type.Literal(s)));
export type TestState = Static<typeof TestState>;

export const AssertionResult = Type.Object({
  operator: Type.String(),
  expected: Type.Unknown(),
  actual: Type.Unknown(),
  isSuccess: Type.Boolean(),
  taskId: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  errorMessage: Type.Optional(Type.String()),
});
export type AssertionResult = Static<typeof AssertionResult>;

export const AssertionRunError = Type.Object({ message: Type.String(), details: Type.Optional(Type.String()) });
export type AssertionRunError = Static<typeof AssertionRunError>;

export const UnitTestResult = Type.Object({
  testId: Type.String(),
  testType: Type.String(),
  executionId: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  state: TestState,
  assertionResults: Type.Array(AssertionResult),
  errors: Type.Array(AssertionRunError),
  fixtures: Type.Optional(Fixtures),
});
export type UnitTestResult = Static<typeof UnitTestResult>;

export const TestSuiteRunResult = Type.Object({
  id: Type.String(),
  testSuiteId: Type.String(),
  namespace: Type.String(),
  flowId: Type.String(),
  state: TestState,
  startDate: Type.String(),
  endDate: Type.String(),
  results: Type.Array(UnitTestResult),
});
export type TestSuiteRunResult = Static<typeof TestSuiteRunResult>;

/** A case's state from its results (UnitTestResult.of): errors → ERROR, a failed assertion → FAILED. */
export function caseState(results: AssertionResult[], errors: AssertionRunError[]): TestState {
  if (errors.length) return 'ERROR';
  return results.some((r) => !r.isSuccess) ? 'FAILED' : 'SUCCESS';
}

/** A run's state (TestSuiteRunResult.of): the first ERROR wins, then any FAILED; all SKIPPED → SKIPPED. */
export function suiteState(results: UnitTestResult[]): TestState {
  if (results.some((r) => r.state === 'ERROR')) return 'ERROR';
  if (results.some((r) => r.state === 'FAILED')) return 'FAILED';
  return results.length && results.every((r) => r.state === 'SKIPPED') ? 'SKIPPED' : results.length ? 'SUCCESS' : 'SKIPPED';
}

/** A YAML document that is a test suite rather than a flow: a map with `flowId` and `testCases`. */
export function looksLikeSuite(source: string): boolean {
  return /^testCases\s*:/m.test(source) && /^flowId\s*:/m.test(source);
}

/** A problem found in a suite, with where it is (1-based line; 0 when unknown). */
export interface SuiteProblem { path: string; message: string; line: number }

/** One line about a finished run (dashboard status, plain log): `tests company.team.x: 3 passed, 1 failed`. */
export function runSummaryText(r: TestSuiteRunResult): string {
  const n = (s: TestState) => r.results.filter((x) => x.state === s).length;
  const parts = [`${n('SUCCESS')} passed`, ...(['FAILED', 'ERROR', 'SKIPPED'] as const).filter((s) => n(s)).map((s) => `${n(s)} ${s === 'FAILED' ? 'failed' : s === 'ERROR' ? 'errors' : 'skipped'}`)];
  return `tests ${r.namespace}.${r.testSuiteId}: ${r.state} (${parts.join(', ')})`;
}
