// Collection filters: first/last/join/length/merge/reverse/sort/slice/keys/values/flatten/distinct/chunk.
import type { FilterDef } from '../callables.ts';
import { EvalError } from '../errors.ts';
import { toJavaString } from '../print.ts';
import { isEmptyValue } from '../tests.ts';
import { isMap, isNumber, num } from '../values.ts';

function intArg(v: unknown, name: string): number {
  if (!isNumber(v)) throw new EvalError(`The argument '${name}' must be a number`);
  return Math.trunc(num(v));
}

/** Natural ordering for sort/rsort: numbers numerically, strings lexicographically. */
function compareNatural(a: unknown, b: unknown): number {
  if (isNumber(a) && isNumber(b)) return num(a) - num(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new EvalError('Unable to sort values that are not comparable with each other');
}

function sorted(v: unknown, desc: boolean): unknown {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) throw new EvalError('sort filter can only be applied to lists');
  const out = [...v].sort(compareNatural);
  return desc ? out.reverse() : out;
}

const valueOf = (v: unknown) => (v === null || v === undefined ? 'null' : toJavaString(v));

export const COLLECTION_FILTERS: Record<string, FilterDef> = {
  // the evaluator already turned an undefined input into null for default()
  default: { args: ['default'], fn: (v, [d]) => (isEmptyValue(v) ? d ?? null : v) },
  first: {
    fn: (v) => {
      if (typeof v === 'string') return v.length ? v[0] : null;
      if (Array.isArray(v)) return v.length ? v[0] : null;
      if (isMap(v)) { for (const k in v) return v[k]; return null; }
      return v ?? null;
    },
  },
  last: {
    fn: (v) => {
      if (typeof v === 'string') return v.length ? v[v.length - 1] : null;
      if (Array.isArray(v)) return v.length ? v[v.length - 1] : null;
      if (isMap(v)) { const ks = Object.keys(v); return ks.length ? v[ks[ks.length - 1]!] : null; }
      return v ?? null;
    },
  },
  join: {
    args: ['separator'],
    fn: (v, [sep]) => {
      if (v === null || v === undefined) return null;
      if (!Array.isArray(v)) throw new EvalError('join filter can only be applied to lists');
      return v.map(valueOf).join(sep === undefined || sep === null ? '' : toJavaString(sep));
    },
  },
  length: {
    fn: (v) => {
      if (v === null || v === undefined) return 0;
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      if (isMap(v)) return Object.keys(v).length;
      return 0;
    },
  },
  merge: {
    args: ['items'],
    fn: (v, [o]) => {
      if (Array.isArray(v)) return Array.isArray(o) ? [...v, ...o] : isMap(o) ? [...v, ...Object.keys(o)] : [...v, o];
      if (isMap(v)) {
        if (isMap(o)) return { ...v, ...o };
        throw new EvalError('The object being merged must be a map when the input is a map');
      }
      throw new EvalError('The input of merge must be a list or a map');
    },
  },
  reverse: {
    fn: (v) => {
      if (v === null || v === undefined) return null;
      if (typeof v === 'string') return [...v].reverse().join('');
      if (Array.isArray(v)) return [...v].reverse();
      throw new EvalError('reverse filter can only be applied to lists');
    },
  },
  sort: { fn: (v) => sorted(v, false) },
  rsort: { fn: (v) => sorted(v, true) },
  slice: {
    args: ['fromIndex', 'toIndex'],
    fn: (v, [f, t]) => {
      if (v === null || v === undefined) return null;
      if (typeof v !== 'string' && !Array.isArray(v)) throw new EvalError('Slice filter can only be applied to lists and strings');
      const from = f === undefined || f === null ? 0 : intArg(f, 'fromIndex');
      const to = t === undefined || t === null ? v.length : intArg(t, 'toIndex');
      if (from < 0) throw new EvalError(`fromIndex must be greater than 0`);
      if (to > v.length) throw new EvalError(`toIndex must be smaller than input size: ${v.length}`);
      if (from >= to) throw new EvalError(`toIndex must be greater than fromIndex`);
      return v.slice(from, to);
    },
  },
  keys: {
    fn: (v) => {
      if (v === null || v === undefined) return null;
      if (Array.isArray(v)) return v.map((_x, i) => i);
      if (isMap(v)) return Object.keys(v);
      throw new EvalError('keys filter can only be applied to maps and lists');
    },
  },
  values: {
    fn: (v) => {
      if (v === null || v === undefined) return null;
      if (isMap(v)) return Object.values(v);
      if (Array.isArray(v)) return v;
      throw new EvalError('values filter can only be applied to maps');
    },
  },
  flatten: {
    fn: (v) => {
      if (v === null || v === undefined) return null;
      if (!Array.isArray(v)) throw new EvalError('flatten filter can only be applied to lists');
      return v.flatMap((x) => (Array.isArray(x) ? x : [x]));
    },
  },
  distinct: {
    // Java's Stream.distinct(): first occurrence kept, equality by value and type (1 and '1' differ)
    fn: (v) => {
      if (v === null || v === undefined) return null;
      if (!Array.isArray(v)) throw new EvalError('distinct filter can only be applied to lists');
      const seen = new Set<string>();
      return v.filter((x) => {
        const key = `${typeof x}:${JSON.stringify(x)}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
  },
  chunk: {
    args: ['size'],
    fn: (v, [size]) => {
      if (v === null || v === undefined) return null;
      if (!Array.isArray(v)) throw new EvalError('chunk filter can only be applied to lists');
      const n = intArg(size, 'size');
      if (n <= 0) throw new EvalError('chunk size must be greater than 0');
      const out: unknown[][] = [];
      for (let i = 0; i < v.length; i += n) out.push(v.slice(i, i + n));
      return out;
    },
  },
};
