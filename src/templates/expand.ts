// Inlining templates into a flow document before it is planned, as Kestra's executor does
// (`Template.injectTemplate`): every `io.kestra.plugin.core.flow.Template` task (or its alias)
// receives the template's `tasks`, `errors` and `finally`, keeping its own id, namespace,
// templateId and args. Template tasks inside templates are inlined too. A template that cannot be
// found (or that includes itself) is left as it is: the engine then fails that task with Kestra's
// "Can't find flow template 'namespace.id'". Pure: the input document is not modified.

import type { TemplateLookup } from './model.ts';

export const TEMPLATE_TASK = 'io.kestra.plugin.core.flow.Template';
const TEMPLATE_TYPES = new Set([TEMPLATE_TASK, 'io.kestra.core.tasks.flows.Template']);

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when the document contains at least one Template task (cheap check before planning). */
export function includesTemplates(flow: Obj): boolean {
  let found = false;
  JSON.stringify(flow, (_k, v) => {
    if (isObj(v) && typeof v.type === 'string' && TEMPLATE_TYPES.has(v.type)) found = true;
    return found ? undefined : v;
  });
  return found;
}

function expandValue(value: unknown, find: TemplateLookup, chain: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => expandValue(v, find, chain));
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) out[k] = expandValue(v, find, chain);
  if (typeof out.type !== 'string' || !TEMPLATE_TYPES.has(out.type) || typeof out.id !== 'string') return out;
  const key = `${String(out.namespace)}.${String(out.templateId)}`;
  const template = chain.includes(key) ? undefined : find(String(out.namespace), String(out.templateId));
  if (!template) return out;
  const inner = [...chain, key];
  out.tasks = expandValue(template.tasks, find, inner);
  // the template's error and finally branches replace the task's own, as in Kestra
  if (template.errors) out.errors = expandValue(template.errors, find, inner);
  else delete out.errors;
  if (template.finally) out.finally = expandValue(template.finally, find, inner);
  else delete out.finally;
  return out;
}

/** The flow with every resolvable Template task carrying its template's task lists. */
export function expandTemplates<T extends object>(flow: T, find: TemplateLookup): T {
  if (!includesTemplates(flow as Obj)) return flow;
  return expandValue(flow, find, []) as T;
}
