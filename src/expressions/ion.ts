// Amazon Ion text for the toIon filter / fromIon function (the JSON-compatible subset Kestra
// produces: structs, lists, strings, ints, floats, booleans, nulls).
import { EvalError } from './errors.ts';
import { javaDoubleToString } from './print.ts';
import { isDouble, isMap, num, type JavaDouble } from './values.ts';

const SYMBOL = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function toIon(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (isDouble(v)) return javaDoubleToString(num(v as number | JavaDouble)).replace('E', 'e').replace(/^([^e]*)$/, '$1e0');
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return '[' + v.map(toIon).join(',') + ']';
  if (isMap(v)) {
    return '{' + Object.entries(v).map(([k, x]) => (SYMBOL.test(k) ? k : `'${k.replace(/'/g, "\\'")}'`) + ':' + toIon(x)).join(',') + '}';
  }
  return JSON.stringify(String(v));
}

/** Parses Ion text by rewriting it to JSON: symbols to strings, Ion floats to numbers. */
export function fromIon(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = skipString(text, i, '"');
      out += text.slice(i, end);
      i = end;
    } else if (c === "'") {
      const end = skipString(text, i, "'");
      out += JSON.stringify(text.slice(i + 1, end - 1).replace(/\\'/g, "'"));
      i = end;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$.]*/.exec(text.slice(i))![0];
      out += m === 'true' || m === 'false' || m === 'null' ? m : m.startsWith('null.') ? 'null' : JSON.stringify(m);
      i += m.length;
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?[0-9_]+(\.[0-9_]*)?([eEdD][-+]?[0-9]+)?/.exec(text.slice(i))![0];
      out += m.replace(/_/g, '').replace(/[dD]/, 'e').replace(/\.(?=e|$)/, '.0');
      i += m.length;
    } else {
      out += c;
      i++;
    }
  }
  try {
    return JSON.parse(out);
  } catch (e) {
    throw new EvalError(`Invalid ion: ${(e as Error).message}`);
  }
}

function skipString(s: string, start: number, q: string): number {
  let i = start + 1;
  while (i < s.length && s[i] !== q) i += s[i] === '\\' ? 2 : 1;
  return i + 1;
}
