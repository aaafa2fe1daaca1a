// Phase 1 (Jackson-like binding) of one property value against its TypeBox schema: type
// mismatches, unknown enum constants, unknown keys of strict objects. Child tasks, conditions,
// inputs, labels and nested plugins are handed back to the caller through hooks.

import { type Chain, LIST_CLASS, MAP_CLASS, BindFailure, fail, ref, mismatch, enumMismatch, checkKnownKeys } from './jackson.ts';
import { isPlainObject } from '../../shared/guards.ts';
import { isIsoDuration } from '../../shared/time/durations.ts';

export interface BindHooks {
  task(value: unknown, chain: Chain, property: string): void;
  condition(value: unknown, chain: Chain): void;
  input(value: unknown, chain: Chain, property: string): void;
  labels(value: unknown, chain: Chain): void;
  plugin(value: unknown, chain: Chain): void;
}

type S = Record<string, any>;

export const isExpression = (value: unknown): boolean =>
  typeof value === 'string' && (value.includes('{{') || value.includes('{%'));

function enumValues(schema: S): string[] | undefined {
  const branches = schema.anyOf as S[] | undefined;
  if (!branches || !branches.every((b) => typeof b.const === 'string')) return undefined;
  return branches.map((b) => b.const as string);
}

export function javaTypeOf(schema: S): string {
  if (schema.$javaType) return schema.$javaType;
  if (schema.$tasks) return 'java.util.List<io.kestra.core.models.tasks.Task>';
  switch (schema.type) {
    case 'string': return schema.format === 'duration' ? 'java.time.Duration' : 'java.lang.String';
    case 'integer': return 'java.lang.Integer';
    case 'number': return 'java.lang.Double';
    case 'boolean': return 'java.lang.Boolean';
    case 'array': return 'java.util.List';
    case 'object': return 'java.util.Map';
    default: return 'java.lang.Object';
  }
}

function listOf(value: unknown, schema: S, chain: Chain): unknown[] {
  if (!Array.isArray(value)) fail(chain, mismatch(javaTypeOf(schema), value));
  return value;
}

