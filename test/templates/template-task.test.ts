import { describe, expect, test } from 'bun:test';
import { execute, runFlow, saveFlow } from '../helpers/flows.ts';
import { testRuntime, type TestClient } from '../helpers/runtime.ts';

const LOG = 'io.kestra.plugin.core.log.Log';
const RETURN = 'io.kestra.plugin.core.debug.Return';

async function saveTemplate(c: TestClient, body: Record<string, unknown>, base = '/api/v1') {
  const r = await c.json('POST', `${base}/templates`, { body });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
}

const logsOf = async (c: TestClient, id: string, base = '/api/v1') =>
  (await c.json('GET', `${base}/logs/${id}`)).body.map((l: any) => `${l.taskId}:${l.level}:${l.message}`);

const WITH_TEMPLATE = `id: with-template
namespace: io.kestra.tests
inputs:
  - id: with-string
    type: STRING
tasks:
  - id: 1-return
    type: ${RETURN}
    format: "{{ task.id }}"
  - id: 2-template
    type: io.kestra.plugin.core.flow.Template
    namespace: io.kestra.tests
    templateId: template
    args:
      my-forward: "{{ inputs['with-string'] }}"
  - id: 3-end
    type: ${RETURN}
    format: "{{ task.id }}"
`;

describe('io.kestra.plugin.core.flow.Template', () => {
  test('the template\'s tasks run inside the Template task, args rendered into its outputs', async () => {
    const c = await testRuntime();
    await saveTemplate(c, { id: 'template', namespace: 'io.kestra.tests', tasks: [{ id: 'test', type: LOG, message: "{{ parent.outputs.args['my-forward'] }}" }] });
    const e = await runFlow(c, WITH_TEMPLATE, { 'with-string': 'myString' });
    expect(e.state.current).toBe('SUCCESS');
    expect(e.taskRunList.map((r: any) => r.taskId)).toEqual(['1-return', '2-template', 'test', '3-end']);
    const parent = e.taskRunList[1];
    expect(parent.outputs).toEqual({ args: { 'my-forward': 'myString' } });
    expect(e.taskRunList[2].parentTaskRunId).toBe(parent.id);
    expect(await logsOf(c, e.id)).toContain('test:INFO:myString');
  });

  test('the legacy alias, nested templates, and the template\'s errors branch', async () => {
    const c = await testRuntime();
    await saveTemplate(c, { id: 'inner', namespace: 'company.team', tasks: [{ id: 'fail', type: 'io.kestra.plugin.core.execution.Fail', errorMessage: 'boom' }] });
    await saveTemplate(c, {
      id: 'outer', namespace: 'company.team',
      tasks: [{ id: 'nested', type: 'io.kestra.core.tasks.flows.Template', namespace: 'company.team', templateId: 'inner' }],
      errors: [{ id: 'recover', type: LOG, message: 'recovered {{ parent.outputs.args.who }}' }],
    });
    const e = await runFlow(c, `id: nested
namespace: company.team
tasks:
  - id: include
    type: io.kestra.core.tasks.flows.Template
    namespace: company.team
    templateId: outer
    args:
      who: "{{ flow.id }}"
`);
    expect(e.state.current).toBe('FAILED');
    const states = Object.fromEntries(e.taskRunList.map((r: any) => [r.taskId, r.state.current]));
    expect(states).toEqual({ include: 'FAILED', nested: 'FAILED', fail: 'FAILED', recover: 'SUCCESS' });
    expect(e.taskRunList.find((r: any) => r.taskId === 'include').outputs).toEqual({ args: { who: 'nested' } });
    expect(await logsOf(c, e.id)).toContain('recover:INFO:recovered nested');
  });

  test('a missing template fails the task with Kestra\'s message', async () => {
    const c = await testRuntime();
    const e = await runFlow(c, `id: with-failed-template
namespace: io.kestra.tests
tasks:
  - id: 1-template
    type: io.kestra.plugin.core.flow.Template
    namespace: io.kestra.tests
    templateId: invalid
`);
    expect(e.state.current).toBe('FAILED');
    expect(e.taskRunList.map((r: any) => `${r.taskId}:${r.state.current}`)).toEqual(['1-template:FAILED']);
    const logs = await logsOf(c, e.id);
    expect(logs.some((l: string) => l.startsWith('1-template:ERROR:') && l.endsWith("Can't find flow template 'io.kestra.tests.invalid'"))).toBe(true);
  });

  test('a template that includes itself fails instead of looping', async () => {
    const c = await testRuntime();
    await saveTemplate(c, { id: 'loop', namespace: 'company.team', tasks: [{ id: 'again', type: 'io.kestra.plugin.core.flow.Template', namespace: 'company.team', templateId: 'loop' }] });
    const e = await runFlow(c, `id: looping
namespace: company.team
tasks:
  - id: start
    type: io.kestra.plugin.core.flow.Template
    namespace: company.team
    templateId: loop
`);
    expect(e.state.current).toBe('FAILED');
    expect(e.taskRunList.map((r: any) => `${r.taskId}:${r.state.current}`)).toEqual(['start:FAILED', 'again:FAILED']);
  });

  test('a template change is used by the next execution; templates are looked up in the execution\'s tenant', async () => {
    const c = await testRuntime();
    const flow = `id: uses
namespace: company.team
tasks:
  - id: t
    type: io.kestra.plugin.core.flow.Template
    namespace: company.team
    templateId: greet
`;
    await saveTemplate(c, { id: 'greet', namespace: 'company.team', tasks: [{ id: 'v1', type: LOG, message: 'one' }] });
    await saveFlow(c, flow);
    const first = await execute(c, 'company.team', 'uses');
    expect(first.taskRunList.map((r: any) => r.taskId)).toEqual(['t', 'v1']);
    await c.json('PUT', '/api/v1/templates/company.team/greet', { body: { id: 'greet', namespace: 'company.team', tasks: [{ id: 'v2', type: LOG, message: 'two' }] } });
    const second = await execute(c, 'company.team', 'uses');
    expect(second.taskRunList.map((r: any) => r.taskId)).toEqual(['t', 'v2']);

    // tenant t2 has the flow but not the template
    expect((await c.json('POST', '/api/v1/t2/flows', { body: flow, type: 'application/x-yaml' })).status).toBe(200);
    const form = new FormData();
    const other = await c.json('POST', '/api/v1/t2/executions/company.team/uses?wait=true', { body: form });
    expect(other.body.state.current).toBe('FAILED');
    await saveTemplate(c, { id: 'greet', namespace: 'company.team', tasks: [{ id: 't2task', type: LOG, message: 'three' }] }, '/api/v1/t2');
    const again = await c.json('POST', '/api/v1/t2/executions/company.team/uses?wait=true', { body: new FormData() });
    expect(again.body.taskRunList.map((r: any) => r.taskId)).toEqual(['t', 't2task']);
  });
});
