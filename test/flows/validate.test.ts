import { describe, expect, test } from 'bun:test';
import { parseFlowYaml, parseFlowObject, validateTaskOrTrigger, violationsMessage, type FlowParseResult } from '../../src/flows/parse.ts';
import { isValidCron } from '../../src/flows/validate/cron.ts';

const C = 'io.kestra.plugin.core.';
const LOG = `${C}log.Log`;

function message(r: FlowParseResult): string {
  if (r.ok) throw new Error('expected violations');
  return violationsMessage(r.violations);
}
function valid(r: FlowParseResult): void {
  if (!r.ok) throw new Error(`expected a valid flow, got ${violationsMessage(r.violations)}`);
}
/** a flow object with the given tasks (and extra top-level properties) */
const f = (tasks: unknown[], extra: Record<string, unknown> = {}) => ({ id: 'f', namespace: 'company.team', tasks, ...extra });
const log = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: LOG, message: 'x', ...extra });
const check = (tasks: unknown[], extra: Record<string, unknown> = {}) => parseFlowObject(f(tasks, extra));

describe('flow bean constraints', () => {
  test('tasks must not be empty', () => {
    expect(message(check([]))).toBe('tasks: must not be empty');
    expect(message(parseFlowObject({ id: 'f', namespace: 'n' }))).toBe('tasks: must not be empty');
  });

  test('id pattern and size', () => {
    expect(message(parseFlowObject(f([log('a')], { id: '-bad' })))).toBe('id: must match "^[a-zA-Z0-9][a-zA-Z0-9._-]*"');
    expect(message(parseFlowObject(f([log('a')], { id: 'a b' })))).toBe('id: must match "^[a-zA-Z0-9][a-zA-Z0-9._-]*"');
    expect(message(parseFlowObject(f([log('a')], { id: 'a'.repeat(101) })))).toBe('id: size must be between 1 and 100');
    valid(parseFlowObject(f([log('a')], { id: 'A.b_c-1' })));
    expect(message(parseFlowObject(f([log('a')], { id: undefined })))).toBe('id: must not be null');
  });

  test('namespace is lower case and at most 150 characters', () => {
    expect(message(parseFlowObject(f([log('a')], { namespace: 'Company' })))).toBe('namespace: must match "^[a-z0-9][a-z0-9._-]*"');
    expect(message(parseFlowObject(f([log('a')], { namespace: 'a'.repeat(151) })))).toBe('namespace: size must be between 1 and 150');
    expect(message(parseFlowObject(f([log('a')], { namespace: null })))).toBe('namespace: must not be null');
  });

  test('revision must be at least 1', () => {
    expect(message(parseFlowObject(f([log('a')], { revision: 0 })))).toBe('revision: must be greater than or equal to 1');
  });

  test('concurrency limit', () => {
    expect(message(check([log('a')], { concurrency: { limit: 0 } }))).toBe('concurrency.limit: must be greater than 0');
    expect(message(check([log('a')], { concurrency: { behavior: 'QUEUE' } }))).toBe('concurrency.limit: must not be null');
    expect(message(check([log('a')], { concurrency: { limit: 1, behavior: 'WAIT' } }))).toContain('not one of the values accepted for Enum class: [QUEUE, CANCEL, FAIL]');
    valid(check([log('a')], { concurrency: { limit: 2, behavior: 'CANCEL' } }));
  });

  test('outputs', () => {
    valid(check([log('a')], { outputs: [{ id: 'o', type: 'STRING', value: '{{ 1 }}' }] }));
    expect(message(check([log('a')], { outputs: [{ id: 'o', type: 'STRING' }] }))).toBe('outputs[0].value: must not be null');
    expect(message(check([log('a')], { outputs: [{ id: '_o', type: 'STRING', value: 1 }] }))).toBe('outputs[0].id: must match "^[a-zA-Z0-9][.a-zA-Z0-9_-]*"');
    expect(message(check([log('a')], { outputs: [{ id: 'o', type: 'STRING', value: 1 }, { id: 'o', type: 'INT', value: 2 }] }))).toBe('Invalid Flow: Duplicate output with name [o]');
    expect(message(check([log('a')], { outputs: [{ id: 'o', type: 'STRING', value: 1, extra: 1 }] }))).toContain('Unrecognized field "extra" (class io.kestra.core.models.flows.Output)');
  });

  test('pluginDefaults entries need type and values', () => {
    expect(message(check([log('a')], { pluginDefaults: [{ values: { a: 1 } }] }))).toBe('pluginDefaults[0].type: must not be null');
    expect(message(check([log('a')], { pluginDefaults: [{ type: LOG }] }))).toBe('pluginDefaults[0].values: must not be null');
    expect(message(check([log('a')], { pluginDefaults: [{ type: LOG, values: {}, x: 1 }] }))).toContain('Unrecognized field "x" (class io.kestra.core.models.flows.PluginDefault)');
  });

  test('listeners need tasks', () => {
    expect(message(check([log('a')], { listeners: [{ tasks: [] }] }))).toBe('listeners[0].tasks: must not be empty');
  });

  test('sla', () => {
    valid(check([log('a')], { sla: [{ id: 's', type: 'MAX_DURATION', behavior: 'FAIL', duration: 'PT1H' }] }));
    expect(message(check([log('a')], { sla: [{ id: 's', type: 'MAX_DURATION' }] }))).toBe('sla[0].duration: must not be null');
    expect(message(check([log('a')], { sla: [{ id: 's', type: 'OTHER' }] }))).toBe('Invalid type: OTHER');
  });

  test('system labels are rejected except system.readOnly', () => {
    expect(message(check([log('a')], { labels: { 'system.correlationId': 'x' } }))).toBe(
      'Invalid Flow: System labels can only be set by Kestra itself, offending label: system.correlationId=x');
    valid(check([log('a')], { labels: { 'system.readOnly': 'true' } }));
    expect(message(check([log('a')], { labels: [{ key: 'system.x', value: 'v' }] }))).toContain('offending label: system.x=v');
  });

  test('flow-level checks are joined into one violation with an empty path', () => {
    const r = check([log('a'), log('a')], { triggers: [{ id: 't', type: `${C}trigger.Webhook`, key: 'k' }, { id: 't', type: `${C}trigger.Webhook`, key: 'k2' }] });
    if (r.ok) throw new Error('expected violations');
    expect(r.violations).toEqual([{ path: '', message: 'Invalid Flow: Duplicate task id with name [a], Duplicate trigger id with name [t]' }]);
  });
});

