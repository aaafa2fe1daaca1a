// Test-case fixtures, end to end through the runner: inputs, files (stored, exposed as `files`),
// tasks (state and outputs, any task type, this execution only) and trigger (`trigger.*`).
import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML } from '../helpers/runtime.ts';

const FLOW = `id: pipeline
namespace: qa
inputs:
  - id: count
    type: INT
    defaults: 1
tasks:
  - id: read
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read(files['data.csv']) }}"
  - id: fetch
    type: io.kestra.plugin.core.http.Request
    uri: https://example.invalid/api
  - id: compute
    type: io.kestra.plugin.core.debug.Return
    format: "{{ inputs.count * 2 }}-{{ outputs.fetch.code }}-{{ trigger.date ?? 'manual' }}"
  - id: notify
    type: io.kestra.plugin.core.log.Log
    message: done
`;

const suite = (cases: string) => `id: pipeline_tests
namespace: qa
flowId: pipeline
testCases:
${cases}`;

async function runSuite(cases: string) {
  const c = await testRuntime();
  expect((await c.json('POST', '/api/v1/flows', { body: FLOW, type: YAML })).status).toBe(200);
  const created = await c.json('POST', '/api/v1/tests', { body: suite(cases), type: YAML });
  expect(created.status).toBe(200);
  return (await c.json('POST', '/api/v1/tests/qa/pipeline_tests/run', { body: {} })).body;
}

describe('test-case fixtures', () => {
  test('inputs, files, task outputs and trigger variables reach the flow', async () => {
    const run = await runSuite(`  - id: all_fixtures
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      inputs: {count: 21}
      files:
        data.csv: "a,b\\n1,2"
      tasks:
        - id: fetch
          outputs: {code: 200, body: ok}
      trigger:
        id: daily
        type: io.kestra.plugin.core.trigger.Schedule
        variables: {date: "2026-01-05T07:00:00Z"}
    assertions:
      - value: "{{ outputs.read.value }}"
        equalTo: "a,b\\n1,2"
      - value: "{{ outputs.compute.value }}"
        equalTo: "42-200-2026-01-05T07:00:00Z"
      - value: "{{ outputs.fetch.body }}"
        taskId: fetch
        equalTo: ok
`);
    expect(run.results[0].errors).toEqual([]);
    expect(run.results[0].assertionResults.map((a: any) => a.isSuccess)).toEqual([true, true, true, true]);
    expect(run.state).toBe('SUCCESS');
  });

  test('a task fixture sets the state: FAILED fails the run, WARNING warns; expectedState checks it', async () => {
    const run = await runSuite(`  - id: failing_fetch
    type: io.kestra.core.tests.flow.UnitTest
    expectedState: FAILED
    fixtures:
      files: {data.csv: x}
      tasks:
        - id: fetch
          state: FAILED
    assertions:
      - value: "{{ tasks.fetch.state }}"
        equalTo: FAILED
      - value: "{{ tasks.compute ?? 'not run' }}"
        equalTo: not run
  - id: warning_fetch
    type: io.kestra.core.tests.flow.UnitTest
    expectedState: WARNING
    fixtures:
      files: {data.csv: x}
      tasks:
        - id: fetch
          state: WARNING
          outputs: {code: 204}
    assertions:
      - value: "{{ outputs.compute.value }}"
        endsWith: "-204-manual"
  - id: wrong_expectation
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      files: {data.csv: x}
      tasks:
        - id: fetch
          state: FAILED
    assertions:
      - value: "{{ tasks.fetch.state }}"
        equalTo: FAILED
`);
    const [failed, warned, wrong] = run.results;
    expect(failed.state).toBe('SUCCESS');
    expect(warned.state).toBe('SUCCESS');
    expect(wrong.state).toBe('FAILED');
    expect(wrong.assertionResults[0]).toMatchObject({ operator: 'equalTo', expected: 'SUCCESS', actual: 'FAILED', isSuccess: false, description: 'Execution state' });
    expect(run.state).toBe('FAILED');
  });

  test('a core task can be mocked too, and a case that cannot start is an ERROR, not a crash', async () => {
    const run = await runSuite(`  - id: mock_core
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      tasks:
        - id: read
          outputs: {value: mocked}
        - id: fetch
          outputs: {code: 1}
    assertions:
      - value: "{{ outputs.read.value }}"
        equalTo: mocked
  - id: bad_input
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      inputs: {count: not-a-number}
    assertions:
      - value: x
        equalTo: x
  - id: bad_expression
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      tasks:
        - id: read
          outputs: {value: v}
        - id: fetch
          outputs: {code: 1}
    assertions:
      - value: "{{ outputs.nothing.here }}"
        equalTo: x
`);
    const [core, badInput, badExpr] = run.results;
    expect(core.state).toBe('SUCCESS');
    expect(badInput.state).toBe('ERROR');
    expect(badInput.errors[0].message).toStartWith('The test case could not run: ');
    expect(badExpr.state).toBe('ERROR');
    expect(badExpr.errors[0].message).toStartWith('Could not evaluate assertion:');
    expect(run.state).toBe('ERROR');
  });
});
