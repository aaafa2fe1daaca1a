import { describe, expect, test } from 'bun:test';
import { CTX, engine } from './helpers.ts';

const kvStore: Record<string, unknown> = { 'company.team/k': 'v', 'company.team/obj': { a: 1 }, 'other/k': 'other-v' };
const e = engine({
  secret: (name) => ({ API_KEY: 's3cr3t', GITHUB_TOKEN: 'ghp_x' })[name],
  kv: (ns, key) => kvStore[`${ns}/${key}`],
  read: (p) => (p === 'queries/q.sql' ? 'SELECT 1' : `content of ${p}`),
  encrypt: (s) => `enc(${s})`,
  decrypt: (s) => s.replace(/^enc\((.*)\)$/, '$1'),
});

const cases: [string, string][] = [
  ['{{ range(1, 3) }}', '[1,2,3]'],
  ['{{ range(0, 6, 2) }}', '[0,2,4,6]'],
  ['{{ range(3, 1, -1) }}', '[3,2,1]'],
  ['{{ max(1, 5, 3) }}', '5'],
  ['{{ min(4, 2, 8) }}', '2'],
  ['{{ max(1, 2.5) }}', '2.5'],
  ["{{ secret('API_KEY') }}", 's3cr3t'],
  ["{{ secret('GITHUB_TOKEN') | length }}", '5'],
  ["{{ kv('k') }}", 'v'],
  ["{{ kv('obj').a }}", '1'],
  ["{{ kv('obj') }}", '{"a":1}'],
  ["{{ kv('k', 'other') }}", 'other-v'],
  ["{{ kv(key='k', namespace='other') }}", 'other-v'],
  ["{{ kv('absent') }}", ''],
  ["{{ kv('absent') ?? 'fallback' }}", 'fallback'],
  ["{{ read('queries/q.sql') }}", 'SELECT 1'],
  ["{{ fileURI('scripts/a.py') }}", 'kestra:///company/team/_files/scripts/a.py'],
  ['{{ fromJson(inputs.json).a.b[1] }}', '2'],
  ["{{ fromJson('[1, 2]') | length }}", '2'],
  ["{{ fromJson('{\"k\": \"v\"}').k }}", 'v'],
  ['{{ fromJson(null) }}', ''],
  ["{{ json('{\"k\": 1}').k }}", '1'],
  ["{{ yaml('a: 1\nb: [x, y]').b[1] }}", 'y'],
  ["{{ fromIon('{a:1,b:\"x\"}').b }}", 'x'],
  ['{{ render(vars.greeting) }}', 'Hi World'],
  ['{{ vars.greeting }}', 'Hi {{ inputs.name }}'],
  ['{{ render(vars.plain) }}', 'no braces'],
  ["{{ render('{{ \"{{ inputs.n }}\" }}') }}", '3'],
  ["{{ renderOnce('{{ \"{{ inputs.n }}\" }}') }}", '{{ inputs.n }}'],
  ["{{ render('{{ inputs.n }}', recursive=false) }}", '3'],
  ['{% set who = "set-var" %}{{ render("{{ who }}") }}', 'set-var'],
  ['{{ currentEachOutput(outputs.each).value }}', 'B'],
  ["{{ encrypt('key', 'plain') }}", 'enc(plain)'],
  ["{{ decrypt('key', 'enc(plain)') }}", 'plain'],
  ['{{ uuid() | length }}', '36'],
  ['{{ randomInt(1, 2) }}', '1'],
  ['{{ randomInt(10, 10) }}', '10'],
  ["{{ id() is empty }}", 'false'],
  ['{{ printContext().flow.id }}', 'hello'],
  ['{{ errorLogs() }}', '[]'],
];

describe('functions', () => {
  test.each(cases)('%s', (tpl, expected) => {
    expect(e.render(tpl, CTX)).toBe(expected);
  });

  test('currentEachOutput walks ancestors (outermost first) then taskrun.value', () => {
    const ctx = {
      outputs: { t: { p1: { c1: { value: 'deep' } } } },
      parents: [{ taskrun: { value: 'p1' } }, { taskrun: {} }],
      taskrun: { value: 'c1' },
    };
    expect(e.render('{{ currentEachOutput(outputs.t).value }}', ctx)).toBe('deep');
    const nested = { ...ctx, outputs: { t: { p0: { p1: { c1: { value: 'x' } } } } }, parents: [{ taskrun: { value: 'p1' } }, { taskrun: { value: 'p0' } }] };
    expect(e.render('{{ currentEachOutput(outputs.t).value }}', nested)).toBe('x');
  });

  test('errorLogs() returns the entries the engine put under __errorLogs', () => {
    const logs = [{ taskId: 'fail', message: 'boom' }];
    expect(e.render('{% for l in errorLogs() %}{{ l.taskId }}: {{ l.message }}{% endfor %}', { __errorLogs: logs })).toBe('fail: boom');
  });

  test('uuid() and id() produce different values each call', () => {
    expect(e.render('{{ uuid() }}', {})).not.toBe(e.render('{{ uuid() }}', {}));
    expect(e.render('{{ id() }}', {})).toMatch(/^[0-9A-Za-z]{10,22}$/);
  });
});
