// String filters (Pebble core + Kestra's string helpers).
import type { FilterDef } from '../callables.ts';
import { EvalError } from '../errors.ts';
import { toJavaString } from '../print.ts';
import { isMap, isNumber, num } from '../values.ts';

/** Null-safe string view of a filter input (Pebble filters mostly return null on null). */
const str = (v: unknown): string => toJavaString(v);
const nullSafe = (fn: (s: string, args: unknown[]) => unknown) => (v: unknown, args: unknown[]) =>
  v === null || v === undefined ? null : fn(str(v), args);

function intArg(v: unknown, name: string): number {
  if (!isNumber(v)) throw new EvalError(`The argument '${name}' must be a number`);
  return Math.trunc(num(v));
}

/** Java String.split with a literal delimiter: trailing empty strings dropped when limit is 0. */
export function javaSplit(s: string, delim: string, limit = 0): string[] {
  if (s === '') return [''];
  let parts: string[];
  if (delim === '') parts = [...s];
  else {
    parts = [];
    let from = 0;
    for (;;) {
      if (limit > 0 && parts.length === limit - 1) break;
      const i = s.indexOf(delim, from);
      if (i < 0) break;
      parts.push(s.slice(from, i));
      from = i + delim.length;
    }
    parts.push(s.slice(from));
  }
  if (limit === 0) while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Applies fn to every string inside maps/lists (Kestra's replace/escapeChar recurse). */
function deepStrings(v: unknown, fn: (s: string) => string): unknown {
  if (typeof v === 'string') return fn(v);
  if (Array.isArray(v)) return v.map((x) => deepStrings(x, fn));
  if (isMap(v)) {
    const out: Record<string, unknown> = {};
    for (const k in v) out[k] = deepStrings(v[k], fn);
    return out;
  }
  return v === null || v === undefined ? v : fn(str(v));
}

/** Java regex replacement: `$1` groups work the same, `\$` is a literal dollar. */
function javaReplacement(r: string): string {
  return r.replace(/\\\$/g, '$$$$');
}

function slugify(s: string): string {
  return s
    .replace(/\s+/g, '-')
    .normalize('NFD')
    .replace(/[^\w-]/g, '')
    .replace(/_/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

function urlencode(s: string): string {
  // java.net.URLEncoder: space -> '+', keeps only [A-Za-z0-9.*_-]
  return encodeURIComponent(s)
    .replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

function indentLines(s: string, pad: string): string {
  return s.replace(/\r\n|\n|\r/g, (nl) => nl + pad);
}

export const STRING_FILTERS: Record<string, FilterDef> = {
  upper: { fn: nullSafe((s) => s.toUpperCase()) },
  lower: { fn: nullSafe((s) => s.toLowerCase()) },
  trim: { fn: nullSafe((s) => s.trim()) },
  capitalize: { fn: nullSafe((s) => (s ? s[0]!.toUpperCase() + s.slice(1) : s)) },
  title: {
    fn: nullSafe((s) => s.replace(/(^|\s)(\S+)/g, (_m, sp: string, w: string) => sp + w[0]!.toUpperCase() + w.slice(1).toLowerCase())),
  },
  abbreviate: {
    args: ['length'],
    fn: nullSafe((s, [len]) => {
      const max = intArg(len, 'length');
      if (s.length <= max) return s;
      return max < 3 ? s.slice(0, max) : s.slice(0, max - 3) + '...';
    }),
  },
  split: {
    args: ['delimiter', 'limit'],
    fn: nullSafe((s, [d, l]) => javaSplit(s, str(d), l === undefined || l === null ? 0 : intArg(l, 'limit'))),
  },
  replace: {
    args: ['replace_pairs', 'regexp'],
    fn: (v, [pairs, regexp]) => {
      if (!isMap(pairs)) throw new EvalError("The argument 'replace_pairs' must be a map");
      const entries = Object.entries(pairs).map(([k, r]) => [k, str(r)] as const);
      return deepStrings(v, (s) => {
        for (const [from, to] of entries) {
          s = regexp === true
            ? s.replace(new RegExp(from, 'g'), javaReplacement(to))
            : s.split(from).join(to);
        }
        return s;
      });
    },
  },
  slugify: { fn: nullSafe(slugify) },
  substringBefore: { args: ['separator'], fn: nullSafe((s, [sep]) => { const i = s.indexOf(str(sep)); return i < 0 ? s : s.slice(0, i); }) },
  substringAfter: { args: ['separator'], fn: nullSafe((s, [sep]) => { const i = s.indexOf(str(sep)); return i < 0 ? '' : s.slice(i + str(sep).length); }) },
  substringBeforeLast: { args: ['separator'], fn: nullSafe((s, [sep]) => { const p = str(sep); const i = s.lastIndexOf(p); return i < 0 || !p ? s : s.slice(0, i); }) },
  substringAfterLast: { args: ['separator'], fn: nullSafe((s, [sep]) => { const p = str(sep); const i = s.lastIndexOf(p); return i < 0 || !p || i === s.length - p.length ? '' : s.slice(i + p.length); }) },
  startsWith: { args: ['value'], fn: (v, [p]) => v !== null && v !== undefined && str(v).startsWith(str(p)) },
  endsWith: { args: ['value'], fn: (v, [p]) => v !== null && v !== undefined && str(v).endsWith(str(p)) },
  escapeChar: {
    args: ['type'],
    fn: (v, [type]) => {
      const t = str(type).toLowerCase();
      const fn = t === 'single' ? (s: string) => s.replace(/'/g, "\\'")
        : t === 'double' ? (s: string) => s.replace(/"/g, '\\"')
        : t === 'shell' ? (s: string) => s.replace(/'/g, "'\\''")
        : null;
      if (!fn) throw new EvalError(`Invalid type '${str(type)}', must be one of: single, double, shell`);
      return deepStrings(v, fn);
    },
  },
  indent: { args: ['amount', 'prefix'], fn: nullSafe((s, [n, p]) => indentLines(s, (p === undefined || p === null ? ' ' : str(p)).repeat(intArg(n, 'amount')))) },
  nindent: {
    args: ['amount', 'prefix'],
    fn: nullSafe((s, [n, p]) => {
      const pad = (p === undefined || p === null ? ' ' : str(p)).repeat(intArg(n, 'amount'));
      return '\n' + pad + indentLines(s, pad);
    }),
  },
  urlencode: { fn: nullSafe(urlencode) },
  urldecode: { fn: nullSafe((s) => decodeURIComponent(s.replace(/\+/g, ' '))) },
  base64encode: { fn: nullSafe((s) => Buffer.from(s, 'utf8').toString('base64')) },
  base64decode: { fn: nullSafe((s) => Buffer.from(s, 'base64').toString('utf8')) },
};
