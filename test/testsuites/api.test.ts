// The tests API (openapi-2.0-tests.yml) at the HTTP edge, under /api/v1 and /api/v1/{tenant}.
import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

export const FLOW = `id: greet
namespace: company.team
inputs:
  - id: name
    type: STRING
    defaults: world
tasks:
  - id: hello
    type: io.kestra.plugin.core.debug.Return
    format: "hello {{ inputs.name }}"
  - id: slack
    type: io.kestra.plugin.notifications.slack.SlackIncomingWebhook
    url: https://hooks.slack.com/x
outputs:
  - id: greeting
    type: STRING
    value: "{{ outputs.hello.value }}"
`;

export const SUITE = `id: greet_tests
namespace: company.team
flowId: greet
testCases:
  - id: default_name
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      tasks:
        - id: slack
          outputs: {sent: true}
    assertions:
      - value: "{{ outputs.hello.value }}"
        equalTo: hello world
      - value: "{{ execution.outputs.greeting }}"
        startsWith: hello
  - id: other_name
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      inputs: {name: kestra}
      tasks:
        - id: slack
    assertions:
      - value: "{{ outputs.hello.value }}"
        equalTo: hello nobody
  - id: off
    type: io.kestra.core.tests.flow.UnitTest
    disabled: true
    assertions:
      - value: x
        isNotNull: true
`;

async function withSuite(prefix = '/api/v1/main'): Promise<TestClient> {
  const c = await testRuntime();
  expect((await c.json('POST', `${prefix}/flows`, { body: FLOW, type: YAML })).status).toBe(200);
  const created = await c.json('POST', `${prefix}/tests`, { body: SUITE, type: YAML });
  expect(created.status).toBe(200);
  return c;
}