describe('duplicate task ids', () => {
  test('across nested flowables, errors and finally', () => {
    const r = check([
      { id: 'seq', type: `${C}flow.Sequential`, tasks: [log('a'), { id: 'if', type: `${C}flow.If`, condition: 'true', then: [log('b')], else: [log('a')] }], errors: [log('b')] },
      { id: 'sw', type: `${C}flow.Switch`, value: 'x', cases: { x: [log('c')] }, defaults: [log('seq')] },
    ], { errors: [log('c')], finally: [log('d')], afterExecution: [log('d')] });
    expect(message(r)).toBe('Invalid Flow: Duplicate task id with name [a, b, seq, c, d]');
  });

  test('inside Dag entries and listeners', () => {
    const r = check([{ id: 'dag', type: `${C}flow.Dag`, tasks: [{ task: log('x') }, { task: log('y'), dependsOn: ['x'] }] }, log('x')],
      { listeners: [{ tasks: [log('y')] }] });
    expect(message(r)).toBe('Invalid Flow: Duplicate task id with name [x, y]');
  });

  test('inside unknown non-core flowables', () => {
    const r = check([{ id: 'w', type: 'io.kestra.plugin.ee.flow.Custom', tasks: [log('a')] }, log('a')]);
    expect(message(r)).toBe('Invalid Flow: Duplicate task id with name [a]');
  });
});

