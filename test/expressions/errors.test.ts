import { describe, expect, test } from 'bun:test';
import { ExpressionError } from '../../src/expressions/index.ts';
import { CTX, engine } from './helpers.ts';

const e = engine();

function errorOf(tpl: string, ctx: Record<string, unknown> = CTX, eng = e): ExpressionError {
  try {
    eng.render(tpl, ctx);
  } catch (err) {
    expect(err).toBeInstanceOf(ExpressionError);
    return err as ExpressionError;
  }
  throw new Error(`expected ${tpl} to fail`);
}

const undefinedCases: [string, string, number][] = [
  ['{{inputs.invalid}}', 'invalid', 1],
  ['{{ missing }}', 'missing', 1],
  ['{{ inputs.m.zz }}', 'zz', 1],
  ['{{ inputs.nested.deep.nope }}', 'nope', 1],
  ['line1\nline2 {{ unknownVar }}', 'unknownVar', 2],
  ['{{ inputs.list[7] }}', '7', 1],
  ['{{ inputs.nothing.x }}', 'x', 1], // null parent that is not a root variable: Pebble names the attribute
  ['{{ missing ?? missing2 }}', 'missing2', 1],
  ["{{ false ? 'a' : nope }}", 'nope', 1],
  ['{% if nope %}x{% endif %}', 'nope', 1],
  ['{% for x in nope %}{% endfor %}', 'nope', 1],
  ['{{ nope | upper }}', 'nope', 1],
  ['a\n\n{% if true %}\n{{ later }}{% endif %}', 'later', 4],
  ['{{ inputs.name.first }}', 'first', 1],
];

const otherErrors: [string, RegExp][] = [
  ['{{ foo( }}', /^io\.pebbletemplates\.pebble\.error\.ParserException: .* \(\{\{ foo\( \}\}:1\)$/],
  ['{{ 1 + }}', /ParserException: Unexpected .* \(\{\{ 1 \+ \}\}:1\)$/],
  ['{{ x | nope }}', /^io\.pebbletemplates\.pebble\.error\.ParserException: Filter \[nope\] does not exist\. \(\{\{ x \| nope \}\}:1\)$/],
  ['{{ nope() }}', /^io\.pebbletemplates\.pebble\.error\.PebbleException: Function or Macro \[nope\] does not exist\. \(\{\{ nope\(\) \}\}:1\)$/],
  ['{{ 1 is nope }}', /Test \[nope\] does not exist\./],
  ['{% if true %}unclosed', /ParserException: Unexpected end of template/],
  ['{% endif %}', /Unexpected tag name "endif"/],
  ['{% include "x" %}', /Unexpected tag name "include"/],
  ['{% extends "x" %}', /Unexpected tag name "extends"/],
  ['{{ "unclosed }}', /Unclosed string literal/],
  ['{{ 1 / 0 }}', /\/ by zero/],
  ["{{ 'a' * 2 }}", /invalid operands for mathematical operation \[MULTIPLICATION\]/],
  ["{{ 'a' < 2 }}", /invalid operands for mathematical comparison \[LESS_THAN\]/],
  ['{% if null %}x{% endif %}', /null value given to if statement/],
  ['{% for x in 5 %}{% endfor %}', /Not an iterable object\. Value = \[5\]/],
  ["{{ secret('NOPE') }}", /Cannot find secret for key 'NOPE'\./],
  ["{{ fromJson('{bad') }}", /Invalid json/],
  ["{{ 'x' | jq('.[') }}", /JQ expression/],
  ["{{ 'x' | date('yyyy', timeZone='Mars/Base') }}", /Unknown time-zone ID: Mars\/Base/],
  ["{{ 'not a date' | date }}", /could not be parsed/],
  ["{{ inputs.date | dateAdd(1, 'FORTNIGHTS') }}", /No enum constant java\.time\.temporal\.ChronoUnit\.FORTNIGHTS/],
  ["{{ inputs.date | date('yyyy-bb') }}", /Unknown pattern letter: b/],
  ["{{ 'x' | escapeChar('weird') }}", /Invalid type/],
  ["{{ 5 | sha256 }}", /only supports strings/],
  ["{{ fileURI('../etc') }}", /Path must not contain '\.\.\/'/],
  ["{{ render('{{ inner }}') }}", /Unable to find `inner` used in the expression `\{\{ inner \}\}` at line 1/],
  ["{{ kv('absent', errorOnMissing=true) }}", /The key 'absent' does not exist in the namespace 'company\.team'\./],
];

describe('errors', () => {
  test.each(undefinedCases)('undefined: %s', (tpl, name, line) => {
    expect(errorOf(tpl).message).toBe(`Unable to find \`${name}\` used in the expression \`${tpl}\` at line ${line}`);
  });

  const withKv = engine({ kv: () => undefined });
  test.each(otherErrors)('%s', (tpl, re) => {
    expect(errorOf(tpl, CTX, withKv).message).toMatch(re);
  });

  test('errors carry the template and line', () => {
    const err = errorOf('a\n{{ nope }}');
    expect(err.template).toBe('a\n{{ nope }}');
    expect(err.line).toBe(2);
  });

  test('a cached template still reports errors for every render', () => {
    expect(() => e.render('{{ inputs.zz }}', CTX)).toThrow(ExpressionError);
    expect(() => e.render('{{ inputs.zz }}', CTX)).toThrow('Unable to find `zz`');
    expect(e.render('{{ inputs.zz }}', { inputs: { zz: 'now defined' } })).toBe('now defined');
  });
});
