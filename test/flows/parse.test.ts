import { describe, expect, test } from 'bun:test';
import { parseFlowYaml, parseFlowObject, flowToYaml, violationsMessage, applyPluginDefaults, type FlowParseResult } from '../../src/flows/parse.ts';
import { createPluginCatalog } from '../../src/plugins/catalog.ts';

const ok = (r: FlowParseResult) => {
  if (!r.ok) throw new Error(`expected a valid flow, got ${violationsMessage(r.violations)}`);
  return r;
};
const err = (r: FlowParseResult) => {
  if (r.ok) throw new Error('expected violations');
  return { ...r, message: violationsMessage(r.violations) };
};
const flow = (body: string) => `id: my-flow\nnamespace: company.team\n${body}`;
const LOG = 'io.kestra.plugin.core.log.Log';

describe('parseFlowYaml: stored shape', () => {
  test('minimal flow gets disabled/deleted and keeps types as written', () => {
    const r = ok(parseFlowYaml(flow(`tasks:\n  - id: hello\n    type: ${LOG}\n    message: hi`)));
    expect(r.flow).toEqual({
      id: 'my-flow', namespace: 'company.team',
      tasks: [{ id: 'hello', type: LOG, message: 'hi' }],
      disabled: false, deleted: false,
    } as never);
    expect(r.warnings).toEqual([]);
    expect(r.infos).toEqual([]);
    expect(r.deprecationPaths).toEqual([]);
  });

  test('revision is removed from the flow but exposed on errors', () => {
    const r = ok(parseFlowYaml(flow(`revision: 2\ntasks:\n  - id: a\n    type: ${LOG}\n    message: x`)));
    expect('revision' in r.flow).toBe(false);
    const e = err(parseFlowYaml(flow('revision: 4\ntasks: []')));
    expect(e.revision).toBe(4);
    expect(e.id).toBe('my-flow');
    expect(e.namespace).toBe('company.team');
  });

  test('labels map becomes a list of stringified values', () => {
    const r = ok(parseFlowYaml(flow(`labels:\n  env: dev\n  n: 1\n  f: 1.5\n  b: true\ntasks:\n  - id: a\n    type: ${LOG}\n    message: x`)));
    expect(r.flow.labels).toEqual([
      { key: 'env', value: 'dev' }, { key: 'n', value: '1' }, { key: 'f', value: '1.5' }, { key: 'b', value: 'true' },
    ]);
  });

  test('labels list is kept and stringified', () => {
    const r = ok(parseFlowYaml(flow(`labels:\n  - key: a\n    value: 1\ntasks:\n  - id: a\n    type: ${LOG}\n    message: x`)));
    expect(r.flow.labels).toEqual([{ key: 'a', value: '1' }]);
  });

  test('label map with a non-scalar value is rejected', () => {
    const e = err(parseFlowYaml(flow(`labels:\n  k: [1, 2]\ntasks:\n  - id: a\n    type: ${LOG}\n    message: x`)));
    expect(e.message).toBe('Unsupported type for key: k, value: [1, 2]');
    const e2 = err(parseFlowYaml(flow(`labels:\n  k:\n    a: 1\ntasks:\n  - id: a\n    type: ${LOG}\n    message: x`)));
    expect(e2.message).toBe('Unsupported type for key: k, value: {a=1}');
  });

  test('label list entries need key and value, and no other field', () => {
    const e = err(parseFlowYaml(flow(`labels:\n  - key: a\ntasks:\n  - id: a\n    type: ${LOG}\n    message: x`)));
    expect(e.message).toContain('labels[0].value: must not be null');
    const e2 = err(parseFlowYaml(flow(`labels:\n  - key: a\n    value: b\n    other: c\ntasks:\n  - id: a\n    type: ${LOG}\n    message: x`)));
    expect(e2.message).toContain('Unrecognized field "other" (class io.kestra.core.models.Label)');
  });

  test('input name moves to id and required defaults to true', () => {
    const r = ok(parseFlowYaml(flow(`inputs:\n  - name: user\n    type: STRING\n  - id: n\n    type: INT\n    required: false\ntasks:\n  - id: a\n    type: ${LOG}\n    message: x`)));
    expect(r.flow.inputs).toEqual([
      { id: 'user', type: 'STRING', required: true }, { id: 'n', type: 'INT', required: false },
    ] as never);
    expect(r.deprecationPaths).toContain('inputs[0].name');
  });

  test('taskDefaults is mirrored into pluginDefaults and reported deprecated', () => {
    const r = ok(parseFlowYaml(flow(`taskDefaults:\n  - type: ${LOG}\n    values:\n      message: d\ntasks:\n  - id: a\n    type: ${LOG}`)));
    expect(r.flow.taskDefaults).toEqual([{ type: LOG, values: { message: 'd' } }]);
    expect(r.flow.pluginDefaults).toEqual([{ type: LOG, values: { message: 'd' } }]);
    expect(r.deprecationPaths).toContain('taskDefaults');
  });

  test('plugin defaults are not injected into the returned flow', () => {
    const r = ok(parseFlowYaml(flow(`pluginDefaults:\n  - type: ${LOG}\n    values:\n      message: d\ntasks:\n  - id: a\n    type: ${LOG}`)));
    expect(r.flow.tasks[0]).toEqual({ id: 'a', type: LOG });
  });

  test('newer documented properties are accepted', () => {
    ok(parseFlowYaml(flow(`inputs:\n  - id: env\n    type: SELECT\n    values: [dev, prod]\n  - id: tags\n    type: MULTISELECT\n    values: [a, b]\n  - id: region\n    type: STRING\n    dependsOn:\n      inputs: [env]\n      condition: "{{ inputs.env == 'prod' }}"\ntasks:\n  - id: a\n    type: ${LOG}\n    message: x\nfinally:\n  - id: f\n    type: ${LOG}\n    message: done\nafterExecution:\n  - id: ae\n    type: ${LOG}\n    message: after`)));
  });

  test('aliases produce relocation infos, deduplicated', () => {
    const r = ok(parseFlowYaml(flow(`tasks:\n  - id: a\n    type: io.kestra.core.tasks.log.Log\n    message: x\n  - id: b\n    type: io.kestra.core.tasks.log.Log\n    message: y\n  - id: c\n    type: io.kestra.core.tasks.debugs.Return\n    format: z`)));
    expect(r.infos).toEqual([
      'io.kestra.core.tasks.log.Log is replaced by io.kestra.plugin.core.log.Log',
      'io.kestra.core.tasks.debugs.Return is replaced by io.kestra.plugin.core.debug.Return',
    ]);
    expect(r.flow.tasks[0]!.type).toBe('io.kestra.core.tasks.log.Log');
  });

  test('deprecated tasks and listeners are reported in deprecationPaths', () => {
    const r = ok(parseFlowYaml(flow(`tasks:\n  - id: a\n    type: ${LOG}\n    message: x\n  - id: e\n    type: io.kestra.plugin.core.flow.EachSequential\n    value: [1, 2]\n    tasks:\n      - id: echo\n        type: io.kestra.plugin.core.debug.Echo\n        format: x\nlisteners:\n  - tasks:\n      - id: l\n        type: ${LOG}\n        message: x`)));
    expect(r.deprecationPaths).toEqual(['listeners', 'tasks[1]', 'tasks[1].tasks[0]']);
  });

  test('Flow trigger without conditions warns; with preconditions it does not', () => {
    const r = ok(parseFlowYaml(flow(`tasks:\n  - id: a\n    type: ${LOG}\n    message: x\ntriggers:\n  - id: up\n    type: io.kestra.plugin.core.trigger.Flow`)));
    expect(r.warnings).toEqual([
      "This flow will be triggered for EVERY execution of EVERY flow on your instance. We recommend adding the preconditions property to the Flow trigger 'up'.",
    ]);
    const r2 = ok(parseFlowYaml(flow(`tasks:\n  - id: a\n    type: ${LOG}\n    message: x\ntriggers:\n  - id: up\n    type: io.kestra.plugin.core.trigger.Flow\n    preconditions:\n      id: p\n      flows:\n        - namespace: company\n          flowId: x`)));
    expect(r2.warnings).toEqual([]);
  });
});

