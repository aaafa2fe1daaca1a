import { describe, expect, test } from 'bun:test';
import { resolveInputs, validateInputs } from '../../../src/executions/inputs/inputs.ts';
import { failure, input, makeCtx } from './fixtures.ts';

describe('required, defaults and missing values', () => {
  test('required defaults to true', async () => {
    const e = await failure([input('string', 'STRING')], {});
    expect(e.status).toBe(422);
    expect(e.code).toBe('INVALID_ENTITY');
    expect(e.detail).toBe('string: Invalid input for `string`, missing required input, but received `null`');
    expect(e.message).toBe('Invalid entity: string: Invalid input for `string`, missing required input, but received `null`');
    expect(e.items).toEqual([{ message: 'Invalid input for `string`, missing required input, but received `null`', path: 'string' }]);
  });
  test('an optional input without value is present as null', async () => {
    const out = await resolveInputs([input('bool', 'BOOLEAN', { required: false })], {}, makeCtx());
    expect(out).toEqual({ bool: null });
    expect('bool' in out).toBe(true);
  });
  test('null and undefined count as missing, the empty string does not', async () => {
    const decl = [input('s', 'STRING')];
    await failure(decl, { s: null });
    await failure(decl, new Map([['s', undefined]]));
    expect(await resolveInputs(decl, { s: '' }, makeCtx())).toEqual({ s: '' });
  });
  test('defaults fill missing values and are coerced', async () => {
    const decl = [
      input('instantDefaults', 'DATETIME', { defaults: '2013-08-09T14:19:00Z' }),
      input('count', 'INT', { defaults: 3 }),
      input('list', 'ARRAY', { itemType: 'STRING', defaults: ['a'] }),
    ];
    expect(await resolveInputs(decl, {}, makeCtx())).toEqual({
      instantDefaults: '2013-08-09T14:19:00.000Z', count: 3, list: ['a'],
    });
    expect(await resolveInputs(decl, { count: '7' }, makeCtx())).toMatchObject({ count: 7 });
  });
  test('an invalid default fails like a provided value', async () => {
    const e = await failure([input('n', 'INT', { defaults: 'x' })], {});
    expect(e.items?.[0]?.message).toBe('Invalid input for `n`, For input string: "x", but received `x`');
  });
});

describe('result shape', () => {
  test('undeclared values are ignored', async () => {
    expect(await resolveInputs([input('a', 'STRING')], { a: 'x', other: 'y' }, makeCtx())).toEqual({ a: 'x' });
  });
  test('no declared inputs give an empty map', async () => {
    expect(await resolveInputs(undefined, { a: 'x' }, makeCtx())).toEqual({});
  });
  test('dotted ids become nested maps', async () => {
    const decl = [
      input('nested.string', 'STRING'),
      input('nested.more.int', 'INT'),
      input('nested.bool', 'BOOLEAN'),
    ];
    const out = await resolveInputs(decl, { 'nested.string': 'a string', 'nested.more.int': '123', 'nested.bool': 'true' }, makeCtx());
    expect(out).toEqual({ nested: { string: 'a string', more: { int: 123 }, bool: true } });
  });
  test('a Map and a record are both accepted', async () => {
    const decl = [input('a', 'INT')];
    expect(await resolveInputs(decl, new Map([['a', '1']]), makeCtx())).toEqual({ a: 1 });
    expect(await resolveInputs(decl, { a: '1' }, makeCtx())).toEqual({ a: 1 });
  });
  test('only the first failing input (declaration order) is reported', async () => {
    const decl = [input('first', 'INT'), input('second', 'STRING'), input('third', 'INT')];
    const e = await failure(decl, { first: 'x', third: 'y' });
    expect(e.items).toHaveLength(1);
    expect(e.detail).toBe('first: Invalid input for `first`, For input string: "x", but received `x`');
  });
});

