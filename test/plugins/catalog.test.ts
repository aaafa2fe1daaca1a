import { describe, expect, test } from 'bun:test';
import { createPluginCatalog, CORE_PLUGIN_DEFS } from '../../src/plugins/catalog.ts';

const catalog = createPluginCatalog();
const C = 'io.kestra.plugin.core.';

const EXPECTED_TASKS = [
  'log.Log', 'log.Fetch', 'log.PurgeLogs', 'debug.Return', 'debug.Echo', 'output.OutputValues',
  'flow.Sequential', 'flow.Parallel', 'flow.If', 'flow.Switch', 'flow.ForEach', 'flow.Subflow', 'flow.Pause', 'flow.Sleep',
  'flow.AllowFailure', 'flow.WorkingDirectory', 'flow.Dag', 'flow.WaitFor', 'flow.EachSequential', 'flow.EachParallel',
  'flow.ForEachItem', 'flow.Template', 'execution.Fail', 'execution.Labels', 'execution.Count', 'execution.PurgeExecutions',
  'execution.Resume', 'kv.Set', 'kv.Get', 'kv.Delete', 'kv.GetKeys', 'http.Request', 'http.Download', 'storage.Concat',
  'storage.DeduplicateItems', 'storage.Delete', 'storage.FilterItems', 'storage.LocalFiles', 'storage.Reverse', 'storage.Size',
  'storage.Split', 'storage.PurgeCurrentExecutionFiles', 'namespace.UploadFiles', 'namespace.DownloadFiles',
  'namespace.DeleteFiles', 'state.Set', 'state.Get', 'state.Delete', 'templating.TemplatedTask', 'trigger.Toggle',
];
const EXPECTED_TRIGGERS = ['trigger.Schedule', 'trigger.ScheduleOnDates', 'trigger.Webhook', 'trigger.Flow', 'http.Trigger'];
const EXPECTED_CONDITIONS = [
  'ExecutionStatus', 'ExecutionFlow', 'ExecutionNamespace', 'ExecutionLabels', 'ExecutionOutputs', 'Expression', 'DayWeek',
  'DayWeekInMonth', 'Weekend', 'PublicHoliday', 'TimeBetween', 'DateTimeBetween', 'Not', 'Or', 'HasRetryAttempt',
  'MultipleCondition', 'FlowCondition', 'FlowNamespaceCondition',
];

const ALIASES: [string, string][] = [
  ['io.kestra.core.tasks.log.Log', 'log.Log'],
  ['io.kestra.core.tasks.log.Fetch', 'log.Fetch'],
  ['io.kestra.core.tasks.debugs.Return', 'debug.Return'],
  ['io.kestra.core.tasks.debugs.Echo', 'debug.Echo'],
  ['io.kestra.core.tasks.executions.Fail', 'execution.Fail'],
  ['io.kestra.core.tasks.executions.Labels', 'execution.Labels'],
  ['io.kestra.core.tasks.executions.Counts', 'execution.Count'],
  ['io.kestra.core.tasks.storages.Purge', 'execution.PurgeExecutions'],
  ['io.kestra.plugin.core.storage.Purge', 'execution.PurgeExecutions'],
  ...['Sequential', 'Parallel', 'If', 'Switch', 'Pause', 'AllowFailure', 'Dag', 'EachSequential', 'EachParallel', 'ForEachItem', 'Template']
    .map((n): [string, string] => [`io.kestra.core.tasks.flows.${n}`, `flow.${n}`]),
  ['io.kestra.core.tasks.flows.Subflow', 'flow.Subflow'],
  ['io.kestra.core.tasks.flows.Flow', 'flow.Subflow'],
  ['io.kestra.core.tasks.flows.WorkingDirectory', 'flow.WorkingDirectory'],
  ['io.kestra.core.tasks.flows.Worker', 'flow.WorkingDirectory'],
  ['io.kestra.plugin.fs.http.Request', 'http.Request'],
  ['io.kestra.plugin.fs.http.Download', 'http.Download'],
  ['io.kestra.plugin.fs.http.Trigger', 'http.Trigger'],
  ['io.kestra.core.tasks.states.Set', 'state.Set'],
  ['io.kestra.core.tasks.states.Get', 'state.Get'],
  ['io.kestra.core.tasks.states.Delete', 'state.Delete'],
  ...['Concat', 'DeduplicateItems', 'Delete', 'FilterItems', 'LocalFiles', 'Reverse', 'Size', 'Split']
    .map((n): [string, string] => [`io.kestra.core.tasks.storages.${n}`, `storage.${n}`]),
  ['io.kestra.core.tasks.storages.PurgeExecution', 'storage.PurgeCurrentExecutionFiles'],
  ['io.kestra.plugin.core.storage.PurgeExecution', 'storage.PurgeCurrentExecutionFiles'],
  ['io.kestra.core.tasks.templating.TemplatedTask', 'templating.TemplatedTask'],
  ['io.kestra.core.models.triggers.types.Schedule', 'trigger.Schedule'],
  ['io.kestra.core.models.triggers.types.Flow', 'trigger.Flow'],
  ['io.kestra.core.models.triggers.types.Webhook', 'trigger.Webhook'],
  ['io.kestra.core.tasks.trigger.Toggle', 'trigger.Toggle'],
  ['io.kestra.core.models.conditions.types.ExpressionCondition', 'condition.Expression'],
  ['io.kestra.plugin.core.condition.ExpressionCondition', 'condition.Expression'],
  ['io.kestra.core.models.conditions.types.VariableCondition', 'condition.Expression'],
  ['io.kestra.core.models.conditions.types.ExecutionStatusCondition', 'condition.ExecutionStatus'],
  ['io.kestra.plugin.core.condition.ExecutionStatusCondition', 'condition.ExecutionStatus'],
  ['io.kestra.core.models.conditions.types.MultipleCondition', 'condition.MultipleCondition'],
  ['io.kestra.core.models.conditions.types.FlowCondition', 'condition.FlowCondition'],
];

