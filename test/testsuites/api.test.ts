import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML } from '../helpers/runtime.ts';

const FLOW = `id: greet
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

const SUITE = `id: greet_tests
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

describe('tests API', () => {
  test('create, get, search, run, results', async () => {
    const c = await testRuntime();
    expect((await c.json('POST', '/api/v1/main/flows', { body: FLOW, type: YAML })).status).toBe(200);
    const created = await c.json('POST', '/api/v1/main/tests', { body: SUITE, type: YAML });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: 'greet_tests', namespace: 'company.team', flowId: 'greet', source: SUITE, disabled: false, deleted: false });
    const run = await c.json('POST', '/api/v1/main/tests/company.team/greet_tests/run', { body: {} });
    expect(run.status).toBe(200);
    console.log(JSON.stringify(run.body, null, 1));
  });
});