describe('tasks', () => {
  test('task id pattern (no dots) and presence', () => {
    expect(message(check([log('a.b')]))).toBe('a.b.id: must match "^[a-zA-Z0-9][a-zA-Z0-9_-]*"');
    const r = check([{ type: LOG, message: 'x' }]);
    if (r.ok) throw new Error('expected violations');
    expect(r.violations).toEqual([{ path: 'tasks[0].id', message: 'must not be null' }]);
  });

  test('required plugin properties and nested paths', () => {
    const r = check([{ id: 'p', type: `${C}flow.Parallel`, tasks: [{ id: 'l', type: LOG }] }]);
    if (r.ok) throw new Error('expected violations');
    expect(r.violations).toEqual([{ path: 'tasks[0].tasks[0].message', message: 'must not be null' }]);
    expect(message(r)).toBe('l.l.message: must not be null');
    expect(message(check([{ id: 'p', type: `${C}flow.Parallel`, tasks: [] }]))).toBe('p.tasks: must not be empty');
    expect(message(check([{ id: 'p', type: `${C}flow.Parallel` }]))).toBe('p.tasks: must not be empty');
    expect(message(check([{ id: 'i', type: `${C}flow.If`, then: [log('a')] }]))).toBe('i.condition: must not be null');
    expect(message(check([{ id: 's', type: `${C}flow.Subflow`, namespace: 'n' }]))).toBe('s.flowId: must not be null');
  });

  test('unknown property of a core task', () => {
    const msg = message(check([{ id: 'r', type: `${C}debug.Return`, format: 'x', invalid: 1 }]));
    expect(msg.startsWith('Unrecognized field "invalid" (class io.kestra.plugin.core.debug.Return), not marked as ignorable (')).toBe(true);
    expect(msg).toContain('"format"');
    const r = check([{ id: 'r', type: `${C}debug.Return`, format: 'x', invalid: 1 }]);
    if (r.ok) throw new Error('expected violations');
    expect(r.violations[0]!.path).toBe('io.kestra.core.models.flows.Flow["tasks"]->java.util.ArrayList[0]->io.kestra.plugin.core.debug.Return["invalid"]');
  });

  test('unknown property of a nested task is reported with the chain', () => {
    const r = check([{ id: 'p', type: `${C}flow.Sequential`, tasks: [log('a', { nope: true })] }]);
    if (r.ok) throw new Error('expected violations');
    expect(r.violations[0]!.path).toBe('io.kestra.core.models.flows.Flow["tasks"]->java.util.ArrayList[0]->io.kestra.plugin.core.flow.Sequential["tasks"]->java.util.ArrayList[0]->io.kestra.plugin.core.log.Log["nope"]');
  });

  test('unknown core type is rejected, unknown non-core type accepted with any property', () => {
    expect(message(check([{ id: 'u', type: `${C}debug.Unknown` }]))).toBe('Invalid type: io.kestra.plugin.core.debug.Unknown');
    expect(message(check([{ id: 'u', type: 'io.kestra.core.tasks.Unknown' }]))).toBe('Invalid type: io.kestra.core.tasks.Unknown');
    valid(check([{ id: 'py', type: 'io.kestra.plugin.scripts.python.Script', script: 'print(1)', containerImage: 'python', anything: { a: [1] } }]));
    valid(check([{ id: 'sh', type: 'com.acme.kestra.MyTask', foo: 'bar' }]));
    expect(message(check([{ id: 'u', type: 'not a type' }]))).toBe('Invalid type: not a type');
    expect(message(check([{ id: 'u', type: 'Script' }]))).toBe('Invalid type: Script');
    expect(message(check([{ id: 't' }]))).toBe("missing type id property 'type' (for POJO property 'tasks')");
  });

  test('common properties of non-core tasks are still validated', () => {
    const py = 'io.kestra.plugin.scripts.python.Script';
    expect(message(check([{ id: 'bad.id', type: py }]))).toBe('bad.id.id: must match "^[a-zA-Z0-9][a-zA-Z0-9_-]*"');
    expect(message(check([{ id: 'p', type: py, logLevel: 'LOUD' }]))).toContain('Cannot deserialize value of type `org.slf4j.event.Level` from String "LOUD"');
    expect(message(check([{ id: 'p', type: py, retry: { type: 'constant' } }]))).toBe('p.retry.interval: must not be null');
    expect(message(check([{ id: 'p', type: py, disabled: 'maybe' }]))).toContain('only "true" or "false" recognized');
    expect(message(check([{ id: 'p', type: py, workerGroup: { key: 'gpu' } }]))).toBe('p.workerGroup: Worker Group is an Enterprise Edition functionality');
  });

  test('a task type used as a trigger is invalid', () => {
    expect(message(check([log('a')], { triggers: [{ id: 't', type: LOG, message: 'x' }] }))).toBe(`Invalid type: ${LOG}`);
  });

  test('invalid enum value', () => {
    const r = check([log('a', { level: 'WRONG' })]);
    expect(message(r)).toBe('Cannot deserialize value of type `org.slf4j.event.Level` from String "WRONG": not one of the values accepted for Enum class: [ERROR, WARN, INFO, DEBUG, TRACE]');
    if (r.ok) throw new Error('x');
    expect(r.violations[0]!.path).toBe('io.kestra.core.models.flows.Flow["tasks"]->java.util.ArrayList[0]->io.kestra.plugin.core.log.Log["level"]');
    valid(check([log('a', { level: "{{ inputs.level }}" })]));
  });

  test('wrong value types', () => {
    expect(message(check([{ id: 'p', type: `${C}flow.Parallel`, tasks: [log('a')], concurrent: 'abc' }]))).toContain('Cannot deserialize value of type `java.lang.Integer` from String "abc"');
    expect(message(check([{ id: 'p', type: `${C}flow.Parallel`, tasks: log('a') }]))).toContain('from Object value');
    expect(message(check([log('a', { message: { a: 1 } })]))).toContain('Cannot deserialize');
    valid(check([log('a', { message: ['one', 'two'] })]));
    valid(check([{ id: 'p', type: `${C}flow.Parallel`, tasks: [log('a')], concurrent: '2' }]));
  });

  test('disabled tasks are still validated', () => {
    expect(message(check([{ id: 'a', type: LOG, disabled: true }]))).toBe('a.message: must not be null');
  });

  test('every alias type is accepted in a flow', () => {
    valid(check([
      { id: 'a', type: 'io.kestra.core.tasks.log.Log', message: 'x' },
      { id: 'b', type: 'io.kestra.core.tasks.flows.Sequential', tasks: [{ id: 'c', type: 'io.kestra.core.tasks.debugs.Return', format: 'x' }] },
      { id: 'd', type: 'io.kestra.plugin.fs.http.Request', uri: 'http://x' },
      { id: 'e', type: 'io.kestra.core.tasks.flows.Flow', namespace: 'n', flowId: 'o' },
    ], { triggers: [{ id: 's', type: 'io.kestra.core.models.triggers.types.Schedule', cron: '0 * * * *', conditions: [{ type: 'io.kestra.core.models.conditions.types.VariableCondition', expression: 'x' }] }] }));
  });
});

