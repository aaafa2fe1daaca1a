// How a template is returned (api-contract §2.11): its properties in Kestra's order plus
// `deleted`; absent optional lists are omitted (null properties never appear).

import type { TemplateRecord } from './model.ts';

export function templateJson(r: TemplateRecord): Record<string, unknown> {
  const t = r.template;
  const out: Record<string, unknown> = { id: r.id, namespace: r.namespace };
  if (t.description !== undefined) out.description = t.description;
  out.tasks = t.tasks;
  if (t.errors !== undefined) out.errors = t.errors;
  if (t.finally !== undefined) out.finally = t.finally;
  out.deleted = r.deleted;
  return out;
}
