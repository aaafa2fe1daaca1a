// Typed rendering of task properties, the way Kestra's Property<T> works: render the value as a
// string, then convert it with Jackson's rules (Boolean, Duration, enums). Conversion failures
// carry Jackson's wording because that is what Kestra users see in the task's ERROR log.

import { parseDurationMs } from '../../shared/time/durations.ts';
import { TaskError, type RunContext } from '../types.ts';
import { isPlainObject } from '../../shared/guards.ts';

/** Renders a scalar property to a string; undefined/null stay undefined (property not set). */
export function renderString(ctx: RunContext, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return ctx.render(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function renderRequired(ctx: RunContext, value: unknown, name: string): string {
  const out = renderString(ctx, value);
  if (out === undefined) throw new TaskError(`Missing required property '${name}'`);
  return out;
}

export function renderBool(ctx: RunContext, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  const text = renderString(ctx, value)!.trim();
  if (text === '') return fallback;
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  throw new TaskError(`Cannot deserialize value of type \`java.lang.Boolean\` from String ${JSON.stringify(text)}: only "true" or "false" recognized`);
}

/** Renders an ISO-8601 duration property to milliseconds; undefined when not set. */
export function renderDuration(ctx: RunContext, value: unknown): number | undefined {
  const text = renderString(ctx, value)?.trim();
  if (text === undefined || text === '') return undefined;
  const ms = parseDurationMs(text);
  if (ms === undefined) {
    throw new TaskError(
      `Cannot deserialize value of type \`java.time.Duration\` from String ${JSON.stringify(text)}: Failed to deserialize java.time.Duration: (java.time.format.DateTimeParseException) Text cannot be parsed to a Duration`,
    );
  }
  return ms;
}

export function renderEnum<T extends string>(ctx: RunContext, value: unknown, values: readonly T[], javaType: string): T | undefined {
  const text = renderString(ctx, value)?.trim();
  if (text === undefined || text === '') return undefined;
  if ((values as readonly string[]).includes(text)) return text as T;
  throw new TaskError(
    `Cannot deserialize value of type \`${javaType}\` from String ${JSON.stringify(text)}: not one of the values accepted for Enum class: [${values.join(', ')}]`,
  );
}

/** A map property (rendered deeply); a string is rendered and must give a JSON object. */
export function renderMap(ctx: RunContext, value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const rendered = ctx.renderTyped(value);
    const parsed = typeof rendered === 'string' ? parseJson(rendered) : rendered;
    if (isPlainObject(parsed)) return parsed;
    throw new TaskError(`Property '${name}' must be a map, got: ${typeof rendered === 'string' ? rendered : JSON.stringify(rendered)}`);
  }
  if (!isPlainObject(value)) throw new TaskError(`Property '${name}' must be a map`);
  return ctx.renderDeep(value);
}


function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