describe('task-specific validators', () => {
  test('Switch without any task', () => {
    const r = check([{ id: 'impossible', type: `${C}flow.Switch`, value: 'x' }]);
    expect(message(r)).toBe('impossible: No task defined, neither cases or default have any tasks');
    if (r.ok) throw new Error('x');
    expect(r.violations[0]!.path).toBe('tasks[0]');
    expect(message(check([{ id: 's', type: `${C}flow.Switch`, value: 'x', cases: { a: [] }, defaults: [] }]))).toContain('No task defined');
    valid(check([{ id: 's', type: `${C}flow.Switch`, value: 'x', defaults: [log('d')] }]));
    expect(message(check([{ id: 's', type: `${C}flow.Switch`, cases: { a: [log('c')] } }]))).toBe('s.value: must not be null');
  });

  test('WorkingDirectory', () => {
    expect(message(check([{ id: 'wd', type: `${C}flow.WorkingDirectory`, tasks: [] }]))).toBe("wd: The 'tasks' property cannot be empty");
    expect(message(check([{ id: 'wd', type: `${C}flow.WorkingDirectory`, tasks: [{ id: 'seq', type: `${C}flow.Sequential`, tasks: [log('a')] }] }])))
      .toBe('wd: Only runnable tasks are allowed as children of a WorkingDirectory task');
    valid(check([{ id: 'wd', type: `${C}flow.WorkingDirectory`, tasks: [log('a'), { id: 'py', type: 'io.kestra.plugin.scripts.python.Commands', commands: ['ls'] }] }]));
  });

  test('Dag', () => {
    const dag = (tasks: unknown[]) => check([{ id: 'dag', type: `${C}flow.Dag`, tasks }]);
    valid(dag([{ task: log('a') }, { task: log('b'), dependsOn: ['a'] }]));
    expect(message(dag([{ task: log('a'), dependsOn: ['b'] }, { task: log('b'), dependsOn: ['a'] }]))).toBe('dag: Cyclic dependency detected: a, b');
    expect(message(dag([{ task: log('a'), dependsOn: ['zzz'] }]))).toBe('dag: Not existing task id in dependency: zzz');
    expect(message(dag([]))).toBe('dag.tasks: must not be empty');
    expect(message(dag([{ task: log('a'), extra: 1 }]))).toContain('Unrecognized field "extra"');
  });

  test('retry validators', () => {
    const t = (retry: unknown) => check([log('a', { retry })]);
    valid(t({ type: 'constant', interval: 'PT1S', maxAttempts: 3 }));
    expect(message(t({ type: 'constant', interval: 'PT10S', maxDuration: 'PT5S' }))).toBe("a.retry: 'interval' must be less than 'maxDuration' but is PT10S");
    expect(message(t({ type: 'exponential', interval: 'PT3S', maxInterval: 'PT2S' }))).toBe("a.retry: 'interval' must be less than 'maxInterval' but is PT3S");
    expect(message(t({ type: 'random', minInterval: 'PT3S', maxInterval: 'PT2S' }))).toBe("a.retry: 'minInterval' must be less than 'maxInterval'");
    expect(message(t({ type: 'constant', interval: 'PT1S', maxAttempts: 0 }))).toBe('a.retry.maxAttempts: must be greater than or equal to 1');
    expect(message(t({ type: 'exponential', interval: 'PT1S' }))).toBe('a.retry.maxInterval: must not be null');
    expect(message(t({ type: 'linear', interval: 'PT1S' }))).toBe('Invalid type: linear');
    expect(message(t({ interval: 'PT1S' }))).toBe("missing type id property 'type' (for POJO property 'retry')");
    expect(message(t({ type: 'constant', interval: 'PT1S', delayFactor: 2 }))).toContain('Unrecognized field "delayFactor" (class io.kestra.core.models.tasks.retrys.Constant)');
    expect(message(t({ type: 'constant', interval: 'soon' }))).toContain('java.time.Duration');
    expect(message(check([log('a')], { retry: { type: 'constant', interval: 'PT10S', maxDuration: 'PT5S' } }))).toBe("retry: 'interval' must be less than 'maxDuration' but is PT10S");
  });

  test('Subflow calling its own flow', () => {
    expect(message(check([{ id: 's', type: `${C}flow.Subflow`, namespace: 'company.team', flowId: 'f' }]))).toBe('Invalid Flow: Recursive call to flow [company.team.f]');
    expect(message(check([{ id: 's', type: `${C}flow.ForEachItem`, items: '{{ x }}', namespace: 'company.team', flowId: 'f' }]))).toBe('Invalid Flow: Recursive call to flow [company.team.f]');
    valid(check([{ id: 's', type: `${C}flow.Subflow`, namespace: 'company.team', flowId: 'other' }]));
  });
});