describe('parseFlowYaml: YAML errors', () => {
  test('duplicate keys', () => {
    const e = err(parseFlowYaml(flow(`variables:\n  tf: 1\n  tf: 2\ntasks:\n  - id: a\n    type: ${LOG}\n    message: x`)));
    expect(e.message).toBe("Duplicate field 'variables.tf'");
    expect(e.violations[0]!.path).toBe('yaml');
    expect(err(parseFlowYaml('id: a\nid: b')).message).toBe("Duplicate field 'id'");
  });

  test('syntax error', () => {
    const e = err(parseFlowYaml('id: a\n  bad: [\n'));
    expect(e.message.startsWith('Illegal flow yaml: ')).toBe(true);
    expect(e.violations[0]!.path).toBe('yaml');
  });

  test('empty, scalar, list and null documents', () => {
    for (const src of ['', '   ', '# nothing', 'null', '~']) expect(err(parseFlowYaml(src)).violations[0]!.path).toBe('yaml');
    expect(err(parseFlowYaml('hello')).message).toContain('Illegal flow yaml: Cannot deserialize value of type `io.kestra.core.models.flows.Flow` from String');
    expect(err(parseFlowYaml('- a\n- b')).message).toContain('from Array value');
    expect(err(parseFlowYaml('42')).message).toContain('Illegal flow yaml');
  });

  test('a YAML that is not a flow', () => {
    const e = err(parseFlowYaml('foo: bar'));
    expect(e.message.startsWith('Unrecognized field "foo" (class io.kestra.core.models.flows.Flow), not marked as ignorable')).toBe(true);
    expect(e.violations[0]!.path).toBe('io.kestra.core.models.flows.Flow["foo"]');
    const e2 = err(parseFlowYaml('description: only'));
    expect(e2.message).toBe('id: must not be null, namespace: must not be null, tasks: must not be empty');
  });

  test('never throws on odd input', () => {
    const odd = [
      'id: ' + 'a'.repeat(100_000), 'id: "\u0000\uFFFF\uD83D\uDE00"\nnamespace: x\ntasks: [1]', 'tasks: {a: 1}',
      'tasks: [[1]]', 'tasks:\n  - null', 'inputs: 1', 'inputs: [1]', 'labels: 3', 'triggers: [{}]', 'a: &x [*x]',
      '!!binary aGVsbG8=', 'id: [1]\nnamespace: {a: 1}', 'pluginDefaults: [1]', 'retry: 5', 'sla: [{type: X}]',
      'concurrency: {limit: abc}', 'outputs: [{}]', 'listeners: [1]', '---\nid: a\n---\nid: b',
    ];
    for (const src of odd) {
      const r = parseFlowYaml(src);
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(typeof violationsMessage(r.violations)).toBe('string');
    }
    for (const v of [null, undefined, 1, 'x', [], [1], { tasks: null }, { id: {} }, { tasks: [{ id: 'a', type: 1 }] }]) {
      expect(parseFlowObject(v).ok).toBe(false);
    }
  });
});

