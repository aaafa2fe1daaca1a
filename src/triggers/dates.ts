// ScheduleOnDates `dates` are dynamic in Kestra: the whole list may be one expression (rendering
// to a JSON array or to one date), or single items may be expressions. The scheduler sees a copy
// of the trigger with plain dates, rendered once per flow revision (the definition objects of a
// revision never change, so a WeakMap on them is the cache). Rendering fails loudly: a date the
// scheduler cannot read would otherwise silently never fire.

import type { ExpressionEngine } from '../expressions/index.ts';
import { SCHEDULE_ON_DATES } from './model.ts';
import type { TriggerDef } from './slots.ts';

export interface DateRenderDeps {
  expressions(tenant: string): ExpressionEngine;
  envs: Record<string, string>;
  globals: Record<string, unknown>;
}

const hasExpression = (v: unknown) => typeof v === 'string' && v.includes('{{');

/** The rendered items: a JSON array result is spread, anything else is one date. */
function spread(rendered: string): string[] {
  const text = rendered.trim();
  if (text.startsWith('[')) {
    try {
      const list: unknown = JSON.parse(text);
      if (Array.isArray(list)) return list.map(String);
    } catch { /* not JSON: one value */ }
  }
  return [text];
}

export function createDateResolver(deps: DateRenderDeps) {
  const cache = new WeakMap<object, TriggerDef>();
  return function resolve(tenant: string, flow: { namespace: string; id: string; revision: number }, def: TriggerDef, type: string): TriggerDef {
    if (type !== SCHEDULE_ON_DATES) return def;
    const items = Array.isArray(def.dates) ? def.dates : [def.dates];
    if (!items.some(hasExpression)) return Array.isArray(def.dates) ? def : { ...def, dates: items };
    const hit = cache.get(def);
    if (hit) return hit;
    const variables = { flow: { id: flow.id, namespace: flow.namespace, revision: flow.revision }, envs: deps.envs, globals: deps.globals };
    const ex = deps.expressions(tenant);
    const dates = items.flatMap((item) => (hasExpression(item) ? spread(ex.render(String(item), variables)) : [String(item)]));
    const resolved = { ...def, dates };
    cache.set(def, resolved);
    return resolved;
  };
}

export type DateResolver = ReturnType<typeof createDateResolver>;