describe('triggers', () => {
  const trig = (t: Record<string, unknown>) => check([log('a')], { triggers: [{ id: 't', ...t }] });

  test('Schedule cron', () => {
    valid(trig({ type: `${C}trigger.Schedule`, cron: '*/15 * * * *' }));
    expect(message(trig({ type: `${C}trigger.Schedule`, cron: 'every minute' }))).toBe('triggers[0].cron: invalid cron expression');
    expect(message(trig({ type: `${C}trigger.Schedule` }))).toBe('triggers[0].cron: must not be null');
    valid(trig({ type: `${C}trigger.Schedule`, cron: '0 0 * * * *', withSeconds: true }));
    expect(message(trig({ type: `${C}trigger.Schedule`, cron: '0 0 * * * *' }))).toContain('invalid cron expression');
    expect(message(trig({ type: `${C}trigger.Schedule`, cron: '@daily', interval: 'PT1H' }))).toBe('triggers[0].interval: must be null');
    expect(message(trig({ type: `${C}trigger.Schedule`, cron: '@daily', timezone: 'Mars/Olympus' }))).toContain("timezone 'Mars/Olympus' is not a valid time-zone ID");
    valid(trig({ type: `${C}trigger.Schedule`, cron: '@daily', timezone: 'Europe/Paris', inputs: { a: 1 }, recoverMissedSchedules: 'NONE' }));
    expect(message(trig({ type: `${C}trigger.Schedule`, cron: '@daily', recoverMissedSchedules: 'SOME' }))).toContain('not one of the values accepted');
  });

  test('Webhook', () => {
    valid(trig({ type: `${C}trigger.Webhook`, key: 'abc' }));
    expect(message(trig({ type: `${C}trigger.Webhook` }))).toBe('triggers[0].key: must not be null');
    expect(message(trig({ type: `${C}trigger.Webhook`, key: 'k'.repeat(257) }))).toBe('triggers[0].key: size must be between 0 and 256');
    for (const type of [`${C}condition.MultipleCondition`, 'io.kestra.core.models.conditions.types.MultipleCondition']) {
      const r = trig({ type: `${C}trigger.Webhook`, key: 'k', conditions: [{ type, id: 'm', conditions: { a: { type: `${C}condition.ExecutionStatus`, in: ['SUCCESS'] } } }] });
      expect(message(r)).toBe('triggers[0]: invalid webhook: conditions of type MultipleCondition are not supported');
    }
  });

  test('Flow trigger preconditions filters', () => {
    const r = trig({ type: `${C}trigger.Flow`, preconditions: { id: 'p', where: [{ id: 'w', filters: [{ field: 'NAMESPACE', type: 'EQUAL_TO' }] }] } });
    expect(message(r)).toBe('triggers[0].preconditions.where[0].filters[0]: `value` cannot be null for type EQUAL_TO');
    valid(trig({ type: `${C}trigger.Flow`, states: ['SUCCESS'], preconditions: { id: 'p', flows: [{ namespace: 'a', flowId: 'b', states: ['FAILED'] }] } }));
    expect(message(trig({ type: `${C}trigger.Flow`, states: ['DONE'] }))).toContain('not one of the values accepted');
  });

  test('conditions are strict and resolved through aliases', () => {
    valid(trig({ type: `${C}trigger.Schedule`, cron: '@hourly', conditions: [{ type: `${C}condition.DayWeek`, dayOfWeek: 'MONDAY' }, { type: `${C}condition.Weekend` }] }));
    expect(message(trig({ type: `${C}trigger.Schedule`, cron: '@hourly', conditions: [{ type: `${C}condition.DayWeek` }] }))).toBe('triggers[0].conditions[0].dayOfWeek: must not be null');
    expect(message(trig({ type: `${C}trigger.Schedule`, cron: '@hourly', conditions: [{ type: `${C}condition.Weekend`, foo: 1 }] }))).toContain('Unrecognized field "foo" (class io.kestra.plugin.core.condition.Weekend)');
    expect(message(trig({ type: `${C}trigger.Schedule`, cron: '@hourly', conditions: [{ type: `${C}condition.Nope` }] }))).toBe(`Invalid type: ${C}condition.Nope`);
    expect(message(trig({ type: `${C}trigger.Flow`, conditions: [{ type: `${C}condition.Not`, conditions: [{ type: `${C}condition.ExecutionFlow`, namespace: 'a' }] }] })))
      .toBe('triggers[0].conditions[0].conditions[0].flowId: must not be null');
  });

  test('trigger id, unknown trigger properties and system labels', () => {
    expect(message(trig({ id: 'a.b', type: `${C}trigger.Webhook`, key: 'k' }))).toBe('triggers[0].id: must match "^[a-zA-Z0-9][a-zA-Z0-9_-]*"');
    expect(message(trig({ type: `${C}trigger.Webhook`, key: 'k', cron: 'x' }))).toContain('Unrecognized field "cron" (class io.kestra.plugin.core.trigger.Webhook)');
    expect(message(trig({ type: `${C}trigger.Webhook`, key: 'k', labels: { 'system.x': 'y' } }))).toContain('System labels can only be set by Kestra itself');
    valid(trig({ type: `${C}trigger.Webhook`, key: 'k', labels: { a: 'b' }, stopAfter: ['FAILED'], disabled: true }));
    valid(trig({ type: 'io.kestra.plugin.jdbc.postgresql.Trigger', anything: 1 }));
  });
});