describe('parseFlowObject (JSON route)', () => {
  test('accepts a JSON flow with a label map and returns the normalised flow', () => {
    const r = ok(parseFlowObject({ id: 'f', namespace: 'n', labels: { a: 'b' }, tasks: [{ id: 't', type: LOG, message: 'x' }] }));
    expect(r.flow.labels).toEqual([{ key: 'a', value: 'b' }]);
  });

  test('does not mutate its argument', () => {
    const input = { id: 'f', namespace: 'n', revision: 3, labels: { a: 'b' }, inputs: [{ name: 'x', type: 'STRING' }], tasks: [{ id: 't', type: LOG, message: 'x' }] };
    const copy = structuredClone(input);
    ok(parseFlowObject(input));
    expect(input).toEqual(copy);
  });

  test('unknown type', () => {
    const e = err(parseFlowObject({ id: 'f', namespace: 'n', tasks: [{ id: 't', type: 'io.kestra.invalid' }] }));
    expect(e.message).toBe('Invalid type: io.kestra.invalid');
    expect(e.violations[0]!.path).toBe('io.kestra.core.models.flows.Flow["tasks"]->java.util.ArrayList[0]');
  });
});

describe('flowToYaml', () => {
  test('round-trips through the parser', () => {
    const r = ok(parseFlowObject({ id: 'f', namespace: 'n', labels: { a: 'b' }, description: 'multi\nline', tasks: [{ id: 't', type: LOG, message: 'Hello {{ inputs.x }}' }] }));
    const yaml = flowToYaml(r.flow);
    expect(yaml).toContain('id: f\n');
    const again = ok(parseFlowYaml(yaml));
    expect(again.flow).toEqual(r.flow);
  });
});

