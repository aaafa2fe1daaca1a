// Phase 1 of flow parsing: bind the raw document the way Kestra's strict Jackson mapper does,
// stopping at the first problem (unknown field, unknown type, wrong value type, bad label).
import type { TSchema } from '@sinclair/typebox';
import type { PluginCatalog } from '../../plugins/catalog.ts';
import {
  Flow, Output, PluginDefault, Concurrency, INPUT_TYPES, INPUT_TYPE_PROPS, INPUT_CLASSES, InputCommon,
  InputDependsOn, SLA, type InputType,
} from '../model.ts';
import { type Chain, BindFailure, FLOW_CLASS, LIST_CLASS, fail, ref, mismatch, checkKnownKeys, chainPath, javaToString } from './jackson.ts';
import { isPlainObject } from '../../shared/guards.ts';
import { bindValue, type BindHooks } from './bind-value.ts';
import { createPluginBinder, bindRetry, type PluginBinder } from './bind-plugin.ts';

type S = Record<string, any>;
const props = (schema: TSchema) => (schema as S).properties as Record<string, S>;
const withClass = (schema: TSchema, cls: string): S => ({ ...(schema as S), $javaType: cls });

export const FLOW_KEYS = Object.keys(props(Flow));
const INPUT_PKG = 'io.kestra.core.models.flows.input.';

/** Flow labels: a map of scalars or a list of {key, value}. */
export function bindLabels(value: unknown, chain: Chain): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const at = ref(chain, LIST_CLASS, i);
      if (!isPlainObject(item)) fail(at, mismatch('io.kestra.core.models.Label', item));
      checkKnownKeys(item, ['key', 'value'], 'io.kestra.core.models.Label', at);
      for (const k of ['key', 'value'] as const) {
        const v = item[k];
        if (isPlainObject(v) || Array.isArray(v)) fail(ref(at, 'io.kestra.core.models.Label', k), mismatch('java.lang.String', v));
      }
    });
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') continue;
      fail(chain, `Unsupported type for key: ${key}, value: ${javaToString(v)}`);
    }
    return;
  }
  fail(chain, mismatch('java.util.List<io.kestra.core.models.Label>', value));
}

function bindInput(value: unknown, chain: Chain, property: string, hooks: BindHooks): void {
  const base = 'io.kestra.core.models.flows.Input<java.lang.Object>';
  if (!isPlainObject(value)) fail(chain, mismatch(base, value));
  const type = value.type;
  if (type === undefined || type === null) fail(chain, `missing type id property 'type' (for POJO property '${property}')`);
  if (typeof type !== 'string' || !(INPUT_TYPES as readonly string[]).includes(type)) {
    throw new BindFailure([
      { path: chainPath(chain), message: `Invalid type: ${javaToString(type)}` },
      { path: chainPath(chain), message: `Could not resolve type id '${javaToString(type)}' as a subtype of \`${base}\`: known type ids = [${INPUT_TYPES.join(', ')}] (for POJO property '${property}')` },
    ]);
  }
  const own = INPUT_TYPE_PROPS[type as InputType];
  const common = InputCommon as Record<string, S>;
  const cls = INPUT_PKG + INPUT_CLASSES[type as InputType];
  checkKnownKeys(value, [...Object.keys(common), 'name', ...Object.keys(own)], cls, chain);
  for (const [key, v] of Object.entries(value)) {
    if (key === 'type' || key === 'defaults' || key === 'prefill' || v === null || v === undefined) continue;
    const at = ref(chain, cls, key);
    if (key === 'name') bindValue(v, { type: 'string' } as S, at, key, hooks);
    else if (key === 'dependsOn') bindValue(v, withClass(InputDependsOn, 'io.kestra.core.models.flows.DependsOn'), at, key, hooks);
    else bindValue(v, (own[key] ?? common[key]) as S, at, key, hooks);
  }
}

function bindSla(value: unknown, chain: Chain, hooks: BindHooks): void {
  const base = 'io.kestra.core.models.flows.sla.SLA';
  if (!isPlainObject(value)) fail(chain, mismatch(base, value));
  const type = value.type;
  if (type === undefined || type === null) fail(chain, "missing type id property 'type' (for POJO property 'sla')");
  if (type !== 'MAX_DURATION' && type !== 'EXECUTION_ASSERTION') fail(chain, `Invalid type: ${javaToString(type)}`);
  const cls = type === 'MAX_DURATION' ? 'io.kestra.core.models.flows.sla.types.MaxDurationSLA' : 'io.kestra.core.models.flows.sla.types.ExecutionAssertionSLA';
  const known = ['id', 'type', 'behavior', 'labels', type === 'MAX_DURATION' ? 'duration' : 'assert'];
  checkKnownKeys(value, known, cls, chain);
  const p = props(SLA);
  for (const key of known) {
    if (key !== 'type' && value[key] !== undefined && value[key] !== null) bindValue(value[key], p[key]!, ref(chain, cls, key), key, hooks);
  }
}