describe('inputs', () => {
  const inp = (inputs: unknown[]) => check([log('a')], { inputs });

  test('id pattern, presence and name alias', () => {
    expect(message(inp([{ id: '-x', type: 'STRING' }]))).toBe('-x.id: must match "^[a-zA-Z0-9][.a-zA-Z0-9_-]*"');
    expect(message(inp([{ type: 'STRING' }]))).toBe('inputs[0].id: must not be null');
    valid(inp([{ name: 'legacy', type: 'STRING' }, { id: 'nested.value', type: 'INT' }]));
  });

  test('type checks', () => {
    expect(message(inp([{ id: 'x' }]))).toBe("missing type id property 'type' (for POJO property 'inputs')");
    expect(message(inp([{ id: 'x', type: 'STRANGE' }]))).toBe('Invalid type: STRANGE');
    expect(message(inp([{ id: 'x', type: 'INT', validator: '.*' }]))).toContain('Unrecognized field "validator" (class io.kestra.core.models.flows.input.IntInput)');
    valid(inp([
      { id: 's', type: 'STRING', validator: '^a' }, { id: 'e', type: 'ENUM', values: ['A'] }, { id: 'i', type: 'INT', min: 1, max: 3 },
      { id: 'f', type: 'FLOAT', min: 0.5 }, { id: 'b', type: 'BOOLEAN', defaults: true }, { id: 'dt', type: 'DATETIME', after: '2024-01-01T00:00:00Z' },
      { id: 'd', type: 'DATE' }, { id: 't', type: 'TIME' }, { id: 'du', type: 'DURATION', min: 'PT1S' }, { id: 'fi', type: 'FILE' },
      { id: 'j', type: 'JSON' }, { id: 'y', type: 'YAML' }, { id: 'u', type: 'URI' }, { id: 'se', type: 'SECRET' },
      { id: 'a', type: 'ARRAY', itemType: 'INT' }, { id: 'em', type: 'EMAIL', displayName: 'Mail', description: 'd' },
      { id: 'sel', type: 'SELECT', values: ['x'], allowCustomValue: true }, { id: 'ms', type: 'MULTISELECT', options: ['x'] },
    ]));
  });

  test('type specific constraints', () => {
    expect(message(inp([{ id: 'e', type: 'ENUM' }]))).toBe('e.values: must not be null');
    expect(message(inp([{ id: 'a', type: 'ARRAY' }]))).toBe('a.itemType: must not be null');
    expect(message(inp([{ id: 'a', type: 'ARRAY', itemType: 'ARRAY' }]))).toContain('Cannot deserialize');
    expect(message(inp([{ id: 'm', type: 'MULTISELECT', values: ['a'], options: ['b'] }]))).toBe("m: you can't define both `values` and `options`");
    expect(message(inp([{ id: 's', type: 'STRING', validator: '([' }]))).toBe('s.validator: invalid pattern');
    expect(message(inp([{ id: 's', type: 'STRING', displayName: 'x'.repeat(65) }]))).toBe('s.displayName: size must be between 0 and 64');
  });

  test('duplicates and dependsOn', () => {
    expect(message(inp([{ id: 'a', type: 'STRING' }, { id: 'a', type: 'INT' }]))).toBe('Invalid Flow: Duplicate input with name [a]');
    expect(message(inp([{ id: 'a', type: 'STRING', dependsOn: { inputs: ['b'] } }]))).toBe("Invalid Flow: Input with id 'a' depends on a non-existent input 'b'.");
    expect(message(inp([
      { id: 'a', type: 'STRING', dependsOn: { inputs: ['b'] } }, { id: 'b', type: 'STRING', dependsOn: { inputs: ['a'] } },
    ]))).toBe("Invalid Flow: Cycle dependency detected for input with id 'a': [a, b], Cycle dependency detected for input with id 'b': [b, a]");
    valid(inp([{ id: 'a', type: 'STRING' }, { id: 'b', type: 'STRING', dependsOn: { inputs: ['a'], condition: '{{ inputs.a == "x" }}' } }]));
    expect(message(inp([{ id: 'a', type: 'STRING', dependsOn: { inputs: ['a'], other: 1 } }]))).toContain('Unrecognized field "other"');
  });

  test('Pause onResume inputs are validated too', () => {
    valid(check([{ id: 'p', type: `${C}flow.Pause`, onResume: [{ id: 'ok', type: 'BOOLEAN' }] }]));
    expect(message(check([{ id: 'p', type: `${C}flow.Pause`, onResume: [{ id: 'ok', type: 'NOPE' }] }]))).toBe('Invalid type: NOPE');
  });
});

