// io.kestra.plugin.core.execution.Labels (engine-contract §3.13): `labels` is a map, a list of
// {key, value}, or a string rendering to a JSON object. Keys and values are rendered; system
// labels (`system.*`) are refused; the result is merged over the execution's labels (same key
// replaced in place, new keys appended) and handed to the engine.

import type { Label } from '../../flows/model.ts';
import { toJavaString } from '../../expressions/index.ts';
import { TaskError, type RunContext, type RunnableTask } from '../types.ts';
import { renderString } from './render-props.ts';
import { isPlainObject } from '../../shared/guards.ts';

const SYSTEM_PREFIX = 'system.';

function labelValue(ctx: RunContext, value: unknown): string {
  if (typeof value === 'string') return ctx.render(value);
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : toJavaString(value);
}

function fromMap(ctx: RunContext, map: Record<string, unknown>): Label[] {
  return Object.entries(map).map(([k, v]) => ({ key: ctx.render(k), value: labelValue(ctx, v) }));
}

function fromString(ctx: RunContext, text: string): Label[] {
  const rendered = ctx.renderTyped(text);
  let parsed: unknown = rendered;
  if (typeof rendered === 'string') {
    try {
      parsed = JSON.parse(rendered);
    } catch {
      throw new TaskError(`Unable to parse labels, a JSON object is expected: ${rendered}`);
    }
  }
  if (!isPlainObject(parsed)) throw new TaskError(`Unable to parse labels, a JSON object is expected: ${typeof rendered === 'string' ? rendered : JSON.stringify(rendered)}`);
  // the values come out of an expression: they are data now, not templates
  return Object.entries(parsed).map(([key, v]) => ({ key, value: typeof v === 'string' ? v : labelValue(ctx, v) }));
}

function fromList(ctx: RunContext, list: unknown[]): Label[] {
  return list.map((item) => {
    if (!isPlainObject(item) || item.key === undefined) throw new TaskError('Each label of the list must have a `key` and a `value`');
    return { key: renderString(ctx, item.key) ?? '', value: labelValue(ctx, item.value) };
  });
}

export function mergeLabels(existing: readonly Label[], updates: readonly Label[]): Label[] {
  const merged = existing.map((l) => ({ ...l }));
  for (const update of updates) {
    const same = merged.find((l) => l.key === update.key);
    if (same) same.value = update.value;
    else merged.push({ ...update });
  }
  return merged;
}

export const labelsTask: RunnableTask = {
  run(ctx) {
    const raw = ctx.task.labels;
    let labels: Label[];
    if (typeof raw === 'string') labels = fromString(ctx, raw);
    else if (Array.isArray(raw)) labels = fromList(ctx, raw);
    else if (isPlainObject(raw)) labels = fromMap(ctx, raw);
    else throw new TaskError(`Unknown value type: ${raw === undefined || raw === null ? 'null' : typeof raw}`);
    for (const l of labels) {
      if (l.key.startsWith(SYSTEM_PREFIX)) {
        throw new TaskError(`System labels can only be set by Kestra itself, offending label: ${l.key}=${l.value}`);
      }
    }
    ctx.setExecutionLabels(mergeLabels(ctx.execution.labels, labels));
  },
};
