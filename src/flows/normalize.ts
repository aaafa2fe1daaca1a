// From a bound document to the stored flow shape (api-contract §2.2): labels as a list,
// inputs keyed by `id` with `required` defaulted, `taskDefaults` mirrored into `pluginDefaults`,
// `disabled`/`deleted` present, no `revision`.
import { isPlainObject } from '../shared/guards.ts';
import type { Flow, Label } from './model.ts';

const scalarText = (v: unknown): string => (typeof v === 'string' ? v : String(v));

export function normalizeLabels(labels: unknown): Label[] | unknown {
  if (isPlainObject(labels)) return Object.entries(labels).map(([key, value]) => ({ key, value: scalarText(value) }));
  if (Array.isArray(labels)) {
    return labels.map((l) => {
      if (!isPlainObject(l)) return l;
      const out: Record<string, unknown> = { ...l };
      if (out.key !== null && out.key !== undefined) out.key = scalarText(out.key);
      if (out.value !== null && out.value !== undefined) out.value = scalarText(out.value);
      return out;
    });
  }
  return labels;
}

function normalizeInput(input: unknown): unknown {
  if (!isPlainObject(input)) return input;
  const out: Record<string, unknown> = {};
  const hasId = input.id !== undefined && input.id !== null;
  for (const [k, v] of Object.entries(input)) {
    if (k === 'name') {
      if (!hasId) out.id = v;
      continue;
    }
    out[k] = v;
  }
  if (out.required === undefined || out.required === null) out.required = true;
  return out;
}

export function normalizeFlow(raw: Record<string, unknown>): Flow {
  const flow: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(structuredClone(raw))) {
    if (value === null || value === undefined || key === 'revision') continue;
    flow[key] = value;
  }
  for (const key of ['id', 'namespace', 'description'] as const) {
    const v = flow[key];
    if (typeof v === 'number' || typeof v === 'boolean') flow[key] = String(v);
  }
  if (flow.labels !== undefined) flow.labels = normalizeLabels(flow.labels);
  if (Array.isArray(flow.inputs)) flow.inputs = flow.inputs.map(normalizeInput);
  if (flow.taskDefaults !== undefined && flow.pluginDefaults === undefined) flow.pluginDefaults = structuredClone(flow.taskDefaults);
  if (typeof flow.disabled === 'string') flow.disabled = flow.disabled.toLowerCase() === 'true';
  if (typeof flow.deleted === 'string') flow.deleted = flow.deleted.toLowerCase() === 'true';
  if (flow.disabled === undefined) flow.disabled = false;
  if (flow.deleted === undefined) flow.deleted = false;
  // the one place the document gets its type: the binder (phase 1) has checked every key and value
  return flow as Flow;
}