describe('validateTaskOrTrigger', () => {
  test('valid task and trigger', () => {
    expect(validateTaskOrTrigger({ id: 'a', type: LOG, message: 'x' }, 'TASKS')).toEqual([]);
    expect(validateTaskOrTrigger({ id: 's', type: `${C}trigger.Schedule`, cron: '@daily' }, 'TRIGGERS')).toEqual([]);
  });

  test('missing required property', () => {
    expect(violationsMessage(validateTaskOrTrigger({ id: 'a', type: LOG }, 'TASKS'))).toBe('message: must not be null');
    expect(violationsMessage(validateTaskOrTrigger({ id: 's', type: `${C}trigger.Schedule` }, 'TRIGGERS'))).toContain('cron: must not be null');
  });

  test('unknown type and unknown property', () => {
    expect(violationsMessage(validateTaskOrTrigger({ id: 'a', type: `${C}debug.UnknownTask` }, 'TASKS'))).toBe(`Invalid type: ${C}debug.UnknownTask`);
    expect(violationsMessage(validateTaskOrTrigger({ id: 'a', type: `${C}debug.UnknownTrigger` }, 'TRIGGERS'))).toBe(`Invalid type: ${C}debug.UnknownTrigger`);
    const v = validateTaskOrTrigger({ id: 'a', type: `${C}debug.Return`, unknownProp: 1 }, 'TASKS');
    expect(violationsMessage(v)).toContain('Unrecognized field "unknownProp"');
    expect(v[0]!.path).toBe('io.kestra.plugin.core.debug.Return["unknownProp"]');
  });

  test('a trigger in the TASKS section is an invalid type', () => {
    expect(violationsMessage(validateTaskOrTrigger({ id: 's', type: `${C}trigger.Schedule`, cron: '@daily' }, 'TASKS'))).toBe(`Invalid type: ${C}trigger.Schedule`);
  });

  test('non-object input gives a violation', () => {
    for (const v of [null, 1, 'x', [], [{ id: 'a' }]]) expect(validateTaskOrTrigger(v, 'TASKS').length).toBeGreaterThan(0);
  });

  test('nested children and validators', () => {
    expect(violationsMessage(validateTaskOrTrigger({ id: 'sw', type: `${C}flow.Switch`, value: 'x' }, 'TASKS'))).toContain('No task defined');
    expect(violationsMessage(validateTaskOrTrigger({ id: 'p', type: `${C}flow.Parallel`, tasks: [{ id: 'l', type: LOG }] }, 'TASKS'))).toBe('l.message: must not be null');
  });
});

