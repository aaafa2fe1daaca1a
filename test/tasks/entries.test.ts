import { describe, expect, test } from 'bun:test';
import { Glob } from 'bun';
import { createPlan } from '../../src/executions/engine/plan.ts';
import { CORE_PLUGIN_DEFS, CORE_PLUGIN_ENTRIES, createPluginCatalog, defaultPluginCatalog } from '../../src/plugins/catalog.ts';
import { FOR_EACH_ITEM, ITEMS, MERGE, SPLIT, forEachItemFlowable } from '../../src/tasks/core/flow-for-each-item.ts';
import { isWalked } from '../../src/tasks/entry.ts';
import { createFixtures } from '../../src/tasks/fixtures/fixtures.ts';
import { CORE_RUNNABLE_TASKS, createTaskRegistry, expandTask, flowableOf, TASK_ENTRIES, taskEntryOf } from '../../src/tasks/registry.ts';

const C = 'io.kestra.plugin.core.';
const catalog = createPluginCatalog();
const publicEntries = TASK_ENTRIES.filter((e) => !e.internal);

describe('task registry entries', () => {
  test('every catalogue task type has exactly one entry, and every public entry is in the catalogue', () => {
    const catalogueTasks = catalog.all().filter((d) => d.kind === 'task');
    for (const def of catalogueTasks) expect(TASK_ENTRIES.filter((e) => e.type === def.type)).toHaveLength(1);
    expect(publicEntries.map((e) => e.type).sort()).toEqual(catalogueTasks.map((d) => d.type).sort());
    expect(new Set(TASK_ENTRIES.map((e) => e.type)).size).toBe(TASK_ENTRIES.length);
  });

  test('the catalogue definitions are the entries: same names, schema object, title, deprecation', () => {
    for (const e of publicEntries) {
      const def = catalog.resolve(e.type)!;
      expect(def.properties).toBe(e.schema);
      expect(def.aliases).toEqual(e.aliases);
      expect(def.title).toBe(e.title);
      expect(def.deprecated).toBe(e.deprecated);
      expect(e.schema.type).toBe('object');
    }
    // triggers, conditions and task runners come from entries of the same shape
    const others = CORE_PLUGIN_ENTRIES.filter((e) => e.kind !== 'task');
    expect(new Set(others.map((e) => e.kind))).toEqual(new Set(['trigger', 'condition', 'taskRunner']));
    for (const e of others) expect(catalog.resolve(e.type)!.properties).toBe(e.schema);
    expect(CORE_PLUGIN_DEFS.length).toBe(CORE_PLUGIN_ENTRIES.length);
  });

  test('aliases resolve to their entry, in the registry and in the catalogue', () => {
    for (const e of publicEntries) {
      for (const alias of e.aliases) {
        expect(taskEntryOf(alias)).toBe(e);
        expect(catalog.canonicalType(alias)).toBe(e.type);
      }
    }
    expect(taskEntryOf('io.kestra.core.tasks.flows.Flow')?.type).toBe(`${C}flow.Subflow`);
    expect(taskEntryOf('io.kestra.plugin.scripts.python.Script')).toBeUndefined();
  });

  test('flowables derive from the entries: the engine walks exactly the entries with a handler', () => {
    const walked = TASK_ENTRIES.filter(isWalked).map((e) => e.type.slice(`${C}flow.`.length)).sort();
    expect(walked).toEqual([
      'AllowFailure', 'Dag', 'EachParallel', 'EachSequential', 'ForEach', 'ForEachItem', 'If', 'Parallel', 'Pause',
      'Sequential', 'Switch', 'Template', 'WaitFor', 'WorkingDirectory',
    ]);
    for (const e of TASK_ENTRIES) expect(flowableOf(e.type)).toBe(isWalked(e) ? e.flowable : undefined);
    expect(flowableOf('io.kestra.core.tasks.flows.Parallel')).toBe(flowableOf(`${C}flow.Parallel`)!);
    // Template walks the tasks the planner inlined from the template (templates/expand.ts)
    expect(catalog.resolve(`${C}flow.Template`)?.flowable).toBe(true);
    expect(flowableOf('io.kestra.core.tasks.flows.Template')).toBe(flowableOf(`${C}flow.Template`)!);
    for (const e of publicEntries) expect(catalog.resolve(e.type)!.flowable).toBe(e.flowable !== undefined);
  });

  test('an entry runs one way: a runnable, or a walked flowable, or neither (played as a fixture)', () => {
    for (const e of TASK_ENTRIES) expect([e.run, e.runWith, isWalked(e) ? e.flowable : undefined].filter(Boolean).length).toBeLessThanOrEqual(1);
  });

  test('the runnable lookup derives from the entries, ports-using tasks included', () => {
    const registry = createTaskRegistry({ fixtures: createFixtures({ watch: false, strict: false }) });
    for (const e of TASK_ENTRIES.filter((x) => x.run)) {
      expect(registry.runnable(e.type)).toBe(e.run!);
      for (const alias of e.aliases) expect(registry.runnable(alias)).toBe(e.run!);
    }
    for (const t of ['flow.Subflow', 'execution.Resume', 'trigger.Toggle']) expect(CORE_RUNNABLE_TASKS[C + t]).toBe(taskEntryOf(C + t)!.run!);
    // core types known but not run here stay undefined, through their aliases too
    expect(registry.runnable(`${C}http.Download`)).toBeUndefined();
    expect(registry.runnable('io.kestra.plugin.fs.http.Download')).toBeUndefined();
  });
});

