import { describe, expect, test } from 'bun:test';
import { createExpressionEngine, isKestraTruthy, printValue, toJavaString } from '../../src/expressions/index.ts';
import { CTX, engine } from './helpers.ts';

const e = engine();

describe('render / renderTyped / renderDeep / evaluate', () => {
  test('a string without { is returned unchanged, even if it looks broken', () => {
    expect(e.render('no expression here }}', CTX)).toBe('no expression here }}');
    expect(e.renderTyped('plain', CTX)).toBe('plain');
  });

  const typed: [string, unknown][] = [
    ['{{ inputs.list }}', [1, 2, 3]],
    ['{{ inputs.m }}', { a: 1, b: 'x' }],
    ['{{ inputs.n }}', 3],
    ['{{ inputs.n > 2 }}', true],
    ['{{ 2.0 }}', 2],
    ['{{ inputs.f }}', 1.5],
    ['{{ inputs.nothing }}', null],
    ["{{ 'a' ~ 'b' }}", 'ab'],
    ['{{ [1, 2.0] }}', [1, 2]],
    ['x {{ inputs.n }}', 'x 3'],
    ['{{ inputs.n }}{{ inputs.n }}', '33'],
    ['{{- inputs.list -}}', [1, 2, 3]],
  ];
  test.each(typed)('renderTyped %s', (tpl, expected) => {
    expect(e.renderTyped(tpl, CTX)).toEqual(expected);
  });

  test('renderDeep renders string values and map keys, leaves other scalars', () => {
    const input = {
      '{{ flow.id }}_key': '{{ inputs.name }}',
      n: 1,
      b: true,
      nested: { list: ['{{ inputs.n }}', 2, null], s: 'plain' },
    };
    // keys change when rendered, so compare as a plain record
    expect(e.renderDeep(input, CTX) as Record<string, unknown>).toEqual({
      hello_key: 'World',
      n: 1,
      b: true,
      nested: { list: ['3', 2, null], s: 'plain' },
    });
  });

  test('renderDeep on a plain string and on a list', () => {
    expect(e.renderDeep('{{ inputs.n }}', CTX)).toBe('3');
    expect(e.renderDeep(['{{ inputs.name | lower }}', 5], CTX)).toEqual(['world', 5]);
  });

  const evaluated: [string, unknown][] = [
    ['inputs.n > 2', true],
    ["inputs.name == 'World' and inputs.flag", true],
    ['inputs.list', [1, 2, 3]],
    ['inputs.missing is defined', false],
    ["outputs.t.value | upper", 'HELLO'],
    ['1 + 1', 2],
    ['{{ inputs.n == 3 }}', true],
    ["inputs.missing ?? 'd'", 'd'],
  ];
  test.each(evaluated)('evaluate %s', (expr, expected) => {
    expect(e.evaluate(expr, CTX)).toEqual(expected);
  });

  test('recursive rendering is off by default: a value containing {{ }} is printed literally', () => {
    expect(e.render('{{ vars.greeting }}', CTX)).toBe('Hi {{ inputs.name }}');
  });

  test('engines are independent and work without hooks', () => {
    const plain = createExpressionEngine();
    expect(plain.render('{{ 1 + 1 }}', {})).toBe('2');
    expect(plain.render("{{ now('yyyy') }}", {})).toMatch(/^\d{4}$/);
  });

  test('the compile cache is bounded and per engine', () => {
    const eng = createExpressionEngine();
    for (let i = 0; i < 1500; i++) expect(eng.render(`{{ ${i} }}`, {})).toBe(String(i));
    expect(eng.render('{{ 1 }}', {})).toBe('1');
  });
});

describe('printing and truthiness helpers', () => {
  const printed: [unknown, string][] = [
    ['s', 's'], [null, ''], [undefined, ''], [true, 'true'], [42, '42'], [1.5, '1.5'],
    [0.30000000000000004, '0.30000000000000004'], [1e21, '1.0E21'], [1.5e-7, '1.5E-7'], [123456789.5, '1.234567895E8'],
    [[1, 'a', null], '[1,"a",null]'], [{ a: { b: [1] } }, '{"a":{"b":[1]}}'], [{}, '{}'],
  ];
  test.each(printed)('printValue(%p)', (v, s) => expect(printValue(v)).toBe(s));

  const javaStrings: [unknown, string][] = [
    [[1, 2, 3], '[1, 2, 3]'], [{ a: 1, b: 'x' }, '{a=1, b=x}'], [['s', null], '[s, null]'], [null, ''], [2.5, '2.5'], [false, 'false'],
    [{ l: [1, { m: 2 }] }, '{l=[1, {m=2}]}'],
  ];
  test.each(javaStrings)('toJavaString(%p)', (v, s) => expect(toJavaString(v)).toBe(s));

  const truthy: [string, boolean][] = [
    ['false', false], ['0', false], ['-0', false], ['', false],
    ['true', true], ['False', true], ['FALSE', true], ['null', true], ['no', true], [' ', true], ['1', true], ['0.0', true], ['anything', true],
  ];
  test.each(truthy)('isKestraTruthy(%p)', (s, b) => expect(isKestraTruthy(s)).toBe(b));

  test('truthiness of a rendered condition', () => {
    expect(isKestraTruthy(e.render('{{ inputs.n > 5 }}', CTX))).toBe(false);
    expect(isKestraTruthy(e.render('{{ inputs.nothing }}', CTX))).toBe(false);
    expect(isKestraTruthy(e.render("{{ 'False' }}", CTX))).toBe(true);
  });
});
