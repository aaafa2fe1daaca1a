// Non-throwing evaluation for the constructs that tolerate undefined values (`??`, `???`,
// `is defined`, `default`). Variable/attribute chains are resolved without exceptions, which
// keeps `inputs.missing ?? 'x'` fast; anything else falls back to try/catch.
import type { Expr } from './syntax/ast.ts';
import { UndefinedError } from './errors.ts';
import { evaluate } from './evaluate.ts';
import type { Runtime } from './runtime.ts';
import { isNumber, num } from './values.ts';

export const MISSING: unique symbol = Symbol('missing');
const hasOwn = Object.prototype.hasOwnProperty;

function lookupVar(name: string, rt: Runtime): unknown {
  for (let i = rt.scopes.length - 1; i >= 0; i--) {
    const s = rt.scopes[i]!;
    if (s.has(name)) return s.get(name);
  }
  const v = hasOwn.call(rt.root, name) ? rt.root[name] : undefined;
  return v === undefined ? MISSING : v;
}

export function evaluateSoft(e: Expr, rt: Runtime): unknown {
  if (e.k === 'var') return lookupVar(e.name, rt);
  if (e.k === 'attr' && !e.call && e.key.k === 'lit') {
    const obj = evaluateSoft(e.obj, rt);
    if (obj === MISSING || obj === null || obj === undefined) return MISSING;
    const key = e.key.v;
    if (Array.isArray(obj)) {
      const idx = isNumber(key) ? num(key) : Number(key);
      return Number.isInteger(idx) && idx >= 0 && idx < obj.length ? obj[idx] ?? null : MISSING;
    }
    if (typeof obj !== 'object') return MISSING;
    const k = String(key);
    const v = hasOwn.call(obj, k) ? (obj as Record<string, unknown>)[k] : undefined;
    return v === undefined ? MISSING : v;
  }
  try {
    return evaluate(e, rt);
  } catch (err) {
    if (err instanceof UndefinedError) return MISSING;
    throw err;
  }
}