describe('applyPluginDefaults', () => {
  const catalog = createPluginCatalog();
  const base = (defaults: unknown[], tasks: unknown[]) =>
    ok(parseFlowObject({ id: 'f', namespace: 'n', pluginDefaults: defaults, tasks })).flow;

  test('non-forced defaults sit under the task values', () => {
    const f = base([{ type: LOG, values: { message: 'default', level: 'WARN' } }], [{ id: 't', type: LOG, message: 'mine' }]);
    expect(applyPluginDefaults(f, catalog).tasks[0]).toEqual({ id: 't', type: LOG, message: 'mine', level: 'WARN' } as never);
  });

  test('forced defaults override the task values', () => {
    const f = base([{ type: LOG, forced: true, values: { message: 'forced' } }], [{ id: 't', type: LOG, message: 'mine' }]);
    expect(applyPluginDefaults(f, catalog).tasks[0]!.message).toBe('forced');
  });

  test('prefix types match, and the first declared default wins', () => {
    const f = base([
      { type: 'io.kestra.plugin.core.log', values: { level: 'ERROR' } },
      { type: LOG, values: { level: 'DEBUG', message: 'm' } },
    ], [{ id: 't', type: LOG }]);
    expect(applyPluginDefaults(f, catalog).tasks[0]).toEqual({ id: 't', type: LOG, level: 'ERROR', message: 'm' } as never);
  });

  test('among forced defaults the first declared wins', () => {
    const f = base([
      { type: LOG, forced: true, values: { message: 'first' } },
      { type: LOG, forced: true, values: { message: 'second' } },
    ], [{ id: 't', type: LOG, message: 'x' }]);
    expect(applyPluginDefaults(f, catalog).tasks[0]!.message).toBe('first');
  });

  test('flow defaults come before global defaults', () => {
    const f = base([{ type: LOG, values: { level: 'WARN' } }], [{ id: 't', type: LOG, message: 'x' }]);
    const out = applyPluginDefaults(f, catalog, [{ type: LOG, values: { level: 'TRACE', logToFile: true } }]);
    expect(out.tasks[0]).toEqual({ id: 't', type: LOG, message: 'x', level: 'WARN', logToFile: true } as never);
  });

  test('maps are merged deeply and nested tasks, triggers and conditions get defaults', () => {
    const f = base([
      { type: 'io.kestra.plugin.core.http.Request', values: { options: { readTimeout: 'PT1M' }, headers: { a: '1' } } },
      { type: 'io.kestra.plugin.core.trigger.Schedule', values: { timezone: 'Europe/Paris' } },
      { type: 'io.kestra.plugin.core.condition.Expression', values: { expression: '{{ true }}' } },
    ], [{ id: 'p', type: 'io.kestra.plugin.core.flow.Parallel', tasks: [{ id: 'r', type: 'io.kestra.plugin.core.http.Request', uri: 'http://x', headers: { b: '2' } }] }]);
    const withTriggers = { ...f, triggers: [{ id: 's', type: 'io.kestra.plugin.core.trigger.Schedule', cron: '@daily', conditions: [{ type: 'io.kestra.plugin.core.condition.Expression' }] }] };
    const out = applyPluginDefaults(withTriggers as never, catalog) as any;
    expect(out.tasks[0].tasks[0]).toEqual({ id: 'r', type: 'io.kestra.plugin.core.http.Request', uri: 'http://x', headers: { a: '1', b: '2' }, options: { readTimeout: 'PT1M' } });
    expect(out.triggers[0].timezone).toBe('Europe/Paris');
    expect(out.triggers[0].conditions[0].expression).toBe('{{ true }}');
  });

  test('a default declared with an alias applies to the canonical type, not the reverse', () => {
    const f = base([{ type: 'io.kestra.core.tasks.log.Log', values: { level: 'WARN' } }], [{ id: 't', type: LOG, message: 'x' }]);
    expect(applyPluginDefaults(f, catalog).tasks[0]!.level).toBe('WARN');
    const g = base([{ type: LOG, values: { level: 'WARN' } }], [{ id: 't', type: 'io.kestra.core.tasks.log.Log', message: 'x' }]);
    expect(applyPluginDefaults(g, catalog).tasks[0]!.level).toBeUndefined();
  });

  test('returns a copy', () => {
    const f = base([{ type: LOG, values: { level: 'WARN' } }], [{ id: 't', type: LOG, message: 'x' }]);
    const out = applyPluginDefaults(f, catalog);
    expect(out).not.toBe(f);
    expect(f.tasks[0]!.level).toBeUndefined();
  });

  test('a default can supply a required property during validation', () => {
    ok(parseFlowYaml(flow(`pluginDefaults:\n  - type: ${LOG}\n    values:\n      message: from default\ntasks:\n  - id: a\n    type: ${LOG}`)));
    const e = err(parseFlowYaml(flow(`tasks:\n  - id: a\n    type: ${LOG}`)));
    expect(e.message).toBe('a.message: must not be null');
    expect(e.violations).toEqual([{ path: 'tasks[0].message', message: 'must not be null' }]);
  });
});