describe('ForEachItem expands through its entry', () => {
  const task = { id: 'each', type: FOR_EACH_ITEM, items: '{{ inputs.file }}', namespace: 't', flowId: 'line', errors: [{ id: 'e', type: `${C}log.Log` }] };

  test('expand gives the three synthetic parts; each is an internal runnable entry outside the catalogue', () => {
    const children = expandTask(FOR_EACH_ITEM, task);
    expect(children.map((c) => [c.id, c.type])).toEqual([['each_split', SPLIT], ['each_items', ITEMS], ['each_merge', MERGE]]);
    for (const child of children) {
      expect(child).toMatchObject({ parentTaskId: 'each', items: task.items, namespace: 't', flowId: 'line' });
      expect(child.errors).toBeUndefined();
      const entry = taskEntryOf(child.type)!;
      expect(entry.internal).toBe(true);
      expect(entry.run).toBeDefined();
      expect(catalog.resolve(child.type)).toBeUndefined();
      expect(CORE_RUNNABLE_TASKS[child.type]).toBeUndefined();
    }
    expect(taskEntryOf(FOR_EACH_ITEM)!.expand).toBeDefined();
    expect(expandTask(`${C}flow.Sequential`, { id: 's', type: `${C}flow.Sequential` })).toEqual([]);
  });

  test('the planner plans the parts as runnables and the flowable walks them in order', () => {
    const plan = createPlan({ id: 'fan', namespace: 't', tasks: [task] }, 1, defaultPluginCatalog());
    expect([...plan.tasks.keys()].sort()).toEqual(['e', 'each', 'each_items', 'each_merge', 'each_split']);
    expect(plan.tasks.get('each')!.flowable).toBe(true);
    for (const id of ['each_split', 'each_items', 'each_merge']) expect(plan.tasks.get(id)!.flowable).toBe(false);
    const spec = forEachItemFlowable.spec(task, {} as never);
    expect(spec.items.map((i) => [i.task.id, i.group])).toEqual([['each_split', 0], ['each_items', 0], ['each_merge', 0]]);
    expect(spec.errors.map((t) => t.id)).toEqual(['e']);
  });
});

test('task implementations import nothing from the engine', async () => {
  const offenders: string[] = [];
  for (const file of new Glob('src/tasks/**/*.ts').scanSync('.')) {
    if (/from '[./]*\/executions\/engine\//.test(await Bun.file(file).text())) offenders.push(file);
  }
  expect(offenders).toEqual([]);
});