describe('plugin catalog', () => {
  test('every core task of the catalogue is registered as a task', () => {
    for (const t of EXPECTED_TASKS) expect(catalog.resolve(C + t)?.kind).toBe('task');
  });

  test('triggers, conditions and the Process task runner are registered with their kind', () => {
    for (const t of EXPECTED_TRIGGERS) expect(catalog.resolve(C + t)?.kind).toBe('trigger');
    for (const c of EXPECTED_CONDITIONS) expect(catalog.resolve(`${C}condition.${c}`)?.kind).toBe('condition');
    expect(catalog.resolve(`${C}runner.Process`)?.kind).toBe('taskRunner');
  });

  test.each(ALIASES)('alias %s resolves to %s', (alias, canonical) => {
    expect(catalog.resolve(alias)?.type).toBe(C + canonical);
    expect(catalog.canonicalType(alias)).toBe(C + canonical);
  });

  test('every condition resolves under both legacy Condition-suffixed names', () => {
    for (const c of EXPECTED_CONDITIONS.filter((x) => !x.endsWith('Condition'))) {
      expect(catalog.resolve(`io.kestra.core.models.conditions.types.${c}Condition`)?.type).toBe(`${C}condition.${c}`);
      expect(catalog.resolve(`${C}condition.${c}Condition`)?.type).toBe(`${C}condition.${c}`);
    }
  });

  test('unknown types resolve to nothing and keep their name', () => {
    expect(catalog.resolve(`${C}debug.Unknown`)).toBeUndefined();
    expect(catalog.canonicalType('io.kestra.plugin.scripts.python.Script')).toBe('io.kestra.plugin.scripts.python.Script');
  });

  test('isCoreType looks at the package only', () => {
    expect(catalog.isCoreType(`${C}log.Log`)).toBe(true);
    expect(catalog.isCoreType('io.kestra.core.tasks.log.Log')).toBe(true);
    expect(catalog.isCoreType(`${C}debug.Unknown`)).toBe(true);
    expect(catalog.isCoreType('io.kestra.plugin.scripts.python.Script')).toBe(false);
    expect(catalog.isCoreType('io.kestra.plugin.fs.http.Request')).toBe(false);
  });

  test('definitions are well formed data', () => {
    const seen = new Set<string>();
    for (const d of catalog.all()) {
      expect(d.type.startsWith(C)).toBe(true);
      expect(seen.has(d.type)).toBe(false);
      seen.add(d.type);
      expect(d.title.length).toBeGreaterThan(5);
      expect(d.properties.type).toBe('object');
      expect(Array.isArray(d.aliases)).toBe(true);
      expect(JSON.parse(JSON.stringify(d.properties)).type).toBe('object');
    }
    expect(catalog.all().length).toBe(CORE_PLUGIN_DEFS.length);
  });

  test('no alias is claimed by two definitions and no alias shadows a canonical type', () => {
    const canonical = new Set(CORE_PLUGIN_DEFS.map((d) => d.type));
    const aliases = CORE_PLUGIN_DEFS.flatMap((d) => d.aliases);
    expect(new Set(aliases).size).toBe(aliases.length);
    for (const a of aliases) expect(canonical.has(a)).toBe(false);
  });

  test('required properties and defaults are part of the schemas', () => {
    const log = catalog.resolve(`${C}log.Log`)!;
    expect(log.properties.required).toEqual(['message']);
    expect((log.properties.properties.level as { default?: string }).default).toBe('INFO');
    expect(catalog.resolve(`${C}trigger.Schedule`)!.properties.required).toEqual(['cron']);
    expect(catalog.resolve(`${C}trigger.Webhook`)!.properties.required).toEqual(['key']);
    expect(catalog.resolve(`${C}flow.Subflow`)!.properties.required).toEqual(['namespace', 'flowId']);
    expect((catalog.resolve(`${C}flow.Subflow`)!.properties.properties.wait as { default?: boolean }).default).toBe(true);
  });

  test('flowable flags and deprecations', () => {
    for (const t of ['flow.Sequential', 'flow.Parallel', 'flow.If', 'flow.Switch', 'flow.ForEach', 'flow.Dag', 'flow.WorkingDirectory', 'flow.WaitFor', 'flow.AllowFailure']) {
      expect(catalog.resolve(C + t)!.flowable).toBe(true);
    }
    for (const t of ['log.Log', 'debug.Return', 'flow.Subflow', 'http.Request', 'kv.Set']) expect(catalog.resolve(C + t)!.flowable).toBe(false);
    for (const t of ['flow.EachSequential', 'flow.EachParallel', 'debug.Echo', 'state.Set', 'storage.LocalFiles', 'flow.Template']) {
      expect(catalog.resolve(C + t)!.deprecated).toBe(true);
    }
    expect(catalog.resolve(`${C}log.Log`)!.deprecated).toBeUndefined();
  });

  test('flowable tasks accept errors and finally branches', () => {
    const props = catalog.resolve(`${C}flow.Parallel`)!.properties.properties;
    expect(props.errors).toBeDefined();
    expect(props.finally).toBeDefined();
  });
});
