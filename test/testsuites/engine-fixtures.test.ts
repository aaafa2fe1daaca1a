// Test-case fixtures on tasks the engine handles itself (finding 2 of review 2): a Pause (with or
// without a duration), a flowable, and the fixture states beyond SUCCESS/WARNING/FAILED. As in
// Kestra's ExecutorService.handleWorkerTask, a task run with a fixture is never run: it takes the
// fixture's state and outputs, whatever its type.
import { describe, expect, test } from 'bun:test';
import { testRuntime, YAML, type TestClient } from '../helpers/runtime.ts';

const FLOW = `id: gate
namespace: qa
tasks:
  - id: before
    type: io.kestra.plugin.core.debug.Return
    format: "{{ now() }}"
  - id: wait
    type: io.kestra.plugin.core.flow.Pause
  - id: timed
    type: io.kestra.plugin.core.flow.Pause
    pauseDuration: PT20S
  - id: branch
    type: io.kestra.plugin.core.flow.If
    condition: "{{ true }}"
    then:
      - id: inside
        type: io.kestra.plugin.core.log.Log
        message: inside
  - id: after
    type: io.kestra.plugin.core.debug.Return
    format: "{{ now() }}"
`;

const suite = (cases: string) => `id: gate_tests
namespace: qa
flowId: gate
testCases:
${cases}`;

async function setup(): Promise<TestClient> {
  const c = await testRuntime();
  expect((await c.json('POST', '/api/v1/flows', { body: FLOW, type: YAML })).status).toBe(200);
  return c;
}

async function runCases(c: TestClient, cases: string) {
  const created = await c.json('POST', '/api/v1/tests', { body: suite(cases), type: YAML });
  expect(created.status).toBe(200);
  return (await c.json('POST', '/api/v1/tests/qa/gate_tests/run', { body: {} })).body;
}

const PAUSES_MOCKED = `        - id: wait
          outputs: {approved: true}
        - id: timed
`;

describe('test-case fixtures on engine-handled tasks', () => {
  test('a fixture on a Pause (with or without pauseDuration) ends it at once with the fixture outputs', async () => {
    const c = await setup();
    const run = await runCases(c, `  - id: pauses_mocked
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      tasks:
${PAUSES_MOCKED}    assertions:
      - value: "{{ tasks.wait.state }}-{{ tasks.timed.state }}-{{ outputs.wait.approved }}"
        equalTo: SUCCESS-SUCCESS-true
      - value: "{{ (outputs.after.value | timestamp) - (outputs.before.value | timestamp) }}"
        lessThan: 1
      - value: "{{ tasks.inside.state }}"
        equalTo: SUCCESS
`);
    expect(run.results[0].errors).toEqual([]);
    expect(run.results[0].assertionResults.map((a: any) => a.isSuccess)).toEqual([true, true, true, true]);
    const exec = (await c.json('GET', `/api/v1/executions/${run.results[0].executionId}`)).body;
    const wait = exec.taskRunList.find((r: any) => r.taskId === 'wait');
    expect(wait.state.histories.map((h: any) => h.state)).not.toContain('PAUSED');
    expect(exec.state.histories.map((h: any) => h.state)).not.toContain('PAUSED');
  });

  test('a fixture on a flowable ends it without creating its children', async () => {
    const c = await setup();
    const run = await runCases(c, `  - id: branch_mocked
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      tasks:
${PAUSES_MOCKED}        - id: branch
          state: WARNING
    expectedState: WARNING
    assertions:
      - value: "{{ tasks.branch.state }}"
        equalTo: WARNING
      - value: "{{ tasks.inside ?? 'not run' }}"
        equalTo: not run
`);
    expect(run.results[0].errors).toEqual([]);
    expect(run.results[0].state).toBe('SUCCESS');
  });

  test('KILLED, CANCELLED and SKIPPED fixtures end the task run in that state, outputs rendered', async () => {
    const c = await setup();
    const cases = (['KILLED', 'CANCELLED', 'SKIPPED'] as const).map((s) => `  - id: ${s.toLowerCase()}
    type: io.kestra.core.tests.flow.UnitTest
    expectedState: ${s === 'KILLED' ? 'KILLED' : 'SUCCESS'}
    fixtures:
      tasks:
${PAUSES_MOCKED}        - id: before
          state: ${s}
          outputs: {value: "{{ flow.id }}-${s}"}
    assertions:
      - value: "{{ tasks.before.state }}|{{ outputs.before.value }}"
        equalTo: "${s}|gate-${s}"
`).join('');
    const run = await runCases(c, cases);
    for (const r of run.results) expect({ id: r.testId, errors: r.errors, state: r.state }).toEqual({ id: r.testId, errors: [], state: 'SUCCESS' });
  });

  test('a PAUSED fixture pauses the task run and the execution; a resume ends the task run and the flow goes on', async () => {
    const c = await setup();
    const exec = await c.rt.executions.create({
      tenant: 'main', namespace: 'qa', flowId: 'gate', kind: 'TEST',
      fixtures: [{ id: 'before', state: 'PAUSED', outputs: { v: 1 } }, { id: 'wait' }, { id: 'timed' }],
    });
    await c.rt.engine.idle();
    const paused = (await c.json('GET', `/api/v1/executions/${exec.id}`)).body;
    expect(paused.state.current).toBe('PAUSED');
    expect(paused.taskRunList[0]).toMatchObject({ taskId: 'before', state: { current: 'PAUSED' }, outputs: { v: 1 } });
    const ended = c.rt.engine.waitForTerminal('main', exec.id)!;
    expect((await c.call('POST', `/api/v1/executions/${exec.id}/resume`)).status).toBe(204);
    const done = await ended;
    expect(done.state.current).toBe('SUCCESS');
    expect(done.taskRunList.map((r) => `${r.taskId}:${r.state.current}`)).toEqual(['before:SUCCESS', 'wait:SUCCESS', 'timed:SUCCESS', 'branch:SUCCESS', 'inside:SUCCESS', 'after:SUCCESS']);
  });

  test('a fixture state that never ends a task run is refused with a clear error; unknown ones too', async () => {
    const c = await setup();
    for (const [state, message] of [
      ['RUNNING', "state 'RUNNING' never ends the mocked task run, so its execution could not end: a task fixture's state must be one of SUCCESS, WARNING, FAILED, KILLED, CANCELLED, SKIPPED, PAUSED"],
      ['DONE', "must be one of SUCCESS, WARNING, FAILED, KILLED, CANCELLED, SKIPPED, PAUSED, got 'DONE'"],
    ]) {
      const res = await c.json('POST', '/api/v1/tests/validate', { body: suite(`  - id: bad
    type: io.kestra.core.tests.flow.UnitTest
    fixtures:
      tasks:
        - id: before
          state: ${state}
    assertions:
      - value: x
        equalTo: x
`), type: YAML });
      expect(JSON.stringify(res.body)).toContain(message!);
    }
  });
});
