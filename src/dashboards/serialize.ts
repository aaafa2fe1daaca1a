// Dashboard JSON (api-contract §2.12) and chart CSV exports. Shapes live here only, so a
// version mode can slim them in one place.

import { isoDuration } from '../shared/time/durations.ts';
import { instantText } from './codec.ts';
import type { StoredDashboard } from './store.ts';

export function dashboardJson(d: StoredDashboard): Record<string, unknown> {
  const doc = d.dashboard;
  const out: Record<string, unknown> = {};
  // the open-source tenant is implicit, as in the execution JSON
  if (d.tenant !== 'main') out.tenantId = d.tenant;
  out.id = d.id;
  out.title = doc.title;
  if (doc.description !== undefined) out.description = doc.description;
  out.timeWindow = { default: isoDuration(doc.timeWindow.defaultMs), max: isoDuration(doc.timeWindow.maxMs) };
  out.charts = doc.charts.map((c) => c.raw);
  out.deleted = false;
  out.created = instantText(d.created);
  out.updated = instantText(d.updated);
  out.sourceCode = d.source;
  return out;
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with CRLF line ends; the header lists every key in first-seen order. */
export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  const keys = [...columns];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  if (!keys.length) return '';
  return [keys.map(cell).join(','), ...rows.map((r) => keys.map((k) => cell(r[k])).join(','))].map((l) => `${l}\r\n`).join('');
}
