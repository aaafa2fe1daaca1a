// Pebble/Kestra behaviours that differ from what a JS developer would expect (contract §10).
import { describe, expect, test } from 'bun:test';
import { CTX, engine } from './helpers.ts';

const e = engine();
const cases: [string, string][] = [
  // precedence: `not` takes everything down to `or`; `~`, `..`, `??` bind tighter than filters
  ['{{ not false or true }}', 'false'],
  ["{{ 'x' ~ 1 + 2 }}", 'x12'],
  ['{{ 1 + 2 ~ 3 }}', '123'],
  ['{{ [1, 2] | length > 1 }}', 'true'],
  ['{{ inputs.list | first + 1 }}', '2'],
  ["{{ missing | default('x') | upper }}", 'X'],
  ["{{ inputs.nothing ?? inputs.name ~ '!' }}", 'World!'],
  ["{{ 'a' ~ missing ?? 'b' }}", 'ab'],
  ["{{ 1..3 | join(',') }}", '1,2,3'],
  ["{{ 2 * 3 | abs }}", '6'],
  // numbers
  ['{{ 7 / 2 }}', '3'],
  ['{{ 7 / 2 * 2 }}', '6'],
  ['{{ 7.0 / 2 }}', '3.5'],
  ['{{ 1 / 3.0 }}', '0.3333333333333333'],
  ['{{ 5 % 2.0 }}', '1.0'],
  ['{{ 1 == 1.0 and 2.0 == 2 }}', 'true'],
  ['{{ inputs.n / 2 }}', '1'],
  // printing vs concatenation
  ["{{ inputs.words }} {{ '' ~ inputs.words }}", '["pear","apple","fig"] [pear, apple, fig]'],
  ["{{ {'a': [1, {'b': null}]} }}", '{"a":[1,{"b":null}]}'],
  ["{{ 'x' ~ {'a': [1, 2]} }}", 'x{a=[1, 2]}'],
  // verbatim honours dashes, raw does not
  ['a {% verbatim -%}  x  {%- endverbatim %} b', 'a x b'],
  ['a {%- raw -%} x {%- endraw -%} b', 'a  x  b'],
  // strict variables only relaxed by the documented constructs
  ["{{ inputs.missing is defined ? inputs.missing : 'no' }}", 'no'],
  ["{{ outputs.t.value ?? 'no' }}", 'hello'],
  ["{{ outputs.none.value ?? 'no output' }}", 'no output'],
  ["{{ (outputs.none.value ?? 'a') | upper }}", 'A'],
  // loop index is 0-based, ranges inclusive
  ['{% for i in range(1, 3) %}{{ loop.index }}:{{ i }} {% endfor %}', '0:1 1:2 2:3 '],
  ['{% for i in 0..2 %}{{ i }}{% endfor %}', '012'],
  // typical flow constructs
  ["{{ outputs.http.body | jq('.items[0].id') | first }}", '1'],
  ["{{ fromJson(outputs.http.body).items | length }}", '2'],
  ["{{ flow.namespace | replace({'.': '/'}) }}/{{ flow.id }}", 'company/team/hello'],
  ["{{ labels.team ?? 'none' }}-{{ execution.id | substringBefore('c') }}", 'data-exe'],
  ["{{ execution.startDate | date('yyyy-MM-dd') }}", '2024-06-01'],
  ['{{ taskrun.attemptsCount + 1 }}', '1'],
];

describe('quirks', () => {
  test.each(cases)('%s', (tpl, expected) => {
    expect(e.render(tpl, CTX)).toBe(expected);
  });
});
