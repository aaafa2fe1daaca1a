// The admin API's documents (GET/POST bodies under /_kestra-lite/), one TypeBox schema each: the
// schema is the type and the validator. Objects refuse unknown fields so that a typo
// (`"delay": 100`) is a 422 rather than a fault that silently never applies.

import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { invalidEntity, type ErrorItem } from '../shared/errors.ts';

const strict = { additionalProperties: false } as const;
const Times = Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'how many matching calls or attempts the fault answers (default 1)' });
const DelayMs = Type.Integer({ minimum: 0, maximum: 600_000 });

export type ClockMode = 'system' | 'fake';
export const ClockView = Type.Object({ now: Type.String(), mode: Type.Union([Type.Literal('system'), Type.Literal('fake')]) });
export type ClockView = Static<typeof ClockView>;

/** POST /clock/advance: exactly one of them */
export const ClockAdvance = Type.Object({
  ms: Type.Optional(Type.Integer({ minimum: 0 })),
  duration: Type.Optional(Type.String({ description: 'ISO-8601 duration such as P1D or PT90M' })),
}, strict);
export type ClockAdvance = Static<typeof ClockAdvance>;

/** POST /clock/set */
export const ClockSet = Type.Object({ now: Type.Union([Type.String(), Type.Integer({ minimum: 0 })]) }, strict);
export type ClockSet = Static<typeof ClockSet>;

/** An HTTP fault: the next `times` requests matching method + path get this answer. */
export const HttpFaultSpec = Type.Object({
  method: Type.Optional(Type.String({ minLength: 1, description: "GET, POST, ... or '*' (default)" })),
  path: Type.String({ minLength: 1, description: "a path pattern: '*' matches within a segment, '**' anything" }),
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  body: Type.Optional(Type.Unknown()),
  headers: Type.Optional(Type.Record(Type.String(), Type.String())),
  delayMs: Type.Optional(DelayMs),
  times: Type.Optional(Times),
}, strict);
export type HttpFaultSpec = Static<typeof HttpFaultSpec>;

/** A task fault: the next `times` attempts of matching task runs fail, hang or wait first. */
export const TaskFaultSpec = Type.Object({
  taskId: Type.Optional(Type.String({ minLength: 1 })),
  taskType: Type.Optional(Type.String({ minLength: 1 })),
  namespace: Type.Optional(Type.String({ minLength: 1 })),
  flowId: Type.Optional(Type.String({ minLength: 1 })),
  fail: Type.Optional(Type.Union([Type.Boolean(), Type.String({ minLength: 1 })])),
  timeout: Type.Optional(Type.Boolean()),
  delayMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 })),
  times: Type.Optional(Times),
}, strict);
export type TaskFaultSpec = Static<typeof TaskFaultSpec>;

export const FaultKind = Type.Union([Type.Literal('http'), Type.Literal('task')]);
export type FaultKind = Static<typeof FaultKind>;

/** One fault as GET /faults lists it: its spec, an id and the calls it still answers. */
export type FaultView = { id: string; kind: FaultKind; remaining: number } & (HttpFaultSpec | TaskFaultSpec);

/** One request of the journal. */
export const JournalEntry = Type.Object({
  /** runtime clock time the request arrived */
  timestamp: Type.String(),
  method: Type.String(),
  /** the path the client sent (tenant included) */
  path: Type.String(),
  query: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
  status: Type.Integer(),
  durationMs: Type.Number(),
  headers: Type.Record(Type.String(), Type.String()),
  /** the request body, secrets masked, truncated; null when none */
  body: Type.Union([Type.String(), Type.Null()]),
  /** the id of the fault that answered, when one did */
  fault: Type.Optional(Type.String()),
});
export type JournalEntry = Static<typeof JournalEntry>;

/** Validates a parsed body against an object schema; the first problems become one 422. */
export function check<S extends TSchema>(schema: S, value: unknown, what: string): Static<S> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidEntity([{ path: what, message: 'must be a JSON object' }]);
  }
  if (Value.Check(schema, value)) return value as Static<S>;
  const known = (schema as { properties?: Record<string, unknown> }).properties ?? {};
  const items: ErrorItem[] = Object.keys(value).filter((k) => !(k in known)).map((k) => ({ path: `${what}.${k}`, message: 'unknown field' }));
  for (const e of Value.Errors(schema, value)) {
    const field = e.path.split('/')[1];
    if (items.length >= 5 || !field || !(field in known)) continue;
    items.push({ path: `${what}${e.path.replace(/\//g, '.')}`, message: e.message });
  }
  if (!items.length) items.push({ path: what, message: 'is not valid' });
  throw invalidEntity(items);
}
