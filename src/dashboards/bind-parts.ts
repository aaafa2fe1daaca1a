// Binding helpers shared by the dashboard and chart binders: Jackson's reference chain, its
// messages for unknown properties and enum values, and the `where` filter lists.

import { FILTER_TYPES, type Filter, type FilterType } from './model.ts';
import type { SourceDef } from './sources.ts';

export type Chain = readonly string[];

/** The first deserialisation problem; `typeError` marks Kestra's "Invalid type: X" case. */
export class BindError extends Error {
  readonly path: string;
  constructor(chain: Chain, message: string, readonly typeError = false) {
    super(message);
    this.path = chain.join('->');
  }
}

export function ref(chain: Chain, cls: string, key: string | number): Chain {
  return [...chain, typeof key === 'number' ? `${cls}[${key}]` : `${cls}["${key}"]`];
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function knownKeys(value: Record<string, unknown>, keys: readonly string[], chain: Chain, cls: string): void {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      throw new BindError(ref(chain, cls, key), `Unrecognized field "${key}" (class ${cls}), not marked as ignorable`);
    }
  }
}

/** A string property: scalars are coerced as Jackson does, mappings and lists are a mismatch. */
export function str(value: unknown, chain: Chain): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') {
    const what = Array.isArray(value) ? 'Array value (token `JsonToken.START_ARRAY`)' : 'Object value (token `JsonToken.START_OBJECT`)';
    throw new BindError(chain, `Cannot deserialize value of type \`java.lang.String\` from ${what}`);
  }
  return String(value);
}

export function enumError(chain: Chain, cls: string, value: string, values: readonly string[]): BindError {
  const shown = JSON.stringify(value.length > 500 ? `${value.slice(0, 500)}...` : value);
  return new BindError(chain, `Cannot deserialize value of type \`${cls}\` from String ${shown}: not one of the values accepted for Enum class: [${values.join(', ')}]`);
}

const FILTER_CLASS = 'io.kestra.core.models.dashboards.filters.AbstractFilter';
const LIST = 'java.util.ArrayList';
const NO_VALUE: readonly FilterType[] = ['IS_NULL', 'IS_NOT_NULL', 'IS_TRUE', 'IS_FALSE'];
const MANY: readonly FilterType[] = ['IN', 'NOT_IN', 'OR'];

export function bindFilters(value: unknown, chain: Chain, source: SourceDef): Filter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new BindError(chain, `Cannot deserialize value of type \`${LIST}<${FILTER_CLASS}>\` from a non-array value`);
  return value.map((item, i) => bindFilter(item, ref(chain, LIST, i), source));
}

function bindFilter(value: unknown, chain: Chain, source: SourceDef): Filter {
  if (!isObject(value)) throw new BindError(chain, `Cannot construct instance of \`${FILTER_CLASS}\`: a filter must be a YAML mapping`);
  const type = str(value.type, ref(chain, FILTER_CLASS, 'type'));
  if (type === undefined) throw new BindError(chain, `Could not resolve subtype of [simple type, class ${FILTER_CLASS}]: missing type id property 'type'`);
  if (!(FILTER_TYPES as readonly string[]).includes(type)) {
    throw new BindError(chain, `Could not resolve type id '${type}' as a subtype of \`${FILTER_CLASS}\`: known type ids = [${FILTER_TYPES.join(', ')}]`);
  }
  const ft = type as FilterType;
  const allowed = ['type', 'field', 'labelKey', 'key', ...(NO_VALUE.includes(ft) ? [] : MANY.includes(ft) ? ['values'] : ['value'])];
  knownKeys(value, allowed, chain, FILTER_CLASS);
  const filter: Filter = { type: ft, field: str(value.field, ref(chain, FILTER_CLASS, 'field')) ?? '' };
  if (filter.field !== '' && !(filter.field in source.fields)) {
    throw enumError(ref(chain, FILTER_CLASS, 'field'), source.enumClass, filter.field, Object.keys(source.fields));
  }
  const labelKey = str(value.labelKey ?? value.key, ref(chain, FILTER_CLASS, 'labelKey'));
  if (labelKey !== undefined) filter.labelKey = labelKey;
  if (ft === 'OR') filter.values = bindFilters(value.values ?? [], ref(chain, FILTER_CLASS, 'values'), source);
  else if (MANY.includes(ft)) {
    const values = value.values;
    if (values !== undefined && values !== null && !Array.isArray(values)) {
      throw new BindError(ref(chain, FILTER_CLASS, 'values'), `Cannot deserialize value of type \`${LIST}<java.lang.Object>\` from a non-array value`);
    }
    filter.values = (values as unknown[] | undefined) ?? [];
  } else if (!NO_VALUE.includes(ft)) filter.value = value.value;
  return filter;
}