describe('cron syntax', () => {
  test.each([
    ['* * * * *', false], ['*/5 * * * *', false], ['0 9-17 * * MON-FRI', false], ['0 0 1 JAN,jul *', false],
    ['0 0 * * 0', false], ['0 0 * * 7', false], ['15,45 */2 1-15 1-12/3 1-5', false], ['@hourly', false], ['@daily', false],
    ['@midnight', false], ['@weekly', false], ['@monthly', false], ['@yearly', false], ['@annually', false],
    ['0 0 0 * * *', true], ['*/10 * * * * *', true], ['  0 0 * * *  ', false],
  ])('valid: %s (withSeconds=%s)', (cron, withSeconds) => {
    expect(isValidCron(cron, withSeconds)).toBe(true);
  });

  test.each([
    ['', false], ['* * * *', false], ['* * * * * *', false], ['0 0 * * *', true], ['60 * * * *', false], ['* 24 * * *', false],
    ['* * 0 * *', false], ['* * 32 * *', false], ['* * * 13 *', false], ['* * * * 8', false], ['0 0 ? * *', false],
    ['0 0 L * *', false], ['0 0 * * 1#2', false], ['0 0 15W * *', false], ['@reboot', false], ['@every 5m', false],
    ['*/0 * * * *', false], ['5-1 * * * *', false], ['a b c d e', false], ['60 0 0 * * *', true], ['1,,2 * * * *', false],
  ])('invalid: %s (withSeconds=%s)', (cron, withSeconds) => {
    expect(isValidCron(cron, withSeconds)).toBe(false);
  });
});

describe('YAML sources', () => {
  test('a complete realistic flow is valid', () => {
    valid(parseFlowYaml(`id: etl
namespace: company.data
description: |
  Nightly ETL
labels:
  team: data
inputs:
  - id: day
    type: DATE
    required: false
variables:
  bucket: my-bucket
tasks:
  - id: extract
    type: io.kestra.plugin.core.http.Download
    uri: https://example.com/data.csv
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: ["a", "b"]
    concurrencyLimit: 0
    tasks:
      - id: transform
        type: io.kestra.plugin.scripts.python.Script
        script: print("{{ taskrun.value }}")
  - id: wd
    type: io.kestra.plugin.core.flow.WorkingDirectory
    tasks:
      - id: clone
        type: io.kestra.plugin.git.Clone
        url: https://github.com/x/y
  - id: store
    type: io.kestra.plugin.core.kv.Set
    key: last
    value: "{{ execution.startDate }}"
    ttl: P1D
  - id: out
    type: io.kestra.plugin.core.output.OutputValues
    values:
      a: 1
errors:
  - id: alert
    type: io.kestra.plugin.notifications.slack.SlackIncomingWebhook
    url: https://hooks.slack.com/x
triggers:
  - id: nightly
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "0 2 * * *"
    timezone: Europe/Paris
pluginDefaults:
  - type: io.kestra.plugin.scripts
    values:
      containerImage: python:3.12
concurrency:
  limit: 1
outputs:
  - id: result
    type: STRING
    value: "{{ outputs.out.values.a }}"
retry:
  type: constant
  interval: PT30S
  maxAttempts: 2
`));
  });

  test('validation message for multiple bean violations', () => {
    const r = parseFlowYaml(`id: x\nnamespace: Bad\ntasks:\n  - id: a\n    type: ${LOG}\n`);
    expect(message(r)).toBe('namespace: must match "^[a-z0-9][a-z0-9._-]*", a.message: must not be null');
  });
});