/** Checks `value` (already known to be present) against `schema`; throws BindFailure on the first error. */
export function bindValue(value: unknown, schema: S, chain: Chain, property: string, hooks: BindHooks): void {
  if (value === null || value === undefined) return;
  if (schema.$tasks) {
    if (schema.$dynamic && isExpression(value)) return;
    listOf(value, schema, chain).forEach((t, i) => hooks.task(t, ref(chain, LIST_CLASS, i), property));
    return;
  }
  if (schema.$dagTasks) {
    listOf(value, schema, chain).forEach((entry, i) => {
      const at = ref(chain, LIST_CLASS, i);
      const cls = 'io.kestra.plugin.core.flow.Dag$DagTask';
      if (!isPlainObject(entry)) fail(at, mismatch(cls, entry));
      checkKnownKeys(entry, ['task', 'dependsOn'], cls, at);
      if (entry.task !== undefined && entry.task !== null) hooks.task(entry.task, ref(at, cls, 'task'), property);
      if (entry.dependsOn !== undefined && entry.dependsOn !== null) {
        listOf(entry.dependsOn, { type: 'array' } as S, ref(at, cls, 'dependsOn')).forEach((d, j) => {
          if (isPlainObject(d) || Array.isArray(d)) fail(ref(ref(at, cls, 'dependsOn'), LIST_CLASS, j), mismatch('java.lang.String', d));
        });
      }
    });
    return;
  }
  if (schema.$casesTasks) {
    if (!isPlainObject(value)) fail(chain, mismatch('java.util.Map<java.lang.String, java.util.List<io.kestra.core.models.tasks.Task>>', value));
    for (const [key, list] of Object.entries(value)) {
      if (list === null || list === undefined) continue;
      const at = ref(chain, MAP_CLASS, key);
      listOf(list, { type: 'array', $tasks: true } as S, at).forEach((t, i) => hooks.task(t, ref(at, LIST_CLASS, i), property));
    }
    return;
  }
  if (schema.$conditions) {
    if (schema.type === 'object') {
      if (!isPlainObject(value)) fail(chain, mismatch('java.util.Map<java.lang.String, io.kestra.core.models.conditions.Condition>', value));
      for (const [key, c] of Object.entries(value)) hooks.condition(c, ref(chain, MAP_CLASS, key));
    } else {
      listOf(value, { $javaType: 'java.util.List<io.kestra.core.models.conditions.Condition>' } as S, chain)
        .forEach((c, i) => hooks.condition(c, ref(chain, LIST_CLASS, i)));
    }
    return;
  }
  if (schema.$inputs) {
    listOf(value, schema, chain).forEach((inp, i) => hooks.input(inp, ref(chain, LIST_CLASS, i), property));
    return;
  }
  if (schema.$labels) return hooks.labels(value, chain);
  if (schema.$plugin) return hooks.plugin(value, chain);
  if (schema.$dynamic && isExpression(value)) return;

  const values = enumValues(schema);
  if (values) {
    if (typeof value === 'string' && values.includes(value)) return;
    fail(chain, enumMismatch(schema.$javaType ?? 'java.lang.Enum', value, values));
  }
  if (Array.isArray(schema.anyOf)) {
    for (const branch of schema.anyOf as S[]) {
      try {
        bindValue(value, { ...branch, $dynamic: branch.$dynamic ?? schema.$dynamic }, chain, property, hooks);
        return;
      } catch (err) {
        if (!(err instanceof BindFailure)) throw err;
      }
    }
    fail(chain, mismatch(schema.$javaType ?? 'java.lang.Object', value));
  }
  if (typeof schema.const === 'string') {
    if (String(value) !== schema.const) fail(chain, enumMismatch(schema.$javaType ?? 'java.lang.Enum', value, [schema.const]));
    return;
  }
  switch (schema.type) {
    case 'string':
      if (isPlainObject(value) || Array.isArray(value)) fail(chain, mismatch(javaTypeOf(schema), value));
      if (schema.format === 'duration' && !schema.$dynamic && typeof value === 'string' && !isIsoDuration(value)) {
        fail(chain, `Cannot deserialize value of type \`java.time.Duration\` from String ${JSON.stringify(value)}: Text cannot be parsed to a Duration`);
      }
      return;
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return;
      if (typeof value === 'string' && /^[-+]?\d+$/.test(value.trim())) return;
      fail(chain, mismatch(javaTypeOf(schema), value));
    case 'number':
      if (typeof value === 'number') return;
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return;
      fail(chain, mismatch(javaTypeOf(schema), value));
    case 'boolean':
      if (typeof value === 'boolean') return;
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return;
      if (typeof value === 'number' && (value === 0 || value === 1)) return;
      if (typeof value === 'string') {
        fail(chain, `Cannot deserialize value of type \`java.lang.Boolean\` from String ${JSON.stringify(value)}: only "true" or "false" recognized`);
      }
      fail(chain, mismatch('java.lang.Boolean', value));
    case 'array': {
      if (!Array.isArray(value)) {
        if (schema.$dynamic && typeof value === 'string') return;
        fail(chain, mismatch(javaTypeOf(schema), value));
      }
      const items = schema.items as S | undefined;
      if (items) value.forEach((v, i) => bindValue(v, items, ref(chain, LIST_CLASS, i), property, hooks));
      return;
    }
    case 'object': {
      if (!isPlainObject(value)) {
        if (schema.$dynamic && typeof value === 'string') return;
        fail(chain, mismatch(javaTypeOf(schema), value));
      }
      const patterns = schema.patternProperties as Record<string, S> | undefined;
      if (patterns) {
        const inner = Object.values(patterns)[0];
        if (inner) for (const [k, v] of Object.entries(value)) bindValue(v, inner, ref(chain, MAP_CLASS, k), property, hooks);
        return;
      }
      const props = (schema.properties ?? {}) as Record<string, S>;
      const cls = schema.$javaType ?? 'java.lang.Object';
      if (schema.additionalProperties === false) checkKnownKeys(value, Object.keys(props), cls, chain);
      for (const [k, v] of Object.entries(value)) {
        const sub = props[k];
        if (sub) bindValue(v, sub, ref(chain, cls, k), property, hooks);
      }
      return;
    }
    default:
      return;
  }
}
