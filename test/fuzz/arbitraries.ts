// fast-check arbitraries for hostile input: path segments, query strings, bodies of every kind
// the API reads (JSON, YAML, multipart, raw bytes), templates for the expression engine.
import fc from 'fast-check';

/** values that have broken parsers and routers elsewhere */
const NASTY = [
  '', ' ', '..', '../..', '%2e%2e', '%2F', '%00', '\u0000', '\uFFFF', '\uD800', '__proto__', 'constructor', 'prototype',
  'null', 'undefined', 'NaN', '-1', '0', '1e309', '9007199254740993', '-0', 'true', '[]', '{}', '*', '%', '%%', '\\', '/',
  '{{ 1 }}', '{% for i in range(1, 9000) %}x{% endfor %}', "'; DROP TABLE executions; --", '<script>', 'a'.repeat(5000),
  '2024-13-45T99:99:99Z', 'PT-1S', 'P99999999Y', 'main', 'company.team', 'hello', 'id1',
];

export const nastyString = fc.constantFrom(...NASTY);
/** encodeURIComponent, lone surrogates made well-formed first (they cannot be sent otherwise) */
const enc = (s: string) => encodeURIComponent(s.toWellFormed());
/** percent-encodings a decoder must refuse politely */
const BAD_PERCENT = ['%', '%Z', '%E0%A4%A', '%FF', '%C0%AF', '%25%', 'a%2'];
export const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

/** a path segment: encoded mostly, raw (with its slashes and percents) sometimes */
export const segment = fc.oneof(
  { weight: 4, arbitrary: anyText.map(enc) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_PERCENT) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => s.replace(/[?#]/g, '')) },
);

const QUERY_KEYS = [
  'size', 'page', 'sort', 'q', 'namespace', 'flowId', 'state', 'labels', 'startDate', 'endDate', 'timeRange', 'wait', 'delete',
  'revision', 'minLevel', 'taskId', 'attempt', 'path', 'key', 'type', 'filters[namespace][EQUALS]', 'filters[q][EQUALS]',
  'filters[state][IN]', 'filters[startDate][GREATER_THAN]', 'override', 'breakpoints', 'scheduleDate', 'kind', 'groupBy', 'tenant',
];
export const queryString = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), anyText), anyText), { maxLength: 5 })
    .map((pairs) => pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.constantFrom(...BAD_PERCENT)).map(([k, v]) => `${k}=${v}`) },
);

const FLOW = 'id: hello\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n';
/** YAML: random text, a flow with one line replaced by junk, or a flow with a hostile value */
export const yamlText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.tuple(fc.nat(6), anyText).map(([line, junk]) => FLOW.split('\n').map((l, i) => (i === line ? junk : l)).join('\n')),
  anyText.map((v) => `${FLOW}inputs:\n  - id: x\n    type: STRING\n    defaults: ${JSON.stringify(v)}\n`),
  fc.constantFrom('&a [*a, *a]', 'a: &a\n  b: *a', '- ' + '['.repeat(2000), '!!js/function "x"', 'key: !!binary AAAA', '---\n---\n'),
);

export interface BodyCase { kind: string; body?: NonNullable<RequestInit['body']>; type?: string }
const jsonValue = fc.jsonValue({ maxDepth: 4 });
export const body: fc.Arbitrary<BodyCase> = fc.oneof(
  fc.constant<BodyCase>({ kind: 'none' }),
  jsonValue.map((v) => ({ kind: 'json', body: JSON.stringify(v), type: 'application/json' })),
  anyText.map((t) => ({ kind: 'bad-json', body: t, type: 'application/json' })),
  yamlText.map((t) => ({ kind: 'yaml', body: t, type: 'application/x-yaml' })),
  fc.array(fc.tuple(anyText, anyText, fc.boolean()), { maxLength: 4 }).map((fields) => {
    const form = new FormData();
    for (const [k, v, file] of fields) form.append(k || 'x', file ? new File([v], `${v.slice(0, 10) || 'f'}.yml`) : v);
    return { kind: 'multipart', body: form };
  }),
  fc.uint8Array({ maxLength: 300 }).map((b) => ({ kind: 'bytes', body: b, type: 'application/octet-stream' })),
  anyText.map((t) => ({ kind: 'bad-multipart', body: t, type: 'multipart/form-data; boundary=xyz' })),
  anyText.map((t) => ({ kind: 'text', body: t, type: 'text/plain' })),
);

/** Pebble-ish templates: fragments of the dialect glued at random, plus raw random text */
const PIECES = [
  '{{', '}}', '{%', '%}', '{#', '#}', ' for ', ' in ', ' endfor ', ' if ', ' endif ', ' else ', ' set ', ' = ', ' macro ', ' endmacro ',
  '(', ')', '[', ']', '{', '}', ',', ':', '.', '|', '~', '+', '-', '*', '/', '%', '==', '!=', '??', '???', ' and ', ' or ', ' not ',
  ' is ', ' defined', ' null ', ' true ', '1', '0', '-1', '1.5', '9999999999999999999', "'s'", '"d"', "'", '"', 'x', 'i',
  'range(1, 9000)', 'inputs', 'outputs', 'envs', 'vars', 'flow', 'execution', 'secret(', 'read(', 'kv(', 'render(', 'json', 'toJson',
  'jq(', 'upper', 'length', 'join', 'split', 'replace', 'date', 'now()', 'constructor', '__proto__', 'prototype', 'range', 'raw',
];
export const template = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => `{{ ${p.join('')} }}`) },
);
