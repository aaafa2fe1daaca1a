// Phase 1 binding of typed maps: tasks, triggers, conditions, task runners, retry policies.
// Core types are strict (unknown properties rejected); unknown non-core types keep any
// property, only their common properties are checked.

import type { PluginCatalog, PluginDef, PluginKind } from '../../plugins/catalog.ts';
import { TaskCommon, TriggerCommon, RETRY_TYPES, RETRY_PROPS, RETRY_CLASSES, Retry, WorkerGroup } from '../model.ts';
import { type Chain, BindFailure, fail, ref, mismatch, checkKnownKeys, chainPath, javaToString } from './jackson.ts';
import { isPlainObject } from '../../shared/guards.ts';
import { bindValue, type BindHooks } from './bind-value.ts';

/** Java FQCN-like type (Task.type / AbstractTrigger.type pattern), requiring a package. */
export const TYPE_PATTERN = /^[\p{L}_$][\p{L}\p{N}_$]*(\.[\p{L}_$][\p{L}\p{N}_$]*)+$/u;

/**
 * Whether an unknown, non-core type could be a real plugin class (run later from fixtures):
 * a package-qualified class name whose simple name is capitalised, outside Kestra's own
 * non-plugin packages (`io.kestra.invalid` is not a plugin).
 */
export function isPlausiblePluginType(type: string): boolean {
  if (!TYPE_PATTERN.test(type)) return false;
  if (type.startsWith('io.kestra.') && !type.startsWith('io.kestra.plugin.')) return false;
  const simple = type.slice(type.lastIndexOf('.') + 1);
  return /^[\p{Lu}]/u.test(simple);
}

const BASE_CLASS: Record<PluginKind, string> = {
  task: 'io.kestra.core.models.tasks.Task',
  trigger: 'io.kestra.core.models.triggers.AbstractTrigger',
  condition: 'io.kestra.core.models.conditions.Condition',
  taskRunner: 'io.kestra.core.models.tasks.runners.TaskRunner',
};

type S = Record<string, any>;
const COMMON: Record<PluginKind, Record<string, S>> = {
  task: TaskCommon as Record<string, S>,
  trigger: TriggerCommon as Record<string, S>,
  condition: { type: { type: 'string' } as S },
  taskRunner: { type: { type: 'string' } as S, version: { type: 'string' } as S },
};

function invalidType(chain: Chain, type: unknown, kind: PluginKind, property: string): never {
  const text = typeof type === 'string' ? type : javaToString(type);
  throw new BindFailure([
    { path: chainPath(chain), message: `Invalid type: ${text}` },
    { path: chainPath(chain), message: `Could not resolve type id '${text}' as a subtype of \`${BASE_CLASS[kind]}\`: known type ids = [] (for POJO property '${property}')` },
  ]);
}

export interface PluginBinder extends BindHooks {
  bindTyped(value: unknown, chain: Chain, kind: PluginKind, property: string): void;
}

export function createPluginBinder(catalog: PluginCatalog, extra: Pick<BindHooks, 'input' | 'labels'>): PluginBinder {
  function resolveDef(value: Record<string, unknown>, chain: Chain, kind: PluginKind, property: string): PluginDef | undefined {
    const type = value.type;
    if (type === undefined || type === null) fail(chain, `missing type id property 'type' (for POJO property '${property}')`);
    if (typeof type !== 'string') invalidType(chain, type, kind, property);
    const def = catalog.resolve(type);
    if (def) {
      if (def.kind !== kind) invalidType(chain, type, kind, property);
      return def;
    }
    if (catalog.isCoreType(type) || !isPlausiblePluginType(type)) invalidType(chain, type, kind, property);
    return undefined;
  }

  function bindTyped(value: unknown, chain: Chain, kind: PluginKind, property: string): void {
    if (!isPlainObject(value)) fail(chain, mismatch(BASE_CLASS[kind], value));
    const def = resolveDef(value, chain, kind, property);
    const common = COMMON[kind];
    const own = (def?.properties.properties ?? {}) as Record<string, S>;
    const cls = def?.type ?? String(value.type);
    if (def) checkKnownKeys(value, [...Object.keys(common), ...Object.keys(own)], cls, chain);
    for (const [key, v] of Object.entries(value)) {
      if (v === null || v === undefined || key === 'type') continue;
      const at = ref(chain, cls, key);
      if (key === 'retry' && kind === 'task') bindRetry(v, at);
      else if (key === 'workerGroup') bindValue(v, { ...(WorkerGroup as S), $javaType: 'io.kestra.core.models.tasks.WorkerGroup' }, at, key, hooks);
      else if (own[key]) bindValue(v, own[key]!, at, key, hooks);
      else if (common[key]) bindValue(v, common[key]!, at, key, hooks);
    }
  }

  const hooks: PluginBinder = {
    task: (v, chain, property) => bindTyped(v, chain, 'task', property),
    condition: (v, chain) => bindTyped(v, chain, 'condition', 'conditions'),
    plugin: (v, chain) => bindTyped(v, chain, 'taskRunner', 'taskRunner'),
    input: extra.input,
    labels: extra.labels,
    bindTyped,
  };
  return hooks;
}

/** Retry policies are polymorphic on a lower-case `type`: constant | exponential | random. */
export function bindRetry(value: unknown, chain: Chain): void {
  const base = 'io.kestra.core.models.tasks.retrys.AbstractRetry';
  if (!isPlainObject(value)) fail(chain, mismatch(base, value));
  const type = value.type;
  if (type === undefined || type === null) fail(chain, "missing type id property 'type' (for POJO property 'retry')");
  if (typeof type !== 'string' || !(RETRY_TYPES as readonly string[]).includes(type)) {
    throw new BindFailure([
      { path: chainPath(chain), message: `Invalid type: ${javaToString(type)}` },
      { path: chainPath(chain), message: `Could not resolve type id '${javaToString(type)}' as a subtype of \`${base}\`: known type ids = [constant, exponential, random] (for POJO property 'retry')` },
    ]);
  }
  const allowed = RETRY_PROPS[type as (typeof RETRY_TYPES)[number]];
  const cls = RETRY_CLASSES[type]!;
  checkKnownKeys(value, allowed, cls, chain);
  const props = (Retry as S).properties as Record<string, S>;
  const noHooks: BindHooks = { task() {}, condition() {}, input() {}, labels() {}, plugin() {} };
  for (const [key, v] of Object.entries(value)) {
    if (key === 'type' || v === null || v === undefined) continue;
    const schema = props[key];
    if (schema) bindValue(v, { ...schema, $javaType: schema.format === 'duration' ? 'java.time.Duration' : schema.$javaType }, ref(chain, cls, key), key, noHooks);
  }
}
