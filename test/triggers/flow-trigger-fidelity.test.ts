// Flow triggers as Kestra evaluates them (FlowTriggerService, plugin/core/trigger/Flow.java):
// inputs rendered over the upstream execution, `states` (default terminal) on every state change,
// and `stopAfter` disabling the trigger's context.
import { describe, expect, test } from 'bun:test';
import { openDb } from '../../src/shared/db.ts';
import { createTriggerStore } from '../../src/triggers/store.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveFlow } from '../helpers/flows.ts';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';

const tick = async (n = 10) => { for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r)); };
const search = async (c: TestClient, flowId: string) =>
  (await c.json('GET', `/api/v1/executions/search?flowId=${flowId}&namespace=t&size=100&sort=state.startDate:asc`)).body.results as any[];
const warnings = (c: TestClient) => c.rt.services.logs.logs.find('main', { namespace: 't' }).results.filter((l) => l.level === 'WARN').map((l) => l.message);

const UPSTREAM = `id: up
namespace: t
labels:
  team: data
inputs:
  - id: who
    type: STRING
    defaults: world
tasks:
  - id: r
    type: io.kestra.plugin.core.debug.Return
    format: "hello {{ inputs.who }}"
outputs:
  - id: said
    type: STRING
    value: "{{ outputs.r.value }}"
`;

const listener = (inputs: string, extra = '') => `id: down
namespace: t
variables:
  suffix: "!"
inputs:
  - id: text
    type: STRING
triggers:
  - id: after
    type: io.kestra.plugin.core.trigger.Flow
${extra}    conditions:
      - type: io.kestra.plugin.core.condition.ExecutionFlow
        namespace: t
        flowId: up
    inputs:
      text: ${inputs}
tasks:
  - id: l
    type: io.kestra.plugin.core.log.Log
    message: "{{ inputs.text }}"
`;

describe('Flow trigger inputs', () => {
  test('are rendered over the upstream execution: its task outputs, tasks, inputs, labels, execution, and trigger.outputs', async () => {
    const c = await testRuntime();
    await saveFlow(c, UPSTREAM);
    await saveFlow(c, listener(`"{{ outputs.r.value }}|{{ trigger.outputs.said }}|{{ tasks.r.state }}|{{ inputs.who }}|{{ labels.team }}|{{ execution.id }}|{{ flow.id }}{{ vars.suffix }}"`));
    const up = await c.json('POST', '/api/v1/executions/t/up?wait=true');
    await tick();
    const [down] = await search(c, 'down');
    expect(down.inputs).toEqual({ text: `hello world|hello world|SUCCESS|world|data|${up.body.id}|down!` });
    // the created execution carries the upstream identity and, as newer Kestra, its flow outputs
    expect(down.trigger.variables).toEqual({ executionId: up.body.id, namespace: 't', flowId: 'up', flowRevision: 1, state: 'SUCCESS', outputs: { said: 'hello world' } });
  });

  test('see the upstream execution`s own trigger, not the new one: trigger.executionId is undefined there → WARN, nothing created', async () => {
    const c = await testRuntime();
    await saveFlow(c, UPSTREAM);
    await saveFlow(c, listener('"{{ trigger.executionId }}"'));
    await c.json('POST', '/api/v1/executions/t/up?wait=true');
    await tick();
    expect(await search(c, 'down')).toEqual([]);
    expect(warnings(c)).toContain('Failed to trigger flow t.down for trigger after, invalid inputs');
  });

  test('trigger labels are rendered one by one: a failing label is omitted with a WARN, system labels are dropped', async () => {
    const c = await testRuntime();
    await saveFlow(c, UPSTREAM);
    await saveFlow(c, listener('"x"', '    labels:\n      from: "{{ execution.id }}"\n      broken: "{{ nope }}"\n      system.readOnly: "true"\n'));
    const up = await c.json('POST', '/api/v1/executions/t/up?wait=true');
    await tick();
    const [down] = await search(c, 'down');
    expect(down.labels).toEqual([{ key: 'from', value: up.body.id }]);
    expect(warnings(c)).toContain("Failed to render label 'broken', it will be omitted");
  });
});

const PAUSING = `id: up
namespace: t
tasks:
  - id: wait
    type: io.kestra.plugin.core.flow.Pause
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: resumed
`;

const stateListener = (id: string, states: string, conditions = '') => `id: ${id}
namespace: t
triggers:
  - id: on
    type: io.kestra.plugin.core.trigger.Flow
${states}    conditions:
      - type: io.kestra.plugin.core.condition.ExecutionFlow
        namespace: t
        flowId: up
${conditions}tasks:
  - id: l
    type: io.kestra.plugin.core.log.Log
    message: "{{ trigger.state }}"
`;

