// Every assertion operator with Kestra's semantics and default messages (Assertion.java).
import { describe, expect, test } from 'bun:test';
import { runAssertion } from '../../src/testsuites/assertions.ts';
import type { Assertion } from '../../src/testsuites/model.ts';

// a stand-in for rendering: expressions resolve against this map, literals pass through
const VARS: Record<string, unknown> = { '{{ s }}': 'hello world', '{{ n }}': '7', '{{ empty }}': '', '{{ boom }}': new Error('Missing variable: boom') };
const render = (v: unknown) => {
  if (typeof v !== 'string') return v;
  const hit = VARS[v];
  if (hit instanceof Error) throw hit;
  return hit ?? v;
};
const run = (a: Assertion) => runAssertion(a, render);
const one = (a: Assertion) => {
  const r = run(a);
  expect(r.errors).toEqual([]);
  expect(r.results).toHaveLength(1);
  return r.results[0]!;
};

describe('assertion operators', () => {
  test('equalTo / notEqualTo: Java equals, so a rendered "7" is not the number 7', () => {
    expect(one({ value: '{{ s }}', equalTo: 'hello world' })).toEqual({ operator: 'equalTo', expected: 'hello world', actual: 'hello world', isSuccess: true });
    expect(one({ value: '{{ s }}', equalTo: 'bye' }).errorMessage).toBe("expected '{{ s }}' to equal 'bye' but was 'hello world'");
    expect(one({ value: '{{ n }}', equalTo: 7 }).isSuccess).toBe(false);
    expect(one({ value: '{{ n }}', equalTo: '7' }).isSuccess).toBe(true);
    expect(one({ value: '{{ s }}', notEqualTo: 'bye' }).isSuccess).toBe(true);
    expect(one({ value: '{{ s }}', notEqualTo: 'hello world' }).errorMessage).toBe("expected '{{ s }}' to not equal 'hello world'");
  });

  test('contains / startsWith / endsWith', () => {
    expect(one({ value: '{{ s }}', contains: 'lo wo' }).isSuccess).toBe(true);
    expect(one({ value: '{{ s }}', contains: 'xyz' }).errorMessage).toBe("expected '{{ s }}' to contain 'xyz' but was 'hello world'");
    expect(one({ value: '{{ s }}', startsWith: 'hello' }).isSuccess).toBe(true);
    expect(one({ value: '{{ s }}', startsWith: 'world' }).errorMessage).toBe("expected '{{ s }}' to start with 'world' but was 'hello world'");
    expect(one({ value: '{{ s }}', endsWith: 'world' }).isSuccess).toBe(true);
    expect(one({ value: '{{ s }}', endsWith: 'hello' }).errorMessage).toBe("expected '{{ s }}' to end with 'hello' but was 'hello world'");
  });

  test('the number operators parse the actual value as a Double', () => {
    expect(one({ value: '{{ n }}', greaterThan: 5 })).toMatchObject({ operator: 'greaterThan', expected: 5, actual: '7', isSuccess: true });
    expect(one({ value: '{{ n }}', greaterThan: 7 }).errorMessage).toBe("expected '{{ n }}' to be greater than '7.0' but was '7'");
    expect(one({ value: '{{ n }}', greaterThanOrEqualTo: 7 }).isSuccess).toBe(true);
    expect(one({ value: '{{ n }}', greaterThanOrEqualTo: 8 }).errorMessage).toBe("expected '{{ n }}' to be greater than or equal to '8.0' but was '7'");
    expect(one({ value: '{{ n }}', lessThan: 8.5 }).isSuccess).toBe(true);
    expect(one({ value: '{{ n }}', lessThan: 7 }).errorMessage).toBe("expected '{{ n }}' to be less than '7.0' but was '7'");
    expect(one({ value: '{{ n }}', lessThanOrEqualTo: 7 }).isSuccess).toBe(true);
    expect(one({ value: '{{ n }}', lessThanOrEqualTo: 6 }).errorMessage).toBe("expected '{{ n }}' to be less than or equal to '6.0' but was '7'");
    const bad = run({ value: '{{ s }}', greaterThan: 1 });
    expect(bad.results).toEqual([]);
    expect(bad.errors[0]!.message).toStartWith('Could not evaluate assertion: `{"value":"{{ s }}","greaterThan":1}`');
    expect(bad.errors[0]!.details).toBe('error was: Could not parse value as a Double');
  });

  test('in / notIn compare against a list of strings', () => {
    expect(one({ value: '{{ s }}', in: ['a', 'hello world'] })).toMatchObject({ operator: 'in', expected: ['a', 'hello world'], isSuccess: true });
    expect(one({ value: '{{ s }}', in: ['a', 'b'] }).errorMessage).toBe("expected '{{ s }}' to contain '[a, b]' but was 'hello world'");
    expect(one({ value: '{{ s }}', notIn: ['a', 'b'] }).isSuccess).toBe(true);
    expect(one({ value: '{{ s }}', notIn: ['hello world'] }).errorMessage).toBe("expected '{{ s }}' to not contain '[hello world]' but was 'hello world'");
  });

  test('isNull / isNotNull report the operator as expected; false inverts', () => {
    expect(one({ value: null, isNull: true })).toEqual({ operator: 'isNull', expected: 'isNull', actual: null, isSuccess: true });
    expect(one({ value: '{{ s }}', isNull: true }).errorMessage).toBe("expected '{{ s }}' to be null but was 'hello world'");
    expect(one({ value: '{{ s }}', isNull: false }).isSuccess).toBe(true);
    expect(one({ value: '{{ empty }}', isNotNull: true }).isSuccess).toBe(true);
    expect(one({ value: null, isNotNull: true }).errorMessage).toBe("expected 'null' to be not null but was 'null'");
  });

  test('several operators give one result each; errorMessage, description and taskId are carried', () => {
    const r = run({ value: '{{ s }}', taskId: 't1', description: 'greeting', errorMessage: 'custom failure', startsWith: 'hello', endsWith: 'nope', contains: 'o w' });
    expect(r.results.map((x) => [x.operator, x.isSuccess])).toEqual([['endsWith', false], ['startsWith', true], ['contains', true]]);
    expect(r.results[0]).toMatchObject({ taskId: 't1', description: 'greeting', errorMessage: 'custom failure' });
    expect(r.results[1]!.errorMessage).toBeUndefined();
  });

  test('a render failure and a non-string for a string operator are run errors, not crashes', () => {
    const r = run({ value: '{{ boom }}', equalTo: 'x' });
    expect(r.errors).toEqual([{ message: 'Could not evaluate assertion: `{"value":"{{ boom }}","equalTo":"x"}`', details: 'error was: Missing variable: boom' }]);
    const cast = run({ value: 42, contains: '4' });
    expect(cast.errors[0]!.details).toContain('cannot be cast to class java.lang.String');
    expect(run({ value: 'x' }).errors[0]!.details).toBe('error was: no assertions found');
  });
});