function list(value: unknown, chain: Chain, javaType: string, each: (item: unknown, at: Chain) => void): void {
  if (!Array.isArray(value)) fail(chain, mismatch(javaType, value));
  value.forEach((item, i) => each(item, ref(chain, LIST_CLASS, i)));
}

/** Throws BindFailure with Kestra's first deserialisation error; returns normally when the document binds. */
export function bindFlow(raw: unknown, catalog: PluginCatalog): void {
  if (!isPlainObject(raw)) {
    throw new BindFailure([{ path: 'yaml', message: `Illegal flow yaml: ${mismatch(FLOW_CLASS, raw)}` }]);
  }
  const binder: PluginBinder = createPluginBinder(catalog, {
    input: (v, chain, property) => bindInput(v, chain, property, binder),
    labels: bindLabels,
  });
  checkKnownKeys(raw, FLOW_KEYS, FLOW_CLASS, []);
  const flowProps = props(Flow);
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    const chain = ref([], FLOW_CLASS, key);
    switch (key) {
      case 'labels': bindLabels(value, chain); break;
      case 'inputs': list(value, chain, 'java.util.List<io.kestra.core.models.flows.Input>', (v, at) => bindInput(v, at, 'inputs', binder)); break;
      case 'tasks': case 'errors': case 'finally': case 'afterExecution':
        list(value, chain, 'java.util.List<io.kestra.core.models.tasks.Task>', (v, at) => binder.task(v, at, key)); break;
      case 'triggers':
        list(value, chain, 'java.util.List<io.kestra.core.models.triggers.AbstractTrigger>', (v, at) => binder.bindTyped(v, at, 'trigger', 'triggers')); break;
      case 'listeners':
        list(value, chain, 'java.util.List<io.kestra.core.models.listeners.Listener>', (v, at) => {
          const cls = 'io.kestra.core.models.listeners.Listener';
          if (!isPlainObject(v)) fail(at, mismatch(cls, v));
          checkKnownKeys(v, ['description', 'conditions', 'tasks'], cls, at);
          if (v.description !== undefined && v.description !== null) bindValue(v.description, { type: 'string' } as S, ref(at, cls, 'description'), 'description', binder);
          if (v.conditions !== undefined && v.conditions !== null) list(v.conditions, ref(at, cls, 'conditions'), 'java.util.List<io.kestra.core.models.conditions.Condition>', (c, cat) => binder.condition(c, cat));
          if (v.tasks !== undefined && v.tasks !== null) list(v.tasks, ref(at, cls, 'tasks'), 'java.util.List<io.kestra.core.models.tasks.Task>', (t, tat) => binder.task(t, tat, 'tasks'));
        });
        break;
      case 'pluginDefaults': case 'taskDefaults':
        list(value, chain, 'java.util.List<io.kestra.core.models.flows.PluginDefault>', (v, at) =>
          bindValue(v, withClass(PluginDefault, 'io.kestra.core.models.flows.PluginDefault'), at, key, binder));
        break;
      case 'outputs':
        list(value, chain, 'java.util.List<io.kestra.core.models.flows.Output>', (v, at) => {
          if (!isPlainObject(v)) fail(at, mismatch('io.kestra.core.models.flows.Output', v));
          const o = withClass(Output, 'io.kestra.core.models.flows.Output');
          const p = props(Output);
          checkKnownKeys(v, Object.keys(p), 'io.kestra.core.models.flows.Output', at);
          for (const [k, x] of Object.entries(v)) {
            if (x === null || x === undefined) continue;
            const s = k === 'type' ? { ...p.type!, $javaType: 'io.kestra.core.models.flows.Type' } : p[k]!;
            bindValue(x, s, ref(at, o.$javaType, k), k, binder);
          }
        });
        break;
      case 'concurrency': bindValue(value, withClass(Concurrency, 'io.kestra.core.models.flows.Concurrency'), chain, key, binder); break;
      case 'retry': bindRetry(value, chain); break;
      case 'sla': list(value, chain, 'java.util.List<io.kestra.core.models.flows.sla.SLA>', (v, at) => bindSla(v, at, binder)); break;
      default: bindValue(value, flowProps[key]!, chain, key, binder);
    }
  }
}

/** Binds a single task or trigger (validate/task, validate/trigger); the chain starts at the plugin class. */
export function bindSingle(raw: unknown, kind: 'task' | 'trigger', catalog: PluginCatalog): void {
  const binder: PluginBinder = createPluginBinder(catalog, {
    input: (v, chain, property) => bindInput(v, chain, property, binder),
    labels: bindLabels,
  });
  binder.bindTyped(raw, [], kind, kind === 'task' ? 'tasks' : 'triggers');
}

