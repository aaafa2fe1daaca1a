// The terminal dashboard and the plain log show test runs; test-case executions stay out of the list.
import { describe, expect, test } from 'bun:test';
import type { Action } from '../../src/dashboard/actions.ts';
import { createEventCollector } from '../../src/dashboard/event-collector.ts';
import { attachPlainLogger } from '../../src/cli/plain-logger.ts';
import { withState } from '../../src/executions/state.ts';
import { createEventBus } from '../../src/shared/events.ts';
import type { TestSuiteRunResult } from '../../src/testsuites/model.ts';
import '../../src/testsuites/service.ts';
import { execution, executionLookup, manualTimers, T0 } from '../dashboard/helpers.ts';

const result = (state: TestSuiteRunResult['state']): TestSuiteRunResult => ({
  id: 'run1', testSuiteId: 'math_tests', namespace: 'qa', flowId: 'math', state, startDate: '2026-01-01T00:00:00.000Z', endDate: '2026-01-01T00:00:00.000Z',
  results: [
    { testId: 'a', testType: 'io.kestra.core.tests.flow.UnitTest', state: 'SUCCESS', assertionResults: [], errors: [] },
    { testId: 'b', testType: 'io.kestra.core.tests.flow.UnitTest', state: 'FAILED', assertionResults: [], errors: [] },
  ],
});

describe('test runs on screen', () => {
  test('the dashboard status line gets one message per run; TEST executions are not listed', () => {
    const events = createEventBus();
    const timers = manualTimers(1000);
    const batches: Action[][] = [];
    createEventCollector({ events, lookup: executionLookup(events), timers, intervalMs: 100, onBatch: (b) => batches.push(b) });
    const testExec = execution('t1');
    testExec.kind = 'TEST';
    testExec.state = withState(testExec.state, 'SUCCESS', T0 + 1);
    events.emit('execution.updated', { execution: testExec });
    events.emit('testsuite.run', { tenant: 'main', result: result('FAILED') });
    timers.fire();
    expect(batches.flat()).toEqual([{ type: 'message', text: 'tests qa.math_tests: FAILED (1 passed, 1 failed)', tone: 'error' }]);
  });

  test('the plain log writes a line per run', () => {
    const events = createEventBus();
    const lines: string[] = [];
    attachPlainLogger(events, (l) => lines.push(l), () => T0, { format: 'json' });
    events.emit('testsuite.run', { tenant: 'main', result: result('FAILED') });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'WARN', event: 'testsuite.run', message: 'tests qa.math_tests: FAILED (1 passed, 1 failed)', testSuiteId: 'math_tests', state: 'FAILED', runId: 'run1' });
  });
});
