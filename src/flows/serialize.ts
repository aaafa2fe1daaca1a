// How a stored flow revision is returned: `Flow` (no source) or `FlowWithSource`, with the
// server-managed keys (revision, disabled, deleted) in Kestra's positions. Serialised strings
// are cached on the record because GET /flows/{ns}/{id} is the hottest read of CI clients.

import type { Flow } from './model.ts';
import type { FlowRecord } from './store.ts';

/** A revision as the API returns it: the whole flow, with its source on request. */
export type FlowView = Flow & { source?: string };

export function flowView(r: FlowRecord, withSource: boolean): FlowView {
  const { id: _id, namespace: _ns, ...rest } = r.flow;
  const view: FlowView = { id: r.id, namespace: r.namespace, revision: r.revision, ...rest, disabled: r.disabled, deleted: r.deleted };
  if (withSource) view.source = r.source;
  return view;
}

export function flowJson(r: FlowRecord, withSource: boolean): string {
  if (withSource) return (r.jsonWithSource ??= JSON.stringify(flowView(r, true)));
  return (r.json ??= JSON.stringify(flowView(r, false)));
}

/** Joins already-serialised items into a JSON array without re-serialising them. */
export function jsonArray(items: string[]): string {
  return `[${items.join(',')}]`;
}

