// Template statement execution: text, prints, if/for/set, filter blocks, blocks and macros.
import type { Macro, Node } from './syntax/ast.ts';
import { TemplateError } from './errors.ts';
import { evalArgs, evaluate, guard } from './evaluate.ts';
import { FILTERS } from './filters/index.ts';
import { toBoolean } from './operators.ts';
import { printValue, toJavaString } from './print.ts';
import type { Runtime } from './runtime.ts';
import { isMap } from './values.ts';

export function renderNodes(nodes: Node[], rt: Runtime): string {
  let out = '';
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    switch (n.k) {
      case 'text':
        out += n.v;
        break;
      case 'print':
        out += printValue(evaluate(n.e, rt));
        rt.budget.size(out, n.line);
        break;
      case 'if':
        out += renderIf(n, rt);
        break;
      case 'for':
        out += renderFor(n, rt);
        rt.budget.size(out, n.line);
        break;
      case 'set':
        rt.assign(n.name, evaluate(n.e, rt));
        break;
      case 'filterblock': {
        let v: unknown = renderNodes(n.body, rt);
        for (const f of n.filters) {
          const def = FILTERS[f.name]!;
          const args = evalArgs(def.args, f.args, rt, `filter ${f.name}`);
          const input = v;
          v = guard(() => def.fn(input, args, rt), f.line);
        }
        out += printValue(v);
        break;
      }
      case 'block':
        out += renderNodes(n.body, rt);
        break;
      case 'macro':
        break;
    }
  }
  return out;
}

function renderIf(n: Extract<Node, { k: 'if' }>, rt: Runtime): string {
  for (const [cond, body] of n.branches) {
    const v = evaluate(cond, rt);
    if (v === null || v === undefined) {
      throw new TemplateError('null value given to if statement and strict variables is set to true', n.line);
    }
    if (guard(() => toBoolean(v, '"if" statement'), n.line)) return renderNodes(body, rt);
  }
  return n.otherwise ? renderNodes(n.otherwise, rt) : '';
}

function toIterable(v: unknown, line: number): unknown[] {
  if (Array.isArray(v)) return v;
  // iterating a map yields its entries, read as entry.key / entry.value
  if (isMap(v)) return Object.keys(v).map((key) => ({ key, value: v[key] }));
  throw new TemplateError(`Not an iterable object. Value = [${toJavaString(v)}]`, line);
}

function renderFor(n: Extract<Node, { k: 'for' }>, rt: Runtime): string {
  const value = evaluate(n.iter, rt);
  if (value === null || value === undefined) return '';
  const items = toIterable(value, n.line);
  if (items.length === 0) return n.otherwise ? renderNodes(n.otherwise, rt) : '';
  const scope = new Map<string, unknown>();
  rt.scopes.push(scope);
  let out = '';
  try {
    const length = items.length;
    for (let index = 0; index < length; index++) {
      // a fresh loop map per iteration: a `set x = loop` must not see later mutations
      scope.set('loop', { index, revindex: length - index - 1, first: index === 0, last: index === length - 1, length });
      scope.set(n.name, items[index]);
      rt.budget.tick(n.line);
      out += renderNodes(n.body, rt);
      rt.budget.size(out, n.line);
    }
  } finally {
    rt.scopes.pop();
  }
  return out;
}

export function callMacro(macro: Macro, args: unknown[], rt: Runtime): string {
  rt.budget.tick(1); // recursion counts: a macro calling itself is a loop
  const scope = new Map<string, unknown>();
  macro.params.forEach(([name, def], i) => {
    scope.set(name, i < args.length ? args[i] : def ? evaluate(def, rt) : null);
  });
  // macros only see their own arguments (plus the global context), not the caller's locals
  const saved = rt.scopes;
  rt.scopes = [scope];
  try {
    return renderNodes(macro.body, rt);
  } finally {
    rt.scopes = saved;
  }
}
