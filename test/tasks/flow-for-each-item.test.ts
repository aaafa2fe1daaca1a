import { describe, expect, test } from 'bun:test';
import { testRuntime } from '../helpers/runtime.ts';
import { execute, saveFlow, taskRun } from '../helpers/flows.ts';

const CHILD = 'id: line\nnamespace: t\ninputs:\n  - id: batch\n    type: FILE\ntasks:\n  - id: read\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ read(inputs.batch) | trim }}"\noutputs:\n  - id: text\n    type: STRING\n    value: "{{ outputs.read.value }}"\n';
const PARENT = (batch = '') => `id: fan\nnamespace: t\ninputs:\n  - id: file\n    type: FILE\ntasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEachItem\n    items: "{{ inputs.file }}"\n${batch}    namespace: t\n    flowId: line\n    inputs:\n      batch: "{{ taskrun.items }}"\n`;

describe('ForEachItem', () => {
  test('splits a file, runs one subflow per batch, merges the outputs (4 task runs)', async () => {
    const c = await testRuntime();
    await saveFlow(c, CHILD);
    await saveFlow(c, PARENT('    batch:\n      rows: 2\n'));
    const e = await execute(c, 't', 'fan', { file: new File(['a\nb\nc\nd\ne\n'], 'file') });
    expect(e.state.current).toBe('SUCCESS');
    expect(e.taskRunList.map((t: any) => t.taskId)).toEqual(['each', 'each_split', 'each_items', 'each_merge']);
    expect(taskRun(e, 'each_items').outputs).toMatchObject({ numberOfBatches: 3, iterations: { SUCCESS: 3 } });
    const merged = await c.call('GET', `/api/v1/executions/${e.id}/file?path=${encodeURIComponent(taskRun(e, 'each_merge').outputs.subflowOutputs)}`);
    const lines = (await merged.text()).trim().split('\n').map((l) => JSON.parse(l).text);
    expect(lines).toEqual(['a\nb', 'c\nd', 'e']);
    const children = await c.json('GET', `/api/v1/executions/search?flowId=line&namespace=t&size=10`);
    expect(children.body.total).toBe(3);
    expect(children.body.results[0].trigger).toMatchObject({ id: 'each', type: 'io.kestra.plugin.core.flow.ForEachItem' });
  });

  test('10,000 lines with rows: 1 give 10,000 subflow executions', async () => {
    const c = await testRuntime();
    await saveFlow(c, CHILD);
    await saveFlow(c, PARENT());
    const content = Array.from({ length: 10_000 }, (_, i) => `line-${i}`).join('\n') + '\n';
    const e = await execute(c, 't', 'fan', { file: new File([content], 'file') });
    expect(e.state.current).toBe('SUCCESS');
    expect(taskRun(e, 'each_items').outputs).toMatchObject({ numberOfBatches: 10_000, iterations: { SUCCESS: 10_000 } });
  }, 60_000);

  test('a non-internal URI fails with Kestra\'s message', async () => {
    const c = await testRuntime();
    await saveFlow(c, CHILD);
    await saveFlow(c, 'id: bad\nnamespace: t\ntasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEachItem\n    items: "https://example.com/x.csv"\n    namespace: t\n    flowId: line\n');
    const e = await execute(c, 't', 'bad');
    expect(e.state.current).toBe('FAILED');
    expect(c.rt.services.logs.logs.find('main', { executionId: e.id }).results.map((l) => l.message)).toContain('Unable to split the items from https://example.com/x.csv, this is not an internal storage URI!');
  });
});
