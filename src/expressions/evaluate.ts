// Expression evaluator: a plain switch over the AST (fast enough for >1M simple renders/s).
import type { Args, Expr } from './syntax/ast.ts';
import { callMethod, getAttribute } from './attributes.ts';
import { EvalError, TemplateError, UndefinedError } from './errors.ts';
import { FILTERS } from './filters/index.ts';
import { FUNCTIONS } from './functions/index.ts';
import { arithmetic, compare, contains, isIn, range, toBoolean } from './operators.ts';
import { toJavaString } from './print.ts';
import { callMacro } from './render-nodes.ts';
import { bindArgs, type Runtime } from './runtime.ts';
import { MISSING, evaluateSoft } from './soft-lookup.ts';
import { TESTS } from './tests.ts';
import { javaEquals } from './values.ts';

export function evaluate(e: Expr, rt: Runtime): unknown {
  switch (e.k) {
    case 'lit':
      return e.v;
    case 'var':
      return rt.lookup(e.name, e.line);
    case 'attr': {
      const obj = evaluate(e.obj, rt);
      const key = e.key.k === 'lit' ? e.key.v : evaluate(e.key, rt);
      if (e.call) {
        const args = e.call.pos.map((a) => evaluate(a, rt));
        return guard(() => callMethod(obj, String(key), args, e.line), e.line);
      }
      return getAttribute(obj, key, e.line, e.obj.k === 'var' ? e.obj.name : null);
    }
    case 'list':
      return e.items.map((i) => evaluate(i, rt));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of e.entries) out[toJavaString(evaluate(k, rt))] = evaluate(v, rt);
      return out;
    }
    case 'interp': {
      let s = '';
      for (const p of e.parts) s += toJavaString(evaluate(p, rt));
      return rt.budget.size(s, 1);
    }
    case 'unary': {
      const v = evaluate(e.e, rt);
      if (e.op === 'not') return !guard(() => toBoolean(v, 'not operator'), e.line);
      return guard(() => arithmetic('*', e.op === '-' ? -1 : 1, v), e.line);
    }
    case 'ternary': {
      const c = evaluate(e.c, rt);
      const taken = c !== null && c !== undefined && guard(() => toBoolean(c, 'ternary operator'), e.line);
      return evaluate(taken ? e.a : e.b, rt);
    }
    case 'bin':
      return rt.budget.size(binary(e.op, e.l, e.r, e.line, rt), e.line);
    case 'filter':
      return rt.budget.size(applyFilter(e.name, e.input, e.args, e.line, rt), e.line);
    case 'test': {
      // `defined` is the one test that must see an undefined path without failing
      if (e.name === 'defined') return (evaluateSoft(e.input, rt) !== MISSING) !== e.negate;
      const input = evaluate(e.input, rt);
      const def = TESTS[e.name]!;
      const args = evalArgs(def.args, e.args, rt, `test ${e.name}`);
      const r = guard(() => def.fn(input, args, rt), e.line);
      return e.negate ? !r : r;
    }
    case 'call':
      return rt.budget.size(callFunction(e.name, e.args, e.line, rt), e.line);
  }
}

function binary(op: string, l: Expr, r: Expr, line: number, rt: Runtime): unknown {
  switch (op) {
    case 'or': {
      if (guard(() => toBoolean(evaluate(l, rt), 'or operator'), line)) return true;
      return guard(() => toBoolean(evaluate(r, rt), 'or operator'), line);
    }
    case 'and': {
      if (!guard(() => toBoolean(evaluate(l, rt), 'and operator'), line)) return false;
      return guard(() => toBoolean(evaluate(r, rt), 'and operator'), line);
    }
    case '??': {
      const v = evaluateSoft(l, rt);
      return v === MISSING || v === null || v === undefined ? evaluate(r, rt) : v;
    }
    case '???': {
      const v = evaluateSoft(l, rt);
      return v === MISSING ? evaluate(r, rt) : v;
    }
  }
  const a = evaluate(l, rt);
  const b = evaluate(r, rt);
  switch (op) {
    case '==': return javaEquals(a, b);
    case '!=': return !javaEquals(a, b);
    case '~': return toJavaString(a) + toJavaString(b);
    case 'contains': return guard(() => contains(a, b), line);
    case 'in': return isIn(a, b);
    case 'not in': return !isIn(a, b);
    case '..': return guard(() => range(a, b), line);
    case '<': case '<=': case '>': case '>=': return guard(() => compare(op, a, b), line);
    default: return guard(() => arithmetic(op, a, b), line);
  }
}

function applyFilter(name: string, inputExpr: Expr, args: Args, line: number, rt: Runtime): unknown {
  const def = FILTERS[name]!;
  let input: unknown;
  if (name === 'default') {
    // default() also catches undefined variables/attributes despite strict mode
    const v = evaluateSoft(inputExpr, rt);
    input = v === MISSING ? null : v;
  } else input = evaluate(inputExpr, rt);
  const values = evalArgs(def.args, args, rt, `filter ${name}`);
  return guard(() => def.fn(input, values, rt), line);
}

function callFunction(name: string, args: Args, line: number, rt: Runtime): unknown {
  const def = FUNCTIONS[name];
  if (def) {
    const values = evalArgs(def.args, args, rt, `function ${name}`);
    return guard(() => def.fn(values, rt), line);
  }
  const macro = rt.tpl.macros.get(name);
  if (macro) return callMacro(macro, args.pos.map((a) => evaluate(a, rt)), rt);
  throw new TemplateError(`Function or Macro [${name}] does not exist.`, line);
}

export function evalArgs(names: readonly string[] | undefined, args: Args, rt: Runtime, what: string): unknown[] {
  if (args.pos.length === 0 && !args.named) return [];
  return bindArgs(names, args, (i) => evaluate(args.pos[i]!, rt), (i) => evaluate(args.named![i]![1], rt), what);
}

/** Runs a builtin and gives plain errors the line number; engine errors pass through. */
export function guard<T>(fn: () => T, line: number): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof UndefinedError || err instanceof TemplateError) throw err;
    if (err instanceof EvalError || err instanceof Error) throw new TemplateError(err.message, line);
    throw new TemplateError(String(err), line);
  }
}
