import { describe, expect, test } from 'bun:test';
import { createFixtures } from '../../src/tasks/fixtures/fixtures.ts';
import { storageConcatTask } from '../../src/tasks/core/storage-concat.ts';
import { createTemplatedTask } from '../../src/tasks/core/templated-task.ts';
import { CORE_RUNNABLE_TASKS, createTaskRegistry } from '../../src/tasks/registry.ts';
import type { RunnableTask } from '../../src/tasks/types.ts';
import { buildRunContext, runExpectingError } from '../helpers/run-context.ts';

const TYPE = 'io.kestra.plugin.core.templating.TemplatedTask';
const run = (spec: unknown, task: RunnableTask = CORE_RUNNABLE_TASKS[TYPE]!, variables: Record<string, unknown> = {}) => {
  const r = buildRunContext({ task: { id: 'templated', type: TYPE, spec }, variables });
  return { r, result: () => r.run(task) };
};

describe('templating.TemplatedTask', () => {
  test('renders the spec, then runs that task in the same context: its outputs are ours', async () => {
    const spec = 'id: inner\ntype: io.kestra.core.tasks.debugs.Return\nformat: "{{ inputs.word }} {{ \'{{ flow.id }}\' }}"';
    const { r, result } = run(spec, undefined, { inputs: { word: 'hello' } });
    // first rendering fills `inputs.word`; the inner task renders what is left (`{{ flow.id }}`)
    expect((await result())!.outputs).toEqual({ value: 'hello my-flow' });
    expect(r.metrics.map((m) => m.name)).toEqual(['length', 'duration']);
  });

  test('a spec whose properties come from expressions (e.g. a dynamic list of files)', async () => {
    const { r, result } = run('id: concat\ntype: io.kestra.plugin.core.storage.Concat\nfiles:\n{% for f in inputs.files %}  - {{ f }}\n{% endfor %}');
    const uris = [r.ctx.storage.putFile('a.txt', 'A'), r.ctx.storage.putFile('b.txt', 'B')];
    Object.assign(r.ctx.variables, { inputs: { files: uris } });
    const uri = (await result())!.outputs!.uri as string;
    expect(new TextDecoder().decode(r.ctx.storage.readFile(uri))).toBe('AB');
  });

  test('errors: bad YAML, not a map, no type, flowable, nested TemplatedTask, unknown core type', async () => {
    const message = async (spec: unknown) => (await runExpectingError(run(spec).r, CORE_RUNNABLE_TASKS[TYPE]!)).message;
    expect(await message('id: [')).toStartWith('Unable to parse the templated task spec:');
    expect(await message('- a')).toBe('The templated task spec must be a YAML map describing one task');
    expect(await message('id: x')).toBe('The templated task spec must have a `type`');
    expect(await message('type: io.kestra.plugin.core.log.Log')).toBe('The templated task spec must have an `id`');
    expect(await message('id: x\ntype: io.kestra.plugin.core.flow.Sequential')).toBe("The templated task must be a runnable task, got 'io.kestra.plugin.core.flow.Sequential'");
    expect(await message(`id: x\ntype: ${TYPE}\nspec: "id: y"`)).toBe("The templated task cannot be of type 'io.kestra.plugin.core.templating.TemplatedTask'");
    expect(await message('id: x\ntype: io.kestra.plugin.scripts.shell.Commands')).toBe("The templated task must be a runnable task, got 'io.kestra.plugin.scripts.shell.Commands'");
    expect(await message(undefined)).toBe("Missing required property 'spec'");
  });

  test('through a task registry, a non-core spec is played by the fixtures; the lookup is injectable', async () => {
    const fixtures = createFixtures({ watch: false, strict: false });
    const registry = createTaskRegistry({ fixtures });
    const handler = registry.runnable('io.kestra.core.tasks.templating.TemplatedTask')!;
    expect(handler).not.toBe(CORE_RUNNABLE_TASKS[TYPE]);
    expect(registry.runnable(TYPE)).toBe(handler);
    const { result } = run('id: x\ntype: io.kestra.plugin.scripts.shell.Commands\ncommands: [ls]', handler);
    expect(await result()).toBeDefined();
    const custom = createTemplatedTask((type) => (type === 'my.Concat' ? storageConcatTask : undefined));
    const { r, result: viaCustom } = run('id: c\ntype: my.Concat\nfiles: []', custom);
    expect(((await viaCustom())!.outputs!.uri as string).startsWith('kestra:///')).toBe(true);
    expect(r.logs).toEqual([]);
  });
});

describe('registry entries of the storage / namespace / admin tasks', () => {
  const registry = createTaskRegistry({ fixtures: createFixtures({ watch: false, strict: false }) });
  test('canonical types and legacy aliases resolve to handlers', () => {
    const types = [
      'storage.Concat', 'storage.Split', 'storage.Size', 'storage.Delete', 'storage.Reverse', 'storage.FilterItems', 'storage.DeduplicateItems',
      'storage.PurgeCurrentExecutionFiles', 'storage.LocalFiles', 'namespace.UploadFiles', 'namespace.DownloadFiles', 'namespace.DeleteFiles',
      'log.Fetch', 'log.PurgeLogs', 'state.Set', 'state.Get', 'state.Delete', 'execution.Count', 'execution.PurgeExecutions', 'trigger.Toggle',
    ];
    for (const t of types) expect(registry.runnable(`io.kestra.plugin.core.${t}`)).toBe(CORE_RUNNABLE_TASKS[`io.kestra.plugin.core.${t}`]!);
    expect(registry.runnable('io.kestra.core.tasks.storages.Concat')).toBe(CORE_RUNNABLE_TASKS['io.kestra.plugin.core.storage.Concat']!);
    expect(registry.runnable('io.kestra.core.tasks.storages.PurgeExecution')).toBe(CORE_RUNNABLE_TASKS['io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles']!);
    expect(registry.runnable('io.kestra.core.tasks.states.Get')).toBe(CORE_RUNNABLE_TASKS['io.kestra.plugin.core.state.Get']!);
    expect(registry.runnable('io.kestra.core.tasks.executions.Counts')).toBe(CORE_RUNNABLE_TASKS['io.kestra.plugin.core.execution.Count']!);
    expect(registry.runnable('io.kestra.plugin.core.storage.Purge')).toBe(CORE_RUNNABLE_TASKS['io.kestra.plugin.core.execution.PurgeExecutions']!);
    expect(registry.runnable('io.kestra.core.tasks.log.Fetch')).toBe(CORE_RUNNABLE_TASKS['io.kestra.plugin.core.log.Fetch']!);
  });
});