describe('tests API', () => {
  for (const prefix of ['/api/v1', '/api/v1/main', '/api/v1/team-a']) {
    test(`create, get, search, run, results under ${prefix}`, async () => {
      const c = await withSuite(prefix);
      const got = await c.json('GET', `${prefix}/tests/company.team/greet_tests`);
      expect(got.body).toMatchObject({ id: 'greet_tests', namespace: 'company.team', flowId: 'greet', source: SUITE, disabled: false, deleted: false });
      expect(got.body.testCases).toHaveLength(3);
      const search = await c.json('GET', `${prefix}/tests/search?namespace=company`);
      expect(search.body.total).toBe(1);
      expect((await c.json('GET', `${prefix}/tests/search?namespace=company&includeChildNamespaces=false`)).body.total).toBe(0);

      const run = await c.json('POST', `${prefix}/tests/company.team/greet_tests/run`, { body: {} });
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ testSuiteId: 'greet_tests', namespace: 'company.team', flowId: 'greet', state: 'FAILED' });
      const [ok, failed, skipped] = run.body.results;
      expect(ok).toMatchObject({ testId: 'default_name', testType: 'io.kestra.core.tests.flow.UnitTest', state: 'SUCCESS', errors: [] });
      expect(ok.assertionResults[0]).toEqual({ operator: 'equalTo', expected: 'SUCCESS', actual: 'SUCCESS', isSuccess: true, description: 'Execution state' });
      expect(failed.state).toBe('FAILED');
      expect(failed.assertionResults[1].errorMessage).toBe("expected '{{ outputs.hello.value }}' to equal 'hello nobody' but was 'hello kestra'");
      expect(skipped).toEqual({ testId: 'off', testType: 'io.kestra.core.tests.flow.UnitTest', state: 'SKIPPED', assertionResults: [], errors: [] });

      // the TEST executions are readable by id and left out of searches
      const exec = await c.json('GET', `${prefix}/executions/${ok.executionId}`);
      expect(exec.body).toMatchObject({ kind: 'TEST', state: { current: 'SUCCESS' }, fixtures: [{ id: 'slack', outputs: { sent: true } }] });
      expect((await c.json('GET', `${prefix}/executions/search`)).body.total).toBe(0);

      const one = await c.json('POST', `${prefix}/tests/company.team/greet_tests/run`, { body: { testCases: ['default_name'] } });
      expect(one.body.state).toBe('SUCCESS');
      expect(one.body.results.map((r: any) => r.testId)).toEqual(['default_name']);

      const results = await c.json('GET', `${prefix}/tests/results/search?testSuiteId=greet_tests`);
      expect(results.body.total).toBe(2);
      expect(results.body.results[0].id).toBe(one.body.id);
      expect((await c.json('GET', `${prefix}/tests/results/${run.body.id}`)).body).toEqual(run.body);
      const last = await c.json('POST', `${prefix}/tests/results/search/last`, { body: { testSuiteIds: [{ namespace: 'company.team', id: 'greet_tests' }] } });
      expect(last.body.results.map((r: any) => r.id)).toEqual([one.body.id]);
    });
  }

  test('tenants are isolated', async () => {
    const c = await withSuite('/api/v1/team-a');
    expect((await c.json('GET', '/api/v1/tests/company.team/greet_tests')).status).toBe(404);
    expect((await c.json('GET', '/api/v1/team-a/tests/company.team/greet_tests')).status).toBe(200);
  });

  test('a task fixture applies to its test execution only', async () => {
    const c = await withSuite();
    await c.json('POST', '/api/v1/main/tests/company.team/greet_tests/run', { body: { testCases: ['default_name'] } });
    const normal = await c.json('POST', '/api/v1/main/executions/company.team/greet?wait=true');
    const slack = normal.body.taskRunList.find((t: any) => t.taskId === 'slack');
    expect(slack.state.current).toBe('WARNING'); // no fixture outside the test: mocked with empty outputs
    expect(slack.outputs ?? {}).toEqual({});
  });

  test('update, enable/disable (rewriting the YAML), delete by ids', async () => {
    const c = await withSuite();
    const updated = SUITE.replace('equalTo: hello nobody', 'equalTo: hello kestra');
    const put = await c.json('PUT', '/api/v1/main/tests/company.team/greet_tests', { body: updated, type: YAML });
    expect(put.status).toBe(200);
    expect(put.body.source).toBe(updated);
    expect((await c.json('POST', '/api/v1/main/tests/company.team/greet_tests/run', { body: {} })).body.state).toBe('SUCCESS');

    const ids = { ids: [{ namespace: 'company.team', id: 'greet_tests' }] };
    expect((await c.json('POST', '/api/v1/main/tests/disable/by-ids', { body: ids })).body).toEqual({ count: 1 });
    const disabled = await c.json('GET', '/api/v1/main/tests/company.team/greet_tests');
    expect(disabled.body.disabled).toBe(true);
    expect(disabled.body.source).toContain('flowId: greet\ndisabled: true\n');
    const skipped = await c.json('POST', '/api/v1/main/tests/company.team/greet_tests/run', { body: {} });
    expect(skipped.body).toMatchObject({ state: 'SKIPPED', results: [] });
    expect((await c.json('POST', '/api/v1/main/tests/enable/by-ids', { body: ids })).body).toEqual({ count: 1 });
    expect((await c.json('GET', '/api/v1/main/tests/company.team/greet_tests')).body.source).toContain('disabled: false');

    const byQuery = await c.json('POST', '/api/v1/main/tests/run', { body: { namespace: 'company' } });
    expect(byQuery.body).toMatchObject({ requestMade: { namespace: 'company', flowId: null, includeChildNamespaces: true }, tenantId: 'main', numberOfTestSuitesToBeRun: 1, numberOfTestCasesToBeRun: 3 });
    expect(byQuery.body.results[0].state).toBe('SUCCESS');

    expect((await c.json('DELETE', '/api/v1/main/tests/by-ids', { body: { ids: [] } })).status).toBe(422);
    expect((await c.json('DELETE', '/api/v1/main/tests/by-ids', { body: { ids: [...ids.ids, { namespace: 'x', id: 'nope' }] } })).status).toBe(404);
    expect((await c.json('DELETE', '/api/v1/main/tests/by-ids', { body: ids })).body).toEqual({ count: 1 });
    expect((await c.json('GET', '/api/v1/main/tests/company.team/greet_tests')).status).toBe(404);
  });

  test('bad input: clear Kestra-style errors', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/main/flows', { body: FLOW, type: YAML });
    const missingFlow = await c.json('POST', '/api/v1/main/tests', { body: SUITE.replace('flowId: greet', 'flowId: nope'), type: YAML });
    expect(missingFlow.status).toBe(422);
    expect(missingFlow.body.message).toBe("Invalid entity: flowId: The flow 'nope' does not exist in namespace 'company.team'.");
    const unknownTask = await c.json('POST', '/api/v1/main/tests', { body: SUITE.replace('- id: slack\n          outputs', '- id: slak\n          outputs'), type: YAML });
    expect(unknownTask.body.message).toContain("testCases[0].fixtures.tasks[0].id: fixture for unknown task 'slak'");
    const malformed = await c.json('POST', '/api/v1/main/tests', { body: 'id: x\nnamespace: [a\n', type: YAML });
    expect(malformed.status).toBe(422);
    expect(malformed.body.message).toStartWith('Invalid entity: The test suite is not valid YAML');
    expect((await c.json('POST', '/api/v1/main/tests', { body: SUITE, type: YAML })).status).toBe(200);
    const again = await c.json('POST', '/api/v1/main/tests', { body: SUITE, type: YAML });
    expect(again.body.message).toBe("Invalid entity: A test suite 'greet_tests' already exists in namespace 'company.team'.");
    const renamed = await c.json('PUT', '/api/v1/main/tests/company.team/greet_tests', { body: SUITE.replace('id: greet_tests', 'id: other'), type: YAML });
    expect(renamed.body.message).toBe('Invalid entity: The namespace and id of a test suite cannot be changed; create a new test suite instead.');
    const missing = await c.json('GET', '/api/v1/main/tests/company.team/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe("Not Found: The test suite 'nope' does not exist in namespace 'company.team'.");
    expect((await c.json('GET', '/api/v1/main/tests/results/nope')).status).toBe(404);
    expect((await c.json('POST', '/api/v1/main/tests/company.team/greet_tests/run', { body: { testCases: 'x' } })).status).toBe(422);
  });

  test('validate answers a ValidateConstraintViolation with lines', async () => {
    const c = await testRuntime();
    await c.json('POST', '/api/v1/main/flows', { body: FLOW, type: YAML });
    const ok = await c.json('POST', '/api/v1/main/tests/validate', { body: SUITE, type: YAML });
    expect(ok.body).toEqual({ index: 0, namespace: 'company.team', flow: 'greet', outdated: false, deprecationPaths: [], warnings: [], infos: [] });
    const bad = await c.json('POST', '/api/v1/main/tests/validate', { body: SUITE.replace('equalTo: hello world', 'equalTo: hello world\n        bogus: 1').replace('assertions:\n      - value: x\n        isNotNull: true', 'assertions:\n      - value: x'), type: YAML });
    expect(bad.body.constraints).toBe([
      'testCases[0].assertions[0].bogus: unknown property (line 14)',
      'testCases[2].assertions[0]: no assertions found: an assertion needs one of isNull, isNotNull, endsWith, startsWith, equalTo, contains, notEqualTo, greaterThan, greaterThanOrEqualTo, lessThan, lessThanOrEqualTo, in, notIn (line 30)',
    ].join('\n'));
  });
});
