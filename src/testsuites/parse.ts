// Suite YAML → a TestSuite, or problems with their line (the YAML node ranges are kept through a
// LineCounter, so `kestra-lite test` and `validate` can point at file:line). Shape checks come
// from the TypeBox schema; what it cannot say (an assertion with no operator) is checked here.

import { Value } from '@sinclair/typebox/value';
import type { Document, LineCounter } from 'yaml';
import { yaml } from '../shared/yaml.ts';
import { isPlainObject } from '../shared/guards.ts';
import { FIXTURE_STATES, OPERATORS, OPERATOR_ALIASES, STATE_TYPES, TestSuite, type SuiteProblem } from './model.ts';

export type SuitePath = (string | number)[];
/** 1-based line of the node at a path (or of its nearest ancestor that exists); 0 when unknown */
export type LineOf = (path: SuitePath) => number;

export type SuiteParse =
  | { ok: true; suite: TestSuite; lineOf: LineOf }
  | { ok: false; problems: SuiteProblem[]; lineOf: LineOf; partial?: Record<string, unknown> };

const noLines: LineOf = () => 0;

function linesOf(doc: Document, counter: LineCounter): LineOf {
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
    }
    return 0;
  };
}

/** `equalsTo`/`notEqualsTo` (older Kestra) are read as `equalTo`/`notEqualTo`. */
function normalizeOperators(value: unknown): void {
  if (!isPlainObject(value) || !Array.isArray(value.testCases)) return;
  for (const tc of value.testCases) {
    if (!isPlainObject(tc) || !Array.isArray(tc.assertions)) continue;
    for (const a of tc.assertions) {
      if (!isPlainObject(a)) continue;
      for (const [old, current] of Object.entries(OPERATOR_ALIASES)) {
        if (old in a && !(current in a)) { a[current] = a[old]; delete a[old]; }
      }
    }
  }
}

export const pointerToPath = (pointer: string): SuitePath =>
  pointer.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));

export const pathText = (path: SuitePath): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

const FIXTURE_STATE_PATH = /^testCases\[\d+\]\.fixtures\.tasks\[\d+\]\.state$/;

function schemaMessage(e: { message: string; schema: unknown; value: unknown; type: number }, place: string): string {
  if (FIXTURE_STATE_PATH.test(place) && (STATE_TYPES as readonly unknown[]).includes(e.value)) {
    return `state '${String(e.value)}' never ends the mocked task run, so its execution could not end: `
      + `a task fixture's state must be one of ${FIXTURE_STATES.join(', ')}`;
  }
  const schema = e.schema as { anyOf?: { const?: unknown }[]; pattern?: string; minItems?: number; const?: unknown };
  if (schema.anyOf?.length && schema.anyOf.every((s) => s.const !== undefined)) {
    return `must be one of ${schema.anyOf.map((s) => s.const).join(', ')}, got '${String(e.value)}'`;
  }
  if (schema.const !== undefined) return `must be '${String(schema.const)}', got '${String(e.value)}'`;
  if (schema.pattern && typeof e.value === 'string') return `must match "${schema.pattern}", got '${e.value}'`;
  if (e.value === undefined) return 'is required';
  if (schema.minItems && Array.isArray(e.value)) return `must not be empty`;
  if (e.message === 'Unexpected property') return 'unknown property';
  return e.message.charAt(0).toLowerCase() + e.message.slice(1);
}

/** Parses one suite document. Never throws. */
export function parseSuite(source: string): SuiteParse {
  if (typeof source !== 'string' || source.trim() === '') {
    return { ok: false, problems: [{ path: '', message: 'The test suite definition is empty.', line: 1 }], lineOf: noLines };
  }
  const counter = new (yaml().LineCounter)();
  let doc: Document;
  try {
    doc = yaml().parseDocument(source, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `The test suite is not valid YAML: ${(err as Error).message}`, line: 0 }], lineOf: noLines };
  }
  const lineOf = linesOf(doc, counter);
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line ?? counter.linePos(yamlError.pos[0]).line;
    return { ok: false, problems: [{ path: '', message: `The test suite is not valid YAML: ${yamlError.message.split('\n')[0]}`, line }], lineOf };
  }
  if (yaml().isAlias(doc.contents)) return { ok: false, problems: [{ path: '', message: 'A test suite must be a YAML map', line: 1 }], lineOf };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `The test suite is not valid YAML: ${(err as Error).message}`, line: 0 }], lineOf };
  }
  if (!isPlainObject(value)) return { ok: false, problems: [{ path: '', message: 'A test suite must be a YAML map with id, namespace, flowId and testCases', line: 1 }], lineOf };
  normalizeOperators(value);
  const problems: SuiteProblem[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(TestSuite, value)) {
    const path = pointerToPath(e.path);
    const key = pathText(path);
    if (seen.has(key)) continue; // one message per place
    seen.add(key);
    problems.push({ path: key, message: schemaMessage(e as never, key), line: lineOf(path) });
  }
  if (Array.isArray(value.testCases)) {
    const ids = new Set<string>();
    value.testCases.forEach((tc, i) => {
      if (!isPlainObject(tc)) return;
      if (typeof tc.id === 'string') {
        if (ids.has(tc.id)) problems.push({ path: `testCases[${i}].id`, message: `duplicate test case id '${tc.id}'`, line: lineOf(['testCases', i, 'id']) });
        ids.add(tc.id);
      }
      if (!Array.isArray(tc.assertions)) return;
      tc.assertions.forEach((a, j) => {
        if (isPlainObject(a) && !OPERATORS.some((op) => a[op] !== undefined && a[op] !== null)) {
          problems.push({
            path: `testCases[${i}].assertions[${j}]`, line: lineOf(['testCases', i, 'assertions', j]),
            message: `no assertions found: an assertion needs one of ${OPERATORS.join(', ')}`,
          });
        }
      });
    });
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line), lineOf, partial: value };
  return { ok: true, suite: value as TestSuite, lineOf };
}