describe('Flow trigger states', () => {
  test('non-terminal states fire on each matching state change; the default is terminal states only', async () => {
    const c = await testRuntime();
    await saveFlow(c, PAUSING);
    await saveFlow(c, stateListener('every', '    states: [RUNNING, PAUSED, SUCCESS]\n'));
    await saveFlow(c, stateListener('ending', ''));
    // ExecutionStatus runs after `states`: with the default states a PAUSED condition never matches
    await saveFlow(c, stateListener('pausedByCondition', '', '      - type: io.kestra.plugin.core.condition.ExecutionStatus\n        in: [PAUSED]\n'));
    const started = await c.json('POST', '/api/v1/executions/t/up');
    await tick();
    const done = c.rt.engine.waitForTerminal('main', started.body.id)!;
    expect((await c.call('POST', `/api/v1/executions/${started.body.id}/resume`, { body: new FormData() })).status).toBe(204);
    expect((await done).state.current).toBe('SUCCESS');
    await tick();
    // RUNNING, PAUSED, RUNNING (after RESTARTED), SUCCESS; all created at the same fake instant
    expect((await search(c, 'every')).map((e) => e.trigger.variables.state).sort()).toEqual(['PAUSED', 'RUNNING', 'RUNNING', 'SUCCESS']);
    expect((await search(c, 'ending')).map((e) => e.trigger.variables.state)).toEqual(['SUCCESS']);
    expect(await search(c, 'pausedByCondition')).toEqual([]);
  });

  test('an update that keeps the state (labels set on an ended execution) does not fire again', async () => {
    const c = await testRuntime();
    await saveFlow(c, UPSTREAM);
    await saveFlow(c, stateListener('ending', ''));
    const up = await c.json('POST', '/api/v1/executions/t/up?wait=true');
    await tick();
    expect((await c.json('POST', `/api/v1/executions/${up.body.id}/labels`, { body: [{ key: 'k', value: 'v' }] })).status).toBe(200);
    await tick();
    expect((await search(c, 'ending')).length).toBe(1);
  });
});

describe('Flow trigger stopAfter', () => {
  const failing = `id: down
namespace: t
triggers:
  - id: after
    type: io.kestra.plugin.core.trigger.Flow
    stopAfter: [FAILED]
    conditions:
      - type: io.kestra.plugin.core.condition.ExecutionFlow
        namespace: t
        flowId: up
tasks:
  - id: f
    type: io.kestra.plugin.core.execution.Fail
`;

  test('an execution it created ending FAILED disables the trigger; trigger.Toggle enables it again', async () => {
    const c = await testRuntime();
    await saveFlow(c, UPSTREAM);
    await saveFlow(c, failing);
    await c.json('POST', '/api/v1/executions/t/up?wait=true');
    await tick(30);
    expect((await search(c, 'down')).map((e) => e.state.current)).toEqual(['FAILED']);
    await c.json('POST', '/api/v1/executions/t/up?wait=true');
    await tick(30);
    expect((await search(c, 'down')).length).toBe(1);
    await saveFlow(c, 'id: toggle\nnamespace: t\ntasks:\n  - id: on\n    type: io.kestra.plugin.core.trigger.Toggle\n    flowId: down\n    trigger: after\n    enabled: true\n');
    expect((await c.json('POST', '/api/v1/executions/t/toggle?wait=true')).body.state.current).toBe('SUCCESS');
    await c.json('POST', '/api/v1/executions/t/up?wait=true');
    await tick(30);
    expect((await search(c, 'down')).length).toBe(2);
  });

  test('a SUCCESS not listed in stopAfter keeps the trigger enabled', async () => {
    const c = await testRuntime();
    await saveFlow(c, UPSTREAM);
    await saveFlow(c, failing.replace('stopAfter: [FAILED]', 'stopAfter: [SUCCESS]'));
    for (let i = 0; i < 2; i++) { await c.json('POST', '/api/v1/executions/t/up?wait=true'); await tick(30); }
    expect((await search(c, 'down')).length).toBe(2);
  });

  test('flow-trigger contexts persist in their own table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flow-ctx-'));
    try {
      const file = join(dir, 'db.sqlite');
      const db = openDb(file);
      createTriggerStore(db, 'flow').save({ tenant: 'main', namespace: 't', flowId: 'down', triggerId: 'after', disabled: true, timezone: 'UTC' });
      createTriggerStore(db);
      db.close();
      const again = openDb(file);
      expect([...createTriggerStore(again, 'flow').all()].map((t) => [t.triggerId, t.disabled])).toEqual([['after', true]]);
      expect([...createTriggerStore(again).all()]).toEqual([]);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
