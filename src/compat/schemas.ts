// Reads the response schemas of Kestra 2.0 (openapi-2.0-responses.json, generated from the
// official description by scripts/compat-2.0-data.ts): `$ref`s followed, `allOf` merged, so the
// shaper sees one flat object description per schema with the names it was reached through.

import DATA from './openapi-2.0-responses.json';

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  type?: string;
  required?: string[];
  nullable?: boolean;
}

/** One object or array description after `$ref`/`allOf` resolution. */
export interface Resolved {
  /** component names met on the way (`ExecutionController.ExecutionResponse`, `Execution`) */
  names: string[];
  properties: Record<string, Schema>;
  additional: boolean | Schema | undefined;
  items?: Schema;
  /** `oneOf`/`anyOf` or no description: the value is left as it is */
  open: boolean;
}

const data = DATA as unknown as { operations: Record<string, Record<string, Record<string, Schema>>>; schemas: Record<string, Schema> };

const resolvedCache = new WeakMap<Schema, Resolved>();

export function resolve(schema: Schema): Resolved {
  const hit = resolvedCache.get(schema);
  if (hit) return hit;
  const out: Resolved = { names: [], properties: {}, additional: undefined, open: false };
  const visit = (s: Schema) => {
    if (s.$ref) {
      const name = s.$ref.slice('#/components/schemas/'.length);
      out.names.push(name);
      const target = data.schemas[name];
      if (target) visit(target);
      return;
    }
    if (s.oneOf || s.anyOf) out.open = true;
    for (const part of s.allOf ?? []) visit(part);
    Object.assign(out.properties, s.properties);
    if (s.additionalProperties !== undefined) out.additional = s.additionalProperties;
    if (s.items) out.items = s.items;
  };
  visit(schema);
  resolvedCache.set(schema, out);
  return out;
}

/** The declared schema of one response (`GET /api/v1/{tenant}/executions/{executionId}`, 200, JSON). */
export function responseSchema(operation: string, status: number, contentType: 'application/json' | 'text/event-stream'): Schema | undefined {
  const byType = data.operations[operation]?.[String(status)];
  if (!byType) return undefined;
  return contentType === 'text/event-stream' ? byType['text/event-stream'] : byType['application/json'] ?? byType['text/json'];
}

/** `Event_Execution_` → the schema of its `data`. */
export function eventDataSchema(event: Schema): Schema | undefined {
  return resolve(event).properties.data;
}
