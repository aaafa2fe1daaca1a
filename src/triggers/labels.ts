// Labels of executions created by triggers (Kestra's LabelService.fromTrigger): the flow's own
// non-system labels are added by the execution service; here each trigger (or backfill) label is
// rendered on its own, a label that fails to render is omitted with a WARN instead of failing the
// whole execution, and `system.*` labels are dropped (only Kestra sets those; a trigger or a
// backfill cannot). Kestra adds no `system.backfill` or `system.correlationId` label here.

import type { Label } from '../flows/model.ts';

/** `{key: value}` maps and `[{key, value}]` lists, as flows write them */
function entries(value: unknown): [string, unknown][] {
  if (Array.isArray(value)) return value.filter((l) => l && typeof l === 'object').map((l) => [String(l.key), l.value]);
  if (value && typeof value === 'object') return Object.entries(value);
  return [];
}

export function renderTriggerLabels(value: unknown, render: (template: string) => string, warn: (message: string) => void): Label[] {
  const out: Label[] = [];
  for (const [key, raw] of entries(value)) {
    if (key.startsWith('system.')) continue;
    if (raw === null || raw === undefined) continue;
    try {
      out.push({ key, value: typeof raw === 'string' ? render(raw) : String(raw) });
    } catch {
      warn(`Failed to render label '${key}', it will be omitted`);
    }
  }
  return out;
}
