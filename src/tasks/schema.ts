// Schema building blocks of the core plugin entries (the task entries in tasks/entries/, the
// trigger and condition entries in plugins/defs/). Everything here is plain TypeBox so that
// the catalogue stays data: the validator and the /plugins routes read the schemas, nothing
// branches on plugin types in code.
//
// Conventions carried as extra schema keywords:
// - `$dynamic: true`   the value is rendered as an expression, so a `{{ ... }}` string is accepted whatever the type
// - `$tasks: true`     the array holds child tasks (validated as tasks, walked for ids)
// - `$dagTasks: true`  the array holds Dag entries `{task, dependsOn}`
// - `$conditions: true` the array (or map, for MultipleCondition) holds conditions
// - `$inputs: true`    the array holds input declarations (Pause onResume)
// - `deprecated: true` the property is deprecated (reported in deprecationPaths)
// - `$javaType`        the Java type name used in deserialisation error messages
import { Type, type TProperties, type SchemaOptions } from '@sinclair/typebox';

export const CORE = 'io.kestra.plugin.core.';

export const str = (o: SchemaOptions = {}) => Type.String({ $dynamic: true, ...o });
export const staticStr = (o: SchemaOptions = {}) => Type.String(o);
export const int = (o: SchemaOptions = {}) => Type.Integer({ $dynamic: true, ...o });
export const num = (o: SchemaOptions = {}) => Type.Number({ $dynamic: true, ...o });
export const bool = (o: SchemaOptions = {}) => Type.Boolean({ $dynamic: true, ...o });
export const staticBool = (o: SchemaOptions = {}) => Type.Boolean(o);
export const staticInt = (o: SchemaOptions = {}) => Type.Integer(o);
/** ISO-8601 duration such as PT5M */
export const duration = (o: SchemaOptions = {}) => Type.String({ format: 'duration', $dynamic: true, ...o });
export const staticDuration = (o: SchemaOptions = {}) => Type.String({ format: 'duration', $javaType: 'java.time.Duration', ...o });
export const dateTime = (o: SchemaOptions = {}) => Type.String({ format: 'date-time', $dynamic: true, ...o });
export const anyValue = (o: SchemaOptions = {}) => Type.Unknown(o);
export const map = (o: SchemaOptions = {}) => Type.Record(Type.String(), Type.Unknown(), { $dynamic: true, ...o });
export const strList = (o: SchemaOptions = {}) => Type.Array(Type.String(), { $dynamic: true, ...o });
export const strOrList = (o: SchemaOptions = {}) =>
  Type.Union([Type.String(), Type.Array(Type.String())], { $dynamic: true, ...o });

/** enum of string values; `javaType` names the enum class in error messages */
export const enumOf = (values: readonly string[], o: SchemaOptions = {}) =>
  Type.Union(values.map((v) => Type.Literal(v)), { $dynamic: true, ...o });
export const staticEnum = (values: readonly string[], o: SchemaOptions = {}) =>
  Type.Union(values.map((v) => Type.Literal(v)), o);

const taskRef = Type.Object({ id: Type.String(), type: Type.String() }, { additionalProperties: true });
export const tasks = (o: SchemaOptions = {}) => Type.Array(taskRef, { $tasks: true, ...o });
export const dagTasks = (o: SchemaOptions = {}) =>
  Type.Array(Type.Object({ task: taskRef, dependsOn: Type.Optional(Type.Array(Type.String())) }), { $dagTasks: true, ...o });
const conditionRef = Type.Object({ type: Type.String() }, { additionalProperties: true });
export const conditions = (o: SchemaOptions = {}) => Type.Array(conditionRef, { $conditions: true, ...o });
export const conditionMap = (o: SchemaOptions = {}) => Type.Record(Type.String(), conditionRef, { $conditions: true, ...o });
export const inputDecls = (o: SchemaOptions = {}) =>
  Type.Array(Type.Object({ id: Type.String(), type: Type.String() }, { additionalProperties: true }), { $inputs: true, ...o });
export const labels = (o: SchemaOptions = {}) =>
  Type.Union([
    Type.Record(Type.String(), Type.Unknown()),
    Type.Array(Type.Object({ key: Type.String(), value: Type.String() })),
  ], { $labels: true, ...o });
export const taskRunner = (o: SchemaOptions = {}) => Type.Object({ type: Type.String() }, { additionalProperties: true, $plugin: true, ...o });

export const STATES = [
  'CREATED', 'RUNNING', 'PAUSED', 'RESTARTED', 'KILLING', 'SUCCESS', 'WARNING', 'FAILED', 'KILLED', 'CANCELLED',
  'QUEUED', 'RETRYING', 'RETRIED', 'SKIPPED', 'BREAKPOINT',
] as const;
export const LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'] as const;
export const states = (o: SchemaOptions = {}) => Type.Array(staticEnum(STATES), { $dynamic: true, ...o });
export const level = (o: SchemaOptions = {}) => enumOf(LEVELS, { $javaType: 'org.slf4j.event.Level', ...o });

/** Flowable tasks all take an `errors` branch (and the newer `finally`). */
export const flowableCommon = (): TProperties => ({
  errors: Type.Optional(tasks({ title: 'Tasks run when a child fails' })),
  finally: Type.Optional(tasks({ title: 'Tasks run after the others whatever their outcome' })),
});

/** Legacy package aliases: io.kestra.core.tasks.<pkg>.<Name> */
export const legacy = (pkg: string, name: string) => `io.kestra.core.tasks.${pkg}.${name}`;
