// One registry entry per plugin type. The entry is the type's single description: its names,
// the TypeBox schema of its own properties (validation, plugin defaults and the plugin schemas
// read it) and, for tasks, how it runs — a runnable `run`, or a `flowable` handler the engine
// walks, plus the synthetic child tasks it `expand`s into. The plugin catalogue, the engine's
// flowables and the runnable lookup are all derived from these entries (registry.ts).

import { Type, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import type { FlowableHandler } from './flowable.ts';
import { CORE, flowableCommon } from './schema.ts';
import type { RunnableTask, TaskDefinition, TaskLookup } from './types.ts';

export type PluginKind = 'task' | 'trigger' | 'condition' | 'taskRunner';

export interface PluginEntry {
  /** canonical type, e.g. io.kestra.plugin.core.log.Log */
  type: string;
  /** older names that resolve to this type (io.kestra.core.tasks.*, io.kestra.plugin.fs.http.*) */
  aliases: string[];
  kind: PluginKind;
  title: string;
  description?: string;
  deprecated?: boolean;
  /** the plugin's own properties (the common task/trigger properties are not repeated here) */
  schema: TObject;
}

export interface TaskEntry extends PluginEntry {
  kind: 'task';
  /** runs on a worker; core types with neither `run` nor a walked `flowable` are played by fixtures */
  run?: RunnableTask;
  /** for tasks that run other task types (TemplatedTask): built with the registry's own lookup */
  runWith?(lookup: TaskLookup): RunnableTask;
  /** the engine walks the children itself */
  flowable?: FlowableHandler;
  /** synthetic child tasks the engine plans with this task (ForEachItem: split, items, merge) */
  expand?(task: TaskDefinition): TaskDefinition[];
  /** a synthetic type the engine creates from `expand`: runnable, but not in the plugin catalogue */
  internal?: boolean;
}

interface EntryInput {
  type: string; // short name below io.kestra.plugin.core.
  title: string;
  description?: string;
  props?: TProperties;
  aliases?: string[];
  deprecated?: boolean;
  /** names of required properties (kept separate so `props` stay readable) */
  required?: string[];
}

/** The entry's schema: `required` names become required properties, the rest optional. */
function objectSchema(d: EntryInput, flowable: boolean): TObject {
  const props: TProperties = { ...(flowable ? flowableCommon() : {}) };
  const required = new Set(d.required ?? []);
  for (const [name, schema] of Object.entries(d.props ?? {})) {
    props[name] = required.has(name) ? schema : (Type.Optional(schema) as TSchema);
  }
  return Type.Object(props, { additionalProperties: false });
}

function base(d: EntryInput, kind: PluginKind, flowable: boolean): PluginEntry {
  return {
    type: CORE + d.type,
    aliases: d.aliases ?? [],
    kind,
    title: d.title,
    ...(d.description ? { description: d.description } : {}),
    ...(d.deprecated ? { deprecated: true } : {}),
    schema: objectSchema(d, flowable),
  };
}

/** A trigger, condition or task runner entry. */
export function definePlugin(kind: Exclude<PluginKind, 'task'>, d: EntryInput): PluginEntry {
  return base(d, kind, false);
}

type TaskInput = EntryInput & Pick<TaskEntry, 'run' | 'runWith' | 'flowable' | 'expand' | 'internal'>;

/** A task entry; flowable tasks also accept the `errors` and `finally` branches. */
export function defineTask(d: TaskInput): TaskEntry {
  const { run, runWith, flowable, expand, internal } = d;
  return {
    ...base(d, 'task', flowable !== undefined),
    kind: 'task',
    ...(run ? { run } : {}),
    ...(runWith ? { runWith } : {}),
    ...(flowable ? { flowable } : {}),
    ...(expand ? { expand } : {}),
    ...(internal ? { internal } : {}),
  };
}

/** true when the engine walks this task's children (a flowable with a handler). */
export const isWalked = (e: TaskEntry | undefined): e is TaskEntry & { flowable: FlowableHandler } =>
  typeof e?.flowable === 'object';
