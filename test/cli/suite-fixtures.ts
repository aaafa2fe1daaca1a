// A flow and a suite with passing, failing, erroring and disabled cases, shared by the CLI tests.

export const FLOW = `id: math
namespace: qa
inputs:
  - id: n
    type: INT
    defaults: 2
tasks:
  - id: double
    type: io.kestra.plugin.core.debug.Return
    format: "{{ inputs.n * 2 }}"
  - id: send
    type: io.kestra.plugin.notifications.slack.SlackIncomingWebhook
    url: https://hooks.slack.com/x
`;

export const SUITE = `id: math_tests
namespace: qa
flowId: math
testCases:
  - id: passes
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      inputs: {n: 5}
      tasks:
        - id: send
    assertions:
      - value: "{{ outputs.double.value }}"
        equalTo: "10"
  - id: fails
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      tasks:
        - id: send
    assertions:
      - value: "{{ outputs.double.value }}"
        equalTo: "5 & <more>"
  - id: errors
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      tasks:
        - id: send
    assertions:
      - value: "{{ outputs.double.value }}"
        greaterThan: "x"
  - id: skipped
    type: io.kestra.core.tests.flow.UnitTest
    disabled: true
    assertions:
      - value: a
        equalTo: a
`;
