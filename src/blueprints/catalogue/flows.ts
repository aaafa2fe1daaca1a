// Flow blueprints written for kestra-lite: small, runnable examples of what a local runner is
// good at. Plain strings imported statically, so `bun build --compile` ships them in the binary.
// Every source must parse with the flow parser (test/blueprints checks it).

import type { BlueprintDef } from '../model.ts';

export const FLOW_BLUEPRINTS: BlueprintDef[] = [
  {
    id: 'hello-world',
    title: 'Hello world',
    description: 'The smallest useful flow: one input, one log line and one output value. Run it with `kestra-lite run` or from the API.',
    tags: ['getting-started', 'core'],
    publishedAt: '2025-01-06T09:00:00Z',
    source: `id: hello-world
namespace: company.team

description: Greets whoever you name.

inputs:
  - id: name
    type: STRING
    defaults: World

tasks:
  - id: greet
    type: io.kestra.plugin.core.log.Log
    message: "Hello, {{ inputs.name }}!"

  - id: remember
    type: io.kestra.plugin.core.debug.Return
    format: "greeted {{ inputs.name }}"

outputs:
  - id: greeting
    type: STRING
    value: "{{ outputs.remember.value }}"
`,
  },
  {
    id: 'daily-schedule',
    title: 'Run a flow every morning',
    description: 'A Schedule trigger with a time zone and a backfill-friendly date: the flow logs the date it was scheduled for.',
    tags: ['getting-started', 'scheduling'],
    publishedAt: '2025-01-07T09:00:00Z',
    source: `id: daily-schedule
namespace: company.team

tasks:
  - id: report-date
    type: io.kestra.plugin.core.log.Log
    message: "Preparing the report for {{ trigger.date ?? execution.startDate | date('yyyy-MM-dd') }}"

triggers:
  - id: every-morning
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "0 7 * * 1-5"
    timezone: Europe/Paris
`,
  },
  {
    id: 'webhook-receiver',
    title: 'Start a flow from a webhook',
    description: 'Any POST to /api/v1/executions/webhook/company.team/webhook-receiver/my-secret-key starts the flow; the request body is available as trigger.body.',
    tags: ['triggers', 'api'],
    publishedAt: '2025-01-08T09:00:00Z',
    source: `id: webhook-receiver
namespace: company.team

tasks:
  - id: show-payload
    type: io.kestra.plugin.core.log.Log
    message: "Received {{ trigger.body ?? 'no body' }}"

triggers:
  - id: incoming
    type: io.kestra.plugin.core.trigger.Webhook
    key: my-secret-key
`,
  },
  {
    id: 'parent-and-subflow',
    title: 'Call another flow and use its outputs',
    description: 'A parent flow starts the hello-world blueprint as a subflow, waits for it and reads its outputs. Create hello-world first.',
    tags: ['core', 'orchestration'],
    publishedAt: '2025-01-09T09:00:00Z',
    source: `id: parent-and-subflow
namespace: company.team

tasks:
  - id: child
    type: io.kestra.plugin.core.flow.Subflow
    namespace: company.team
    flowId: hello-world
    inputs:
      name: subflow
    wait: true
    transmitFailed: true

  - id: use-child-output
    type: io.kestra.plugin.core.log.Log
    message: "The child said: {{ outputs.child.outputs.greeting }}"
`,
  },
  {
    id: 'for-each-values',
    title: 'Loop over a list of values',
    description: 'ForEach runs its tasks once per value, two values at a time; each iteration reads its value with taskrun.value.',
    tags: ['core', 'orchestration'],
    publishedAt: '2025-01-10T09:00:00Z',
    source: `id: for-each-values
namespace: company.team

inputs:
  - id: regions
    type: JSON
    defaults: '["eu-west", "us-east", "ap-south"]'

tasks:
  - id: each-region
    type: io.kestra.plugin.core.flow.ForEach
    values: "{{ inputs.regions }}"
    concurrencyLimit: 2
    tasks:
      - id: deploy
        type: io.kestra.plugin.core.log.Log
        message: "Deploying to {{ taskrun.value }}"
`,
  },
  {
    id: 'kv-store-counter',
    title: 'Keep state between executions with the KV store',
    description: 'Reads a counter from the namespace KV store (0 the first time), increments it and writes it back.',
    tags: ['core', 'state'],
    publishedAt: '2025-01-13T09:00:00Z',
    source: `id: kv-store-counter
namespace: company.team

tasks:
  - id: read
    type: io.kestra.plugin.core.kv.Get
    key: run-count
    errorOnMissing: false

  - id: write
    type: io.kestra.plugin.core.kv.Set
    key: run-count
    value: "{{ (outputs.read.value ?? 0) + 1 }}"
    kvType: NUMBER

  - id: report
    type: io.kestra.plugin.core.log.Log
    message: "This flow ran {{ kv('run-count') }} time(s)"
`,
  },
  {
    id: 'mocked-script-with-fixtures',
    title: 'Test a flow with scripts locally, using fixtures',
    description: 'The Python step cannot run in kestra-lite: a fixture answers it. Put this in fixtures/extract.yml:\n\n'
      + 'tasks:\n  - id: extract\n    outputs:\n      vars:\n        rows: 42\n\n'
      + 'and the flow runs end to end with rows = 42. Without the fixture the step ends WARNING with empty outputs.',
    tags: ['testing', 'fixtures'],
    publishedAt: '2025-01-14T09:00:00Z',
    source: `id: mocked-script-with-fixtures
namespace: company.team

tasks:
  - id: extract
    type: io.kestra.plugin.scripts.python.Script
    script: |
      from kestra import Kestra
      Kestra.outputs({"rows": 42})

  - id: check
    type: io.kestra.plugin.core.log.Log
    message: "Extracted {{ outputs.extract.vars.rows ?? 'no' }} rows"
`,
  },
  {
    id: 'retry-and-errors',
    title: 'Retries and an error handler',
    description: 'A flaky HTTP call is retried three times, one second apart; if it still fails, the errors branch logs an alert.',
    tags: ['core', 'error-handling'],
    publishedAt: '2025-01-15T09:00:00Z',
    source: `id: retry-and-errors
namespace: company.team

tasks:
  - id: call-api
    type: io.kestra.plugin.core.http.Request
    uri: https://example.invalid/health
    retry:
      type: constant
      interval: PT1S
      maxAttempts: 3

errors:
  - id: alert
    type: io.kestra.plugin.core.log.Log
    level: ERROR
    message: "{{ flow.id }} failed: the API did not answer after 3 attempts"
`,
  },
];
