// Typed rendering the storage/namespace/admin tasks need on top of render-props.ts: integers,
// lists (YAML list or a string rendering to one), dates, and the optional RunContext services
// (a task needing one the runner did not wire fails with a message naming it).

import { TaskError, type RunContext } from '../types.ts';
import { renderString } from './render-props.ts';

export function renderInt(ctx: RunContext, value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  const text = renderString(ctx, value)!.trim();
  if (text === '') return undefined;
  if (!/^[-+]?\d+$/.test(text)) {
    throw new TaskError(`Invalid value for property '${name}': cannot deserialize value of type \`java.lang.Integer\` from String ${JSON.stringify(text)}: not a valid \`java.lang.Integer\` value`);
  }
  return Number(text);
}

/** A YAML list (each element rendered) or a string rendering to a JSON array of strings. */
export function renderJsonList(ctx: RunContext, value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => renderString(ctx, v) ?? '');
  if (typeof value !== 'string') throw new TaskError(`Invalid \`${name}\` property: a list or a JSON string is expected`);
  const rendered = ctx.renderTyped(value);
  let parsed: unknown = rendered;
  if (typeof rendered === 'string') {
    try {
      parsed = JSON.parse(rendered);
    } catch {
      throw new TaskError(`Invalid \`${name}\` property: ${JSON.stringify(rendered)} is not a JSON list`);
    }
  }
  if (!Array.isArray(parsed)) throw new TaskError(`Invalid \`${name}\` property: ${JSON.stringify(parsed)} is not a JSON list`);
  return parsed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

/** A single string (one element) or a list of strings, each rendered. */
export function renderStringOrList(ctx: RunContext, value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => renderString(ctx, v) ?? '');
  if (typeof value === 'string') return [ctx.render(value)];
  throw new TaskError(`The ${name} property must be a string or a list of strings`);
}

/** An ISO-8601 date-time property → epoch ms. */
export function renderDate(ctx: RunContext, value: unknown, name: string): number | undefined {
  const text = renderString(ctx, value)?.trim();
  if (text === undefined || text === '') return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw new TaskError(`Invalid date for property '${name}': '${text}' is not an ISO-8601 date-time`);
  return ms;
}

/** The optional RunContext service a task needs; a clear task failure when it is not wired. */
export function requireService<T>(service: T | undefined, member: string, taskType: string): T {
  if (service === undefined || service === null) {
    throw new TaskError(`${taskType} is not available: this kestra-lite runner provides no '${member}' service to tasks`);
  }
  return service;
}