describe('dependsOn', () => {
  const base = [
    input('kind', 'SELECT', { values: ['A', 'B'] }),
    input('detail', 'STRING', { dependsOn: { inputs: ['kind'], condition: "{{ inputs.kind == 'A' }}" } }),
  ];
  test('the condition enables the input', async () => {
    expect(await resolveInputs(base, { kind: 'A', detail: 'd' }, makeCtx())).toEqual({ kind: 'A', detail: 'd' });
  });
  test('a disabled input is dropped and not validated', async () => {
    expect(await resolveInputs(base, { kind: 'B' }, makeCtx())).toEqual({ kind: 'B' });
  });
  test('an enabled required dependent input is still required', async () => {
    const e = await failure(base, { kind: 'A' });
    expect(e.detail).toBe('detail: Invalid input for `detail`, missing required input, but received `null`');
  });
  test('only a boolean true enables (a rendered string does not)', async () => {
    const decl = [input('a', 'STRING'), input('b', 'STRING', { dependsOn: { inputs: ['a'], condition: 'true' } })];
    expect(await resolveInputs(decl, { a: 'x', b: 'y' }, makeCtx())).toEqual({ a: 'x' });
  });
  test('dependencies are resolved first and seen typed', async () => {
    const decl = [
      input('big', 'STRING', { dependsOn: { inputs: ['n'], condition: '{{ inputs.n > 10 }}' } }),
      input('n', 'INT'),
    ];
    expect(await resolveInputs(decl, { n: '42', big: 'yes' }, makeCtx())).toEqual({ big: 'yes', n: 42 });
    expect(await resolveInputs(decl, { n: '2', big: 'yes' }, makeCtx())).toEqual({ n: 2 });
  });
  test('a disabled dependency disables its dependents', async () => {
    const decl = [
      input('a', 'BOOLEAN'),
      input('b', 'STRING', { dependsOn: { inputs: ['a'], condition: '{{ inputs.a }}' } }),
      input('c', 'STRING', { dependsOn: { inputs: ['b'] } }),
    ];
    expect(await resolveInputs(decl, { a: 'false', b: 'x', c: 'y' }, makeCtx())).toEqual({ a: false });
    expect(await resolveInputs(decl, { a: 'true', b: 'x', c: 'y' }, makeCtx())).toEqual({ a: true, b: 'x', c: 'y' });
  });
  test('dotted dependency ids are nested in the condition context', async () => {
    const decl = [
      input('cfg.mode', 'STRING'),
      input('x', 'STRING', { dependsOn: { inputs: ['cfg.mode'], condition: "{{ inputs.cfg.mode == 'on' }}" } }),
    ];
    expect(await resolveInputs(decl, { 'cfg.mode': 'on', x: '1' }, makeCtx())).toEqual({ cfg: { mode: 'on' }, x: '1' });
  });
  test('extra variables reach the condition', async () => {
    const decl = [input('a', 'STRING'), input('b', 'STRING', { dependsOn: { inputs: ['a'], condition: "{{ flow.namespace == 'io.kestra.tests' }}" } })];
    const ctx = makeCtx({ variables: { flow: { namespace: 'io.kestra.tests' } } });
    expect(await resolveInputs(decl, { a: 'x', b: 'y' }, ctx)).toEqual({ a: 'x', b: 'y' });
  });
  test('a broken condition disables silently but shows in validate', async () => {
    const decl = [input('a', 'STRING'), input('b', 'STRING', { dependsOn: { inputs: ['a'], condition: '{{ nope.x }}' } })];
    expect(await resolveInputs(decl, { a: 'x', b: 'y' }, makeCtx())).toEqual({ a: 'x' });
    const [, b] = await validateInputs(decl, { a: 'x', b: 'y' }, makeCtx());
    expect(b!.enabled).toBe(false);
    expect(b!.errors[0]!.message).toStartWith('Invalid condition: Unable to find `nope`');
  });
  test('unknown, self and cyclic dependencies do not hang', async () => {
    const decl = [
      input('a', 'STRING', { dependsOn: { inputs: ['a', 'ghost', 'b'] } }),
      input('b', 'STRING', { dependsOn: { inputs: ['a'] } }),
    ];
    expect(await resolveInputs(decl, { a: '1', b: '2' }, makeCtx())).toEqual({ a: '1', b: '2' });
  });
});

describe('SELECT and MULTISELECT expression', () => {
  const ctx = makeCtx({ variables: { vars: { regions: ['eu', 'us', null, 7] } } });
  test('the rendered list replaces values', async () => {
    const decl = input('region', 'SELECT', { expression: '{{ vars.regions }}' });
    expect(await resolveInputs([decl], { region: 'us' }, ctx)).toEqual({ region: 'us' });
    expect(await resolveInputs([decl], { region: '7' }, ctx)).toEqual({ region: '7' });
    const e = await failure([decl], { region: 'asia' }, ctx);
    expect(e.items?.[0]?.message).toBe('Invalid input for `region`, it must match the values `[eu, us, 7]`, but received `asia`');
  });
  test('MULTISELECT too, and validate shows the rendered values', async () => {
    const decl = input('regions', 'MULTISELECT', { expression: '{{ vars.regions }}' });
    expect(await resolveInputs([decl], { regions: '["eu","us"]' }, ctx)).toEqual({ regions: ['eu', 'us'] });
    const [v] = await validateInputs([decl], { regions: '["eu"]' }, ctx);
    expect(v!.input.values).toEqual(['eu', 'us', '7']);
  });
  test('the expression may use the dependencies', async () => {
    const decl = [
      input('cloud', 'STRING'),
      input('zone', 'SELECT', { dependsOn: { inputs: ['cloud'] }, expression: "{{ inputs.cloud == 'aws' ? ['a1','a2'] : ['g1'] }}" }),
    ];
    expect(await resolveInputs(decl, { cloud: 'aws', zone: 'a2' }, makeCtx())).toEqual({ cloud: 'aws', zone: 'a2' });
    expect((await failure(decl, { cloud: 'gcp', zone: 'a2' })).items?.[0]?.message).toBe(
      'Invalid input for `zone`, it must match the values `[g1]`, but received `a2`',
    );
  });
  test('a non-list result', async () => {
    const e = await failure([input('s', 'SELECT', { expression: "{{ 'abc' }}" })], { s: 'abc' });
    expect(e.detail).toBe('s: Invalid expression result. Expected a list of strings, but received String');
    const n = await failure([input('s', 'SELECT', { expression: '{{ null }}' })], { s: 'abc' });
    expect(n.items?.[0]?.message).toBe('Invalid expression result. Expected a list of strings, but received <null>');
  });
  test('a render error', async () => {
    const e = await failure([input('s', 'MULTISELECT', { expression: '{{ missing }}' })], { s: '["a"]' });
    expect(e.items?.[0]?.message).toStartWith("Cannot render 'expression'. Cause: Unable to find `missing`");
    expect(e.items?.[0]?.path).toBe('s');
  });
});

describe('Pause onResume inputs (same machinery)', () => {
  test('missing required input', async () => {
    const e = await failure([input('asked', 'STRING')], new Map());
    expect(e.items?.[0]?.message).toBe('Invalid input for `asked`, missing required input, but received `null`');
  });
  test('typed values', async () => {
    const decl = [input('asked', 'STRING'), input('approved', 'BOOLEAN')];
    expect(await resolveInputs(decl, { asked: 'ok', approved: 'true' }, makeCtx())).toEqual({ asked: 'ok', approved: true });
  });
});
