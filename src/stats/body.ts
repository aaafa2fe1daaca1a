// Stats request bodies (JSON objects, every field optional). A value of the wrong type is what
// Jackson reports as a mapping failure: 422 "Invalid json mapping" with the offending path.

import { readJson } from '../http/body.ts';
import { isLogLevel, type LogLevel } from '../logs/model.ts';
import { isStateType, type StateType } from '../executions/state.ts';
import { ApiError } from '../shared/errors.ts';

export class JsonMappingError extends ApiError {
  constructor(path: string, message: string) {
    super('INVALID_JSON', message, [{ path, message }]);
    this.message = 'Invalid json mapping';
  }
}

export type Body = Record<string, unknown>;

/** An absent body reads as `{}`: every stats field is optional. */
export async function readBody(request: Request): Promise<Body> {
  const value = await readJson(request);
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new JsonMappingError('', 'The request body must be a JSON object');
  return value as Body;
}

const present = (v: unknown) => v !== undefined && v !== null;

export function str(body: Body, name: string): string | undefined {
  const v = body[name];
  if (!present(v)) return undefined;
  if (typeof v !== 'string') throw new JsonMappingError(name, `Cannot read ${JSON.stringify(v)} as a string`);
  return v === '' ? undefined : v;
}

export function bool(body: Body, name: string): boolean {
  const v = body[name];
  if (!present(v)) return false;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new JsonMappingError(name, `Cannot read ${JSON.stringify(v)} as a boolean`);
}

function list(body: Body, name: string): unknown[] {
  const v = body[name];
  if (!present(v)) return [];
  if (!Array.isArray(v)) throw new JsonMappingError(name, `Cannot read ${JSON.stringify(v)} as an array`);
  return v;
}

export function states(body: Body, name = 'state'): StateType[] | undefined {
  const out = list(body, name).map((v, i) => {
    if (!isStateType(v)) throw new JsonMappingError(`${name}[${i}]`, `Unknown State.Type value ${JSON.stringify(v)}`);
    return v;
  });
  return out.length ? out : undefined;
}

/** `scope`: a single value filters, both (or none) do not. */
export function scope(body: Body): 'USER' | 'SYSTEM' | undefined {
  const values = new Set(list(body, 'scope').map((v, i) => {
    if (v !== 'USER' && v !== 'SYSTEM') throw new JsonMappingError(`scope[${i}]`, `Unknown FlowScope value ${JSON.stringify(v)}`);
    return v;
  }));
  return values.size === 1 ? [...values][0] : undefined;
}

export function logLevel(body: Body): LogLevel | undefined {
  const v = body.logLevel;
  if (!present(v)) return undefined;
  if (!isLogLevel(v)) throw new JsonMappingError('logLevel', `Unknown Level value ${JSON.stringify(v)}`);
  return v;
}

/** `[{namespace, id}]`; malformed items read as empty filters that match nothing (Kestra fails with a 500). */
export function flows(body: Body): { namespace: string; id: string }[] | undefined {
  const v = body.flows;
  if (!present(v)) return undefined;
  if (!Array.isArray(v)) throw new JsonMappingError('flows', `Cannot read ${JSON.stringify(v)} as an array`);
  return v.map((item) => {
    const f = (item && typeof item === 'object' ? item : {}) as { namespace?: unknown; id?: unknown };
    return { namespace: typeof f.namespace === 'string' ? f.namespace : '', id: typeof f.id === 'string' ? f.id : '' };
  });
}

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)(\[[^\]]+\])?$/;

/** ISO-8601 zoned date-time (an offset is required, a `[Zone]` suffix is ignored) or epoch seconds. */
export function date(body: Body, name: string): number | undefined {
  const v = body[name];
  if (!present(v)) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return Math.round(v * 1000);
  if (typeof v === 'string' && ZONED.test(v)) {
    let text = v.replace(/\[[^\]]+\]$/, '').replace(/([+-]\d{2})$/, '$1:00').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    // JS dates keep milliseconds: cut longer fractions instead of rejecting them
    text = text.replace(/(\.\d{3})\d+/, '$1');
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new JsonMappingError(name, `Cannot read ${JSON.stringify(v)} as a zoned date-time`);
}
