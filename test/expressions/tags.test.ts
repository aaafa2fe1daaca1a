import { describe, expect, test } from 'bun:test';
import { CTX, engine } from './helpers.ts';

const e = engine();
const cases: [string, string][] = [
  // if / elseif / else
  ['{% if true %}yes{% endif %}', 'yes'],
  ['{% if false %}yes{% endif %}', ''],
  ['{% if false %}a{% else %}b{% endif %}', 'b'],
  ['{% if inputs.n == 1 %}one{% elseif inputs.n == 3 %}three{% else %}other{% endif %}', 'three'],
  ['{% if inputs.n == 1 %}one{% elseif inputs.n == 2 %}two{% else %}other{% endif %}', 'other'],
  ["{% if inputs.name == 'World' and inputs.flag %}both{% endif %}", 'both'],
  ['{% if inputs.missing is defined %}d{% else %}u{% endif %}', 'u'],
  ['{% if not inputs.off %}on{% endif %}', 'on'],
  ["{% if 'x' %}non-empty string{% endif %}", 'non-empty string'],
  ["{% if '' %}a{% else %}empty string is false{% endif %}", 'empty string is false'],
  ['{% if 0 %}a{% else %}zero is false{% endif %}', 'zero is false'],
  ['{% if inputs.list contains 2 %}has 2{% endif %}', 'has 2'],
  ['{% if true %}{% if false %}x{% else %}nested{% endif %}{% endif %}', 'nested'],
  // for
  ['{% for x in inputs.list %}{{ x }}{% endfor %}', '123'],
  ['{% for x in inputs.list %}{{ loop.index }}{% endfor %}', '012'],
  ['{% for x in inputs.list %}{{ loop.revindex }}{% endfor %}', '210'],
  ['{% for x in inputs.list %}{{ loop.length }}{% endfor %}', '333'],
  ['{% for x in inputs.list %}{{ loop.first }}{% endfor %}', 'truefalsefalse'],
  ['{% for x in inputs.list %}{{ loop.last }}{% endfor %}', 'falsefalsetrue'],
  ['{% for x in inputs.list %}{{ x }}{% if not loop.last %}, {% endif %}{% endfor %}', '1, 2, 3'],
  ['{% for x in [] %}{{ x }}{% else %}empty{% endfor %}', 'empty'],
  ['{% for x in inputs.nothing %}{{ x }}{% else %}e{% endfor %}', ''],
  ['{% for e in inputs.m %}{{ e.key }}={{ e.value }};{% endfor %}', 'a=1;b=x;'],
  ['{% for i in range(1, 3) %}{{ i }}{% endfor %}', '123'],
  ['{% for i in range(0, 10, 5) %}{{ i }},{% endfor %}', '0,5,10,'],
  ['{% for i in 1..3 %}{{ i }}{% endfor %}', '123'],
  ['{% for w in inputs.words | sort %}{{ w }} {% endfor %}', 'apple fig pear '],
  ['{% for r in [[1, 2], [3]] %}[{% for c in r %}{{ c }}{% endfor %}]{% endfor %}', '[12][3]'],
  ['{% for x in inputs.list %}{% for y in inputs.list %}{{ loop.index }}{% endfor %}|{{ loop.index }} {% endfor %}', '012|0 012|1 012|2 '],
  ['{% for x in inputs.list %}{% endfor %}{{ x ?? "gone" }}', 'gone'],
  // set
  ['{% set a = 5 %}{{ a }}', '5'],
  ["{% set s = inputs.name | upper %}{{ s }}!", 'WORLD!'],
  ['{% set l = [1, 2] %}{{ l[1] }}', '2'],
  ['{% set total = 0 %}{% for x in inputs.list %}{% set total = total + x %}{% endfor %}{{ total }}', '6'],
  ['{% set inputs = "shadow" %}{{ inputs }}', 'shadow'],
  // raw / verbatim / comments
  ['{% raw %}{{ not rendered }}{% endraw %}', '{{ not rendered }}'],
  ['a{%raw%}{% if %}{%endraw%}b', 'a{% if %}b'],
  ['{%- raw -%}{{ x }}{%- endraw -%}', '{{ x }}'],
  ['{% raw %}{{ a }}{% endraw %} {{ inputs.name }} {% raw %}{{ b }}{% endraw %}', '{{ a }} World {{ b }}'],
  ['{% verbatim %}{{ v }}{% endverbatim %}', '{{ v }}'],
  ['a{# comment #}b', 'ab'],
  ['a {#- comment -#} b', 'ab'],
  // whitespace control
  ['a   {{- inputs.name }}', 'aWorld'],
  ['{{ inputs.name -}}   b', 'Worldb'],
  ['a \n {{- inputs.name -}} \n b', 'aWorldb'],
  ['x\n{%- if true -%}\n  y\n{%- endif -%}\nz', 'xyz'],
  ['{%- for i in inputs.list -%}\n  {{ i }}\n{%- endfor -%}', '123'],
  ['line1\n{% if true %}\nkept\n{% endif %}\n', 'line1\n\nkept\n\n'],
  // filter / macro / block tags
  ['{% filter upper %}hello {{ inputs.name }}{% endfilter %}', 'HELLO WORLD'],
  ['{% filter lower | title %}HELLO WORLD{% endfilter %}', 'Hello World'],
  ['{% macro greet(who) %}Hi {{ who }}{% endmacro %}{{ greet("Bob") }}', 'Hi Bob'],
  ["{% macro pair(a, b='dflt') %}{{ a }}-{{ b }}{% endmacro %}{{ pair(1) }}", '1-dflt'],
  ['{% block title %}T{% endblock %}|{{ block("title") }}', 'T|T'],
  // text without expressions
  ['plain text with } brace', 'plain text with } brace'],
  ['json {"a": 1}', 'json {"a": 1}'],
  ['{ not an expression }', '{ not an expression }'],
];

describe('tags', () => {
  test.each(cases)('%s', (tpl, expected) => {
    expect(e.render(tpl, CTX)).toBe(expected);
  });
});
