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
  if (r.draft) (view as FlowView & { draft?: boolean }).draft = true; // 2.0's flag, written only when set (0.21 shape unchanged)
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


const CSV_COLUMNS = ['id', 'namespace', 'revision', 'description', 'labels', 'disabled'] as const;

const csvCell = (v: unknown): string => {
  const s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** GET /flows/export/by-query/csv: a header line, then one line per flow (RFC 4180 quoting). */
export function flowsCsv(records: FlowRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of records) {
    const view = flowView(r, false) as Record<string, unknown>;
    lines.push(CSV_COLUMNS.map((c) => csvCell(view[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
