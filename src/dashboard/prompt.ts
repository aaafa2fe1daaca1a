// The `x` prompt: one text field per flow input, showing its type and default. Blank fields are
// not sent, so the server applies the flow's own defaults exactly as a UI execution would.

import type { Input } from '../flows/model.ts';
import type { Prompt, PromptField } from './model.ts';

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function promptFor(flow: { tenant: string; namespace: string; id: string }, inputs: Input[] | undefined): Prompt {
  const fields: PromptField[] = (inputs ?? []).map((d) => {
    const type = d.type;
    const field: PromptField = { id: d.id, type, required: d.required !== false, value: '' };
    if (d.defaults !== undefined && d.defaults !== null) field.defaultText = text(d.defaults);
    if (Array.isArray(d.values)) field.choices = d.values.map(String);
    else if (type === 'BOOLEAN' || type === 'BOOL') field.choices = ['true', 'false'];
    return field;
  });
  return { tenant: flow.tenant, namespace: flow.namespace, flowId: flow.id, fields, index: 0 };
}

/** The inputs to send: only fields the user filled in. */
export function promptValues(p: Prompt): Map<string, string> {
  return new Map(p.fields.filter((f) => f.value !== '').map((f) => [f.id, f.value]));
}

/** Left/right on a field with choices cycles through them (blank = the default). */
export function cycleChoice(f: PromptField, delta: number): string {
  const options = ['', ...(f.choices ?? [])];
  const i = options.indexOf(f.value);
  return options[(Math.max(0, i) + delta + options.length) % options.length]!;
}

/** Fields that would be rejected: required, no default, left blank. */
export const missingFields = (p: Prompt) => p.fields.filter((f) => f.required && f.defaultText === undefined && f.value === '').map((f) => f.id);
