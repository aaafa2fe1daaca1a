// `is` tests. `defined` is handled by the evaluator because it must see undefined paths.
import type { TestDef } from './callables.ts';
import { EvalError } from './errors.ts';
import { isMap, isNumber, javaEquals, num } from './values.ts';

/** Pebble's EmptyTest: null, blank string, empty collection or map. */
export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim().length === 0;
  if (Array.isArray(v)) return v.length === 0;
  if (isMap(v)) return Object.keys(v).length === 0;
  return false;
}

function integral(v: unknown, test: string): number {
  if (v === null || v === undefined) throw new EvalError(`Can not pass null value to "${test}" test.`);
  if (!isNumber(v)) throw new EvalError(`Test "${test}" can only be used with numbers.`);
  return Math.trunc(num(v));
}

export const TESTS: Record<string, TestDef> = {
  defined: { fn: () => true },
  null: { fn: (v) => v === null || v === undefined },
  empty: { fn: (v) => isEmptyValue(v) },
  even: { fn: (v) => integral(v, 'even') % 2 === 0 },
  odd: { fn: (v) => Math.abs(integral(v, 'odd') % 2) === 1 },
  iterable: { fn: (v) => Array.isArray(v) },
  map: { fn: (v) => isMap(v) },
  equalTo: { args: ['value'], fn: (v, [o]) => javaEquals(v, o) },
  // Kestra: a string that parses as JSON
  json: {
    fn: (v) => {
      if (typeof v !== 'string') return false;
      try {
        JSON.parse(v);
        return true;
      } catch {
        return false;
      }
    },
  },
};
