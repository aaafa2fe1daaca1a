// Reads an OpenAPI 3.0 document the way a generated client does, and validates responses against
// the schemas it declares with ajv (already the project's JSON-schema validator, a dev dependency).
// OpenAPI 3.0 is not JSON Schema: `nullable` becomes `anyOf [schema, null]`, `$ref`s point into one
// registered document, the OpenAPI-only formats are declared, and the few SPEC_QUIRKS of Kestra's
// generated description (properties no server writes) are relaxed, each with its reason.

import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface Parameter { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema }
export type Schema = Record<string, any>;
export interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  requestTypes: string[];
  /** status → content type → schema (undefined: no body declared) */
  responses: Record<string, Record<string, Schema | undefined>>;
}

export interface OpenApiDoc { operations: Operation[]; schemas: Record<string, Schema> }

export function loadDocument(file: string): OpenApiDoc {
  const doc = parse(readFileSync(join(import.meta.dir, file), 'utf8')) as { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      const responses: Operation['responses'] = {};
      for (const [status, r] of Object.entries<any>(op.responses ?? {})) {
        responses[status] = Object.fromEntries(Object.entries<any>(r.content ?? {}).map(([type, c]) => [type, c.schema]));
      }
      operations.push({
        method: method.toUpperCase(), path, operationId: op.operationId, parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])],
        requestTypes: Object.keys(op.requestBody?.content ?? {}), responses,
      });
    }
  }
  return { operations, schemas: doc.components.schemas };
}

/**
 * Properties the generated description requires that Kestra never writes: Jackson getters
 * exported by the SDK generator as extra required properties (`State.getDuration` next to
 * `State.duration`). A generated client reads them as optional in practice (they are readOnly).
 */
const GETTER = /^get[A-Z]/;

/**
 * Required properties that a flow document does not have unless its author wrote them: Kestra
 * writes flows as their source has them, and the trigger condition `when` (new in 2.0) is optional
 * in practice (a trigger without it always runs).
 */
const OPTIONAL_IN_DOCUMENTS: Record<string, string[]> = { AbstractTrigger: ['when'] };

/**
 * A bare `{type: object}` is how the generator writes a Java `Object` (a map value, a KV value, an
 * input value): any JSON value, a string or a number included.
 */
const isJavaObject = (s: Record<string, unknown>) => s.type === 'object' && Object.keys(s).every((k) => ['type', 'nullable', 'description', 'title', 'readOnly'].includes(k));

/** OpenAPI 3.0 schema → JSON Schema (draft 7, as ajv takes it). */
export function toJsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (typeof s !== 'object' || s === null) return s;
  if (isJavaObject(s as Record<string, unknown>)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '$ref' && typeof v === 'string') out.$ref = v.replace('#/components/schemas/', 'kestra#/components/schemas/');
    else if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as object).map(([p, x]) => [p, toJsonSchema(x)]));
    else if (k === 'required' && Array.isArray(v)) out.required = v.filter((n: string) => !GETTER.test(n));
    // the generator's `oneOf` alternatives overlap (a Property is a value or an expression string)
    else if (k === 'oneOf') out.anyOf = toJsonSchema(v);
    // OpenAPI 3.0's boolean exclusive bounds are draft 7's numeric ones
    else if ((k === 'exclusiveMinimum' || k === 'exclusiveMaximum') && typeof v === 'boolean') {
      if (v) out[k] = (s as Schema)[k === 'exclusiveMinimum' ? 'minimum' : 'maximum'];
    }
    else if (k !== 'nullable' && k !== 'example' && k !== 'xml' && k !== 'discriminator') out[k] = toJsonSchema(v);
  }
  return (s as Schema).nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

export function createValidator(schemas: Record<string, Schema>): (schema: Schema) => ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const f of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']) ajv.addFormat(f, true);
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i);
  ajv.addFormat('date', /^\d{4}-\d\d-\d\d$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addFormat('duration', /^-?P(?!$)(\d+(\.\d+)?[YMWD])*(T(?=\d)(\d+(\.\d+)?[HMS])*)?$/);
  // `Property_X_` describes a dynamic property: written as its value or as an expression string
  const relaxed = Object.fromEntries(Object.entries(schemas).map(([n, s]) => {
    if (n.startsWith('Property_')) return [n, {}];
    const optional = OPTIONAL_IN_DOCUMENTS[n];
    return [n, toJsonSchema(optional ? { ...s, required: (s.required ?? []).filter((r: string) => !optional.includes(r)) } : s)];
  }));
  ajv.addSchema({ $id: 'kestra', components: { schemas: relaxed } });
  const cache = new Map<Schema, ValidateFunction>();
  return (schema) => {
    let v = cache.get(schema);
    if (!v) cache.set(schema, (v = ajv.compile(toJsonSchema(schema) as object)));
    return v;
  };
}

/** ajv's errors in one line each: `/results/0/state: must have required property 'current'`. */
export const describeErrors = (v: ValidateFunction) =>
  (v.errors ?? []).slice(0, 6).map((e) => `${e.instancePath || '/'}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`).join('; ');
