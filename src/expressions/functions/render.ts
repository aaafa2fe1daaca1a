// render()/renderOnce(): render a string (or every string inside a map/list) again with the
// variables visible at the call site. Recursive mode stops when the output is stable.
import { EvalError } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import { isMap } from '../values.ts';

const MAX_RENDERING_AMOUNT = 100;

function renderString(s: string, rt: Runtime, recursive: boolean): string {
  const vars = rt.allVariables();
  let current = s;
  for (let i = 0; ; i++) {
    if (i > MAX_RENDERING_AMOUNT) throw new EvalError('Too many rendering attempts');
    const next = rt.engine.renderString(current, vars);
    if (!recursive || next === current) return next;
    current = next;
  }
}

export function renderValue(v: unknown, rt: Runtime, recursive: boolean): unknown {
  if (typeof v === 'string') return renderString(v, rt, recursive);
  if (Array.isArray(v)) return v.map((x) => renderValue(x, rt, recursive));
  if (isMap(v)) {
    const out: Record<string, unknown> = {};
    for (const k in v) out[renderString(k, rt, recursive)] = renderValue(v[k], rt, recursive);
    return out;
  }
  return v;
}
