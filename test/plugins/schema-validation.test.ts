// The flow schema as an editor uses it: ajv (a standard JSON-schema validator) compiles
// GET /api/v1/plugins/schemas/flow and must accept every example flow of the repository and
// reject broken ones. Expressions are accepted where a property is dynamic.

import { beforeAll, describe, expect, test } from 'bun:test';
import Ajv, { type ValidateFunction } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { testRuntime } from '../helpers/runtime.ts';
import { looksLikeSuite } from '../../src/testsuites/model.ts';

const FLOWS_DIR = join(import.meta.dir, '../../flows');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []);
}

/** An editor's validator: unknown keywords ($dynamic, markdownDescription...) ignored, the formats Kestra emits checked. */
function editorValidator(schema: object): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: false });
  ajv.addFormat('duration', /^-?P(?!$)(\d+(\.\d+)?[YMWD])*(T(?=\d)(\d+(\.\d+)?[HMS])*)?$/);
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/i);
  return ajv.compile(schema);
}

let validate: ValidateFunction;
beforeAll(async () => {
  const c = await testRuntime();
  const { status, body } = await c.json('GET', '/api/v1/plugins/schemas/flow');
  expect(status).toBe(200);
  validate = editorValidator(body);
});

const log = (extra: object = {}) => ({ id: 'log', type: 'io.kestra.plugin.core.log.Log', message: 'hi', ...extra });
const flow = (tasks: object[], extra: object = {}) => ({ id: 'f', namespace: 'company.team', tasks, ...extra });
const errorsOf = () => JSON.stringify(validate.errors);

describe('the repository example flows', () => {
  // test suites live next to the flows they test; they are no flows
  const files = yamlFiles(FLOWS_DIR).filter((f) => !looksLikeSuite(readFileSync(f, 'utf8')));
  test('there are example flows to check', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    test(`accepts ${file.slice(FLOWS_DIR.length + 1)}`, () => {
      const ok = validate(parse(readFileSync(file, 'utf8')));
      if (!ok) throw new Error(errorsOf());
      expect(ok).toBe(true);
    });
  }
});

describe('accepted documents', () => {
  test('labels as a map (scalar values) or as a key/value list', () => {
    expect(validate(flow([log()], { labels: { team: 'docs', version: 2 } }))).toBe(true);
    expect(validate(flow([log()], { labels: [{ key: 'team', value: 'docs' }] }))).toBe(true);
  });
  test('a deprecated alias type', () => expect(validate(flow([{ id: 'a', type: 'io.kestra.core.tasks.log.Log', message: 'x' }]))).toBe(true));
  test('a non-core plugin type with its own properties', () => {
    expect(validate(flow([{ id: 'py', type: 'io.kestra.plugin.scripts.python.Script', script: 'print(1)', containerImage: 'python:3' }]))).toBe(true);
  });
  test('an expression where a dynamic property is typed otherwise', () => {
    const subflow = { id: 's', type: 'io.kestra.plugin.core.flow.Subflow', namespace: 'n', flowId: 'f', revision: '{{ inputs.rev }}', wait: '{{ inputs.wait }}' };
    expect(validate(flow([subflow]))).toBe(true);
  });
  test('nested flowables, triggers with conditions, retry and plugin defaults', () => {
    const doc = flow([
      { id: 'p', type: 'io.kestra.plugin.core.flow.Parallel', tasks: [log({ retry: { type: 'constant', interval: 'PT1S', maxAttempts: 2 } })] },
      { id: 'sw', type: 'io.kestra.plugin.core.flow.Switch', value: '{{ inputs.x }}', cases: { a: [log({ id: 'l2' })] } },
      { id: 'dag', type: 'io.kestra.plugin.core.flow.Dag', tasks: [{ task: log({ id: 'l3' }) }, { task: log({ id: 'l4' }), dependsOn: ['l3'] }] },
    ], {
      triggers: [{ id: 't', type: 'io.kestra.plugin.core.trigger.Flow', conditions: [{ type: 'io.kestra.plugin.core.condition.ExecutionStatus', in: ['SUCCESS'] }] }],
      pluginDefaults: [{ type: 'io.kestra.plugin.core.log.Log', values: { level: 'WARN' } }],
      inputs: [{ id: 'n', type: 'INT', defaults: 3 }, { id: 'x', type: 'SELECT', values: ['a', 'b'] }],
    });
    const ok = validate(doc);
    if (!ok) throw new Error(errorsOf());
  });
});

describe('rejected documents', () => {
  test('an unknown core task type', () => expect(validate(flow([{ id: 'a', type: 'io.kestra.plugin.core.log.Lgo', message: 'x' }]))).toBe(false));
  test('a type that is no plugin class (io.kestra.invalid)', () => expect(validate(flow([{ id: 'a', type: 'io.kestra.invalid' }]))).toBe(false));
  test('a task without its required id', () => expect(validate(flow([{ type: 'io.kestra.plugin.core.log.Log', message: 'x' }]))).toBe(false));
  test('a flow without its required id', () => {
    expect(validate({ namespace: 'n', tasks: [log()] })).toBe(false);
    expect(validate.errors?.[0]?.params).toEqual({ missingProperty: 'id' });
  });
  test('a property of the wrong type', () => expect(validate(flow([{ id: 'w', type: 'io.kestra.plugin.core.flow.ForEach', values: [1], concurrencyLimit: 'many', tasks: [log()] }]))).toBe(false));
  test('a wrong enum value', () => expect(validate(flow([log({ level: 'LOUD' })]))).toBe(false));
  test('an unknown property of a core task', () => expect(validate(flow([log({ mesage: 'typo' })]))).toBe(false));
  test('a broken child of a flowable', () => {
    expect(validate(flow([{ id: 'p', type: 'io.kestra.plugin.core.flow.Parallel', tasks: [{ id: 'l', type: 'io.kestra.plugin.core.log.Log' }] }]))).toBe(false);
  });
  test('an unknown top-level flow property', () => expect(validate(flow([log()], { tsaks: [] }))).toBe(false));
  test('a string without an expression for a dynamic integer', () => {
    expect(validate(flow([{ id: 's', type: 'io.kestra.plugin.core.flow.Subflow', namespace: 'n', flowId: 'f', revision: 'two' }]))).toBe(false);
  });
});
