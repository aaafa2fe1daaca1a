// Attribute access (`a.b`, `a['b']`, `list[0]`) with strict-variable semantics, plus the small
// whitelist of Java methods that flows actually call on values (`'abc'.length()`, `list.size()`).
import { EvalError, UndefinedError } from './errors.ts';
import { contains } from './operators.ts';
import { toJavaString } from './print.ts';
import { isMap, isNumber, javaEquals, num } from './values.ts';

const hasOwn = Object.prototype.hasOwnProperty;

export function getAttribute(obj: unknown, key: unknown, line: number, rootName: string | null): unknown {
  if (obj === null || obj === undefined) {
    // Pebble names the root variable when it is the null one, else the attribute
    throw new UndefinedError(rootName ?? String(key), line);
  }
  if (Array.isArray(obj)) {
    const idx = isNumber(key) ? num(key) : typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : NaN;
    if (Number.isInteger(idx) && idx >= 0 && idx < obj.length) {
      const v = obj[idx];
      return v === undefined ? null : v;
    }
    throw new UndefinedError(toJavaString(key), line);
  }
  if (typeof obj === 'object') {
    const k = typeof key === 'string' ? key : toJavaString(key);
    const v = hasOwn.call(obj, k) ? (obj as Record<string, unknown>)[k] : undefined;
    if (v === undefined) throw new UndefinedError(k, line);
    return v;
  }
  throw new UndefinedError(toJavaString(key), line);
}

function argNum(v: unknown): number {
  if (!isNumber(v)) throw new EvalError('method argument must be a number');
  return num(v);
}

/** Java methods on values; anything else is reported like a missing attribute. */
export function callMethod(obj: unknown, name: string, args: unknown[], line: number): unknown {
  if (typeof obj === 'string') {
    switch (name) {
      case 'length': return obj.length;
      case 'isEmpty': return obj.length === 0;
      case 'isBlank': return obj.trim().length === 0;
      case 'toUpperCase': return obj.toUpperCase();
      case 'toLowerCase': return obj.toLowerCase();
      case 'trim': case 'strip': return obj.trim();
      case 'contains': return obj.includes(toJavaString(args[0]));
      case 'startsWith': return obj.startsWith(toJavaString(args[0]));
      case 'endsWith': return obj.endsWith(toJavaString(args[0]));
      case 'indexOf': return obj.indexOf(toJavaString(args[0]));
      case 'lastIndexOf': return obj.lastIndexOf(toJavaString(args[0]));
      case 'substring': return args.length > 1 ? obj.substring(argNum(args[0]), argNum(args[1])) : obj.substring(argNum(args[0]));
      case 'charAt': return obj.charAt(argNum(args[0]));
      case 'replace': return obj.split(toJavaString(args[0])).join(toJavaString(args[1]));
      case 'split': return obj.split(new RegExp(toJavaString(args[0])));
      case 'equals': return obj === args[0];
      case 'equalsIgnoreCase': return typeof args[0] === 'string' && obj.toLowerCase() === args[0].toLowerCase();
      case 'toString': return obj;
      case 'concat': return obj + toJavaString(args[0]);
    }
  } else if (Array.isArray(obj)) {
    switch (name) {
      case 'size': return obj.length;
      case 'isEmpty': return obj.length === 0;
      case 'get': return getAttribute(obj, args[0], line, null);
      case 'contains': return contains(obj, args[0]);
      case 'indexOf': return obj.findIndex((x) => javaEquals(x, args[0]));
      case 'toString': return toJavaString(obj);
    }
  } else if (isMap(obj)) {
    switch (name) {
      case 'size': return Object.keys(obj).length;
      case 'isEmpty': return Object.keys(obj).length === 0;
      case 'get': return hasOwn.call(obj, String(args[0])) ? obj[String(args[0])] : null;
      case 'containsKey': return hasOwn.call(obj, String(args[0]));
      case 'keySet': return Object.keys(obj);
      case 'values': return Object.values(obj);
      case 'toString': return toJavaString(obj);
    }
  } else if (obj !== null && obj !== undefined && name === 'toString') {
    return toJavaString(obj);
  }
  throw new UndefinedError(name, line);
}
