import { describe, expect, test } from 'bun:test';
import { coerceOutput, inputsWithDefaults, ENCRYPTED_STRING_TYPE } from '../../../src/executions/inputs/inputs.ts';
import { input } from './fixtures.ts';

const failureOf = (type: string, value: unknown, id = 'out') => {
  try {
    coerceOutput(type, value, id);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected coerceOutput to fail');
};

describe('coerceOutput', () => {
  test('STRING keeps strings, containers become JSON text', () => {
    expect(coerceOutput('STRING', 'hello', 'o')).toBe('hello');
    expect(coerceOutput('STRING', { a: 1, b: [true, null] }, 'o')).toBe('{"a":1,"b":[true,null]}');
    expect(coerceOutput('STRING', [1, 2], 'o')).toBe('[1,2]');
  });
  test('null stays null', () => {
    expect(coerceOutput('INT', null, 'o')).toBeNull();
    expect(coerceOutput('STRING', undefined, 'o')).toBeNull();
  });
  test('numbers and booleans from rendered strings', () => {
    expect(coerceOutput('INT', '42', 'o')).toBe(42);
    expect(coerceOutput('INT', 42, 'o')).toBe(42);
    expect(coerceOutput('FLOAT', '1.5', 'o')).toBe(1.5);
    expect(coerceOutput('BOOLEAN', 'TRUE', 'o')).toBe(true);
    expect(coerceOutput('BOOLEAN', 'nope', 'o')).toBe(false);
  });
  test('ARRAY accepts a list or JSON text', () => {
    expect(coerceOutput('ARRAY', ['a', 1], 'o')).toEqual(['a', 1]);
    expect(coerceOutput('ARRAY', '[1,2]', 'o')).toEqual([1, 2]);
  });
  test('JSON and YAML', () => {
    expect(coerceOutput('JSON', '{"a":[1]}', 'o')).toEqual({ a: [1] });
    expect(coerceOutput('JSON', { a: 1 }, 'o')).toEqual({ a: 1 });
    expect(coerceOutput('YAML', 'a: 1', 'o')).toEqual({ a: 1 });
  });
  test('dates print as the plain mapper does', () => {
    expect(coerceOutput('DATETIME', '2019-10-06T18:27:49.000Z', 'o')).toBe('2019-10-06T18:27:49Z');
    expect(coerceOutput('DATE', '2019-10-06', 'o')).toBe('2019-10-06');
    expect(coerceOutput('TIME', '18:27', 'o')).toBe('18:27:00');
    expect(coerceOutput('DURATION', 'P1D', 'o')).toBe('PT24H');
  });
  test('FILE keeps kestra URIs', () => {
    expect(coerceOutput('FILE', 'kestra:///a/b.txt', 'o')).toBe('kestra:///a/b.txt');
  });
  test('SECRET needs encryption and comes back as an EncryptedString', () => {
    expect(coerceOutput('SECRET', 'pw', 'o', { encrypt: (p) => `enc:${p}` })).toEqual({ type: ENCRYPTED_STRING_TYPE, value: 'enc:pw' });
    expect(failureOf('SECRET', 'pw', 'key')).toBe(
      'key: Invalid output for `key`, Expected `SECRET` but received `pw` with errors:\n```\n'
      + 'Unable to use a `SECRET` input/output as encryption is not configured\n```, but received `pw`',
    );
  });
  test('failures carry Kestra-like messages', () => {
    expect(failureOf('INT', 'abc', 'count')).toBe('count: Invalid output for `count`, For input string: "abc", but received `abc`');
    expect(failureOf('DATETIME', 'x')).toBe(
      "out: Invalid output for `out`, Expected `DATETIME` but received `x` with errors:\n```\nText 'x' could not be parsed at index 0\n```, but received `x`",
    );
    expect(failureOf('ARRAY', '{"a":1}')).toContain('Cannot deserialize value of type `java.util.ArrayList<java.lang.Object>`');
    expect(failureOf('URI', 'nope')).toBe('out: Invalid output for `out`, Expected `URI` but received `nope`, but received `nope`');
  });
});

describe('inputsWithDefaults', () => {
  test('adds raw defaults of absent inputs', () => {
    const declared = [input('a', 'STRING', { defaults: 'x' }), input('n', 'INT', { defaults: 3 }), input('b', 'STRING')];
    expect(inputsWithDefaults(declared, { a: 'given' })).toEqual({ a: 'given', n: 3 });
  });
  test('executions without inputs (webhooks) still see defaults', () => {
    expect(inputsWithDefaults([input('a', 'STRING', { defaults: 'x' })], undefined)).toEqual({ a: 'x' });
  });
  test('present keys win, even when null', () => {
    const declared = [input('a', 'STRING', { defaults: 'x' })];
    expect(inputsWithDefaults(declared, { a: null })).toEqual({ a: null });
  });
  test('dotted ids are merged into the nested map without mutating it', () => {
    const executionInputs = { nested: { given: 1 } };
    const declared = [input('nested.more', 'STRING', { defaults: 'd' }), input('nested.given', 'INT', { defaults: 9 })];
    expect(inputsWithDefaults(declared, executionInputs)).toEqual({ nested: { given: 1, more: 'd' } });
    expect(executionInputs).toEqual({ nested: { given: 1 } });
  });
  test('nothing to add returns the inputs unchanged', () => {
    const executionInputs = { a: 1 };
    expect(inputsWithDefaults([input('a', 'INT')], executionInputs)).toBe(executionInputs);
    expect(inputsWithDefaults(undefined, undefined)).toBeUndefined();
    expect(inputsWithDefaults([input('a', 'INT', { defaults: null })], undefined)).toBeUndefined();
  });
});
