// Evaluates one assertion against a finished execution with Kestra's semantics (Assertion.java):
// `value` is rendered (an expression renders to a string; a literal keeps its type), each
// operator gives one result, equality is Java's `equals` (200 ≠ "200"), the number operators
// parse the actual value as a Double, and the default failure messages are Kestra's, word for word.

import type { Assertion, AssertionResult, AssertionRunError, Operator } from './model.ts';
import { OPERATORS } from './model.ts';

export type Render = (value: unknown) => unknown;

/** Java's String.valueOf for what Jackson gives: lists `[a, b]`, maps `{k=v}`, null `null`. */
export function javaString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(javaString).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}=${javaString(x)}`).join(', ')}}`;
  return String(v);
}

/** Java's Double.toString for the common cases: 5 → "5.0". */
export const javaDouble = (n: number): string => (Number.isInteger(n) && Math.abs(n) < 1e7 ? `${n}.0` : String(n));

/** Java equals over Jackson values: same type and value, lists and maps element-wise. */
export function javaEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => javaEquals(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a as object), kb = Object.keys(b as object);
    return ka.length === kb.length && ka.every((k) => javaEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

class EvaluationError extends Error {}

function toDouble(x: unknown): number {
  const n = typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN;
  if (Number.isNaN(n)) throw new EvaluationError('Could not parse value as a Double');
  return n;
}

function asString(x: unknown, op: Operator): string {
  if (typeof x !== 'string') throw new EvaluationError(`class ${javaClass(x)} cannot be cast to class java.lang.String (operator ${op})`);
  return x;
}

const javaClass = (x: unknown) => x === null || x === undefined ? 'null' : Array.isArray(x) ? 'java.util.ArrayList'
  : typeof x === 'number' ? (Number.isInteger(x) ? 'java.lang.Integer' : 'java.lang.Double') : typeof x === 'boolean' ? 'java.lang.Boolean'
  : typeof x === 'object' ? 'java.util.LinkedHashMap' : 'java.lang.String';

function asList(x: unknown): string[] {
  if (Array.isArray(x)) return x.map((v) => (typeof v === 'string' ? v : javaString(v)));
  if (typeof x === 'string') {
    try { const parsed = JSON.parse(x); if (Array.isArray(parsed)) return asList(parsed); } catch { /* a single item */ }
    return [x];
  }
  return [javaString(x)];
}

function asBoolean(x: unknown): boolean {
  if (typeof x === 'boolean') return x;
  if (typeof x === 'string' && /^(true|false)$/i.test(x.trim())) return x.trim().toLowerCase() === 'true';
  throw new EvaluationError(`Cannot coerce '${javaString(x)}' to a Boolean`);
}

/** The value's source text as Kestra prints it in messages (`Property.toString()`). */
const query = (a: Assertion) => (typeof a.value === 'string' ? a.value : JSON.stringify(a.value));

export interface AssertionRun { results: AssertionResult[]; errors: AssertionRunError[] }

export function runAssertion(a: Assertion, render: Render): AssertionRun {
  try {
    return { results: evaluate(a, render), errors: [] };
  } catch (err) {
    return {
      results: [],
      errors: [{ message: `Could not evaluate assertion: \`${JSON.stringify(a)}\``, details: `error was: ${(err as Error).message}` }],
    };
  }
}

function evaluate(a: Assertion, render: Render): AssertionResult[] {
  const q = query(a);
  const actual = a.value === null || a.value === undefined ? null : render(a.value);
  const custom = a.errorMessage !== undefined ? String(render(a.errorMessage)) : undefined;
  const description = a.description !== undefined ? String(render(a.description)) : undefined;
  const results: AssertionResult[] = [];
  const push = (operator: Operator, expected: unknown, isSuccess: boolean, message: string) => {
    const r: AssertionResult = { operator, expected, actual: actual ?? null, isSuccess };
    if (a.taskId !== undefined) r.taskId = a.taskId;
    if (description !== undefined) r.description = description;
    if (!isSuccess) r.errorMessage = custom ?? message;
    results.push(r);
  };
  const was = javaString(actual);
  for (const op of OPERATORS) {
    const raw = a[op];
    if (raw === undefined || raw === null) continue;
    const expected = render(raw);
    switch (op) {
      case 'isNull': case 'isNotNull': {
        // Kestra reports the operator name as `expected` for these two
        const wantNull = op === 'isNull' ? asBoolean(expected) : !asBoolean(expected);
        const ok = wantNull === (actual === null);
        push(op, op, ok, wantNull ? `expected '${q}' to be null but was '${was}'` : `expected '${q}' to be not null but was 'null'`);
        break;
      }
      case 'endsWith': case 'startsWith': case 'contains': {
        const e = typeof expected === 'string' ? expected : javaString(expected);
        const s = asString(actual, op);
        const ok = op === 'endsWith' ? s.endsWith(e) : op === 'startsWith' ? s.startsWith(e) : s.includes(e);
        const verb = op === 'endsWith' ? 'end with' : op === 'startsWith' ? 'start with' : 'contain';
        push(op, e, ok, `expected '${q}' to ${verb} '${e}' but was '${was}'`);
        break;
      }
      case 'equalTo':
        push(op, expected, javaEquals(expected, actual), `expected '${q}' to equal '${javaString(expected)}' but was '${was}'`);
        break;
      case 'notEqualTo':
        push(op, expected, !javaEquals(expected, actual), `expected '${q}' to not equal '${javaString(expected)}'`);
        break;
      case 'greaterThan': case 'greaterThanOrEqualTo': case 'lessThan': case 'lessThanOrEqualTo': {
        const e = toDouble(expected);
        const n = toDouble(actual);
        const ok = op === 'greaterThan' ? n > e : op === 'greaterThanOrEqualTo' ? n >= e : op === 'lessThan' ? n < e : n <= e;
        const words = { greaterThan: 'be greater than', greaterThanOrEqualTo: 'be greater than or equal to', lessThan: 'be less than', lessThanOrEqualTo: 'be less than or equal to' }[op];
        push(op, e, ok, `expected '${q}' to ${words} '${javaDouble(e)}' but was '${was}'`);
        break;
      }
      case 'in': case 'notIn': {
        const list = asList(expected);
        if (!list.length) break; // Kestra skips an empty list
        const found = list.some((v) => javaEquals(v, actual));
        push(op, list, op === 'in' ? found : !found,
          `expected '${q}' to ${op === 'in' ? 'contain' : 'not contain'} '${javaString(list)}' but was '${was}'`);
        break;
      }
    }
  }
  if (!results.length) throw new EvaluationError('no assertions found');
  return results;
}
