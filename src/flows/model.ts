// Flow document model (engine-contract §1, api-contract §2.2). The TypeBox schema is the type.
// These describe the *stored* flow: labels as a list, inputs with `id`, `disabled`/`deleted` set.
// Parsing accepts more (label maps, input `name`, `taskDefaults`) and normalises to this shape.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { NAMESPACE_ID_PATTERN } from '../shared/namespace-id.ts';

export const ID_PATTERN = '^[a-zA-Z0-9][a-zA-Z0-9._-]*';
export const NAMESPACE_PATTERN = NAMESPACE_ID_PATTERN;
export const TASK_ID_PATTERN = '^[a-zA-Z0-9][a-zA-Z0-9_-]*';
export const INPUT_ID_PATTERN = '^[a-zA-Z0-9][.a-zA-Z0-9_-]*';
export const OUTPUT_ID_PATTERN = '^[a-zA-Z0-9][.a-zA-Z0-9_-]*';

export const Violation = Type.Object({ path: Type.String(), message: Type.String() });
export type Violation = Static<typeof Violation>;

/** One entry of POST /flows/validate (api-contract §2.3). */
export const ValidateConstraintViolation = Type.Object({
  index: Type.Integer(),
  flow: Type.Optional(Type.String()),
  namespace: Type.Optional(Type.String()),
  constraints: Type.Optional(Type.String()),
  outdated: Type.Boolean(),
  deprecationPaths: Type.Optional(Type.Array(Type.String())),
  warnings: Type.Optional(Type.Array(Type.String())),
  infos: Type.Optional(Type.Array(Type.String())),
});
export type ValidateConstraintViolation = Static<typeof ValidateConstraintViolation>;

export const Label = Type.Object({ key: Type.String(), value: Type.String() });
export type Label = Static<typeof Label>;

export const LOG_LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'] as const;
const literals = (values: readonly string[], options: Record<string, unknown> = {}) =>
  Type.Union(values.map((v) => Type.Literal(v)), options);
const levelEnum = () => literals(LOG_LEVELS, { $javaType: 'org.slf4j.event.Level' });

export const WorkerGroup = Type.Object({
  key: Type.Optional(Type.String()),
  fallback: Type.Optional(literals(['FAIL', 'WAIT', 'CANCEL'])),
}, { additionalProperties: false });

export const RETRY_TYPES = ['constant', 'exponential', 'random'] as const;
export const Retry = Type.Object({
  type: literals(RETRY_TYPES),
  maxAttempts: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Kestra's own name for it (singular); both are accepted */
  maxAttempt: Type.Optional(Type.Integer({ minimum: 1 })),
  maxDuration: Type.Optional(Type.String({ format: 'duration' })),
  warningOnRetry: Type.Optional(Type.Boolean({ default: false })),
  behavior: Type.Optional(literals(['RETRY_FAILED_TASK', 'CREATE_NEW_EXECUTION'])),
  interval: Type.Optional(Type.String({ format: 'duration' })),
  maxInterval: Type.Optional(Type.String({ format: 'duration' })),
  delayFactor: Type.Optional(Type.Number()),
  minInterval: Type.Optional(Type.String({ format: 'duration' })),
}, { additionalProperties: false });
export type Retry = Static<typeof Retry>;
/** properties allowed per retry type (the rest of Retry's keys are rejected as unknown) */
export const RETRY_PROPS: Record<(typeof RETRY_TYPES)[number], string[]> = {
  constant: ['type', 'maxAttempts', 'maxAttempt', 'maxDuration', 'warningOnRetry', 'behavior', 'interval'],
  exponential: ['type', 'maxAttempts', 'maxAttempt', 'maxDuration', 'warningOnRetry', 'behavior', 'interval', 'maxInterval', 'delayFactor'],
  random: ['type', 'maxAttempts', 'maxAttempt', 'maxDuration', 'warningOnRetry', 'behavior', 'minInterval', 'maxInterval'],
};
export const RETRY_CLASSES: Record<string, string> = {
  constant: 'io.kestra.core.models.tasks.retrys.Constant',
  exponential: 'io.kestra.core.models.tasks.retrys.Exponential',
  random: 'io.kestra.core.models.tasks.retrys.Random',
};

/** Properties every task accepts (Task.java). */
export const TaskCommon = {
  id: Type.String({ pattern: TASK_ID_PATTERN }),
  type: Type.String(),
  version: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  retry: Type.Optional(Retry),
  timeout: Type.Optional(Type.String({ format: 'duration', $dynamic: true })),
  disabled: Type.Optional(Type.Boolean({ default: false })),
  workerGroup: Type.Optional(WorkerGroup),
  logLevel: Type.Optional(levelEnum()),
  allowFailure: Type.Optional(Type.Boolean({ default: false })),
  allowWarning: Type.Optional(Type.Boolean({ default: false })),
  logToFile: Type.Optional(Type.Boolean({ default: false })),
  runIf: Type.Optional(Type.String({ default: 'true' })),
  taskCache: Type.Optional(Type.Object({ enabled: Type.Boolean(), ttl: Type.Optional(Type.String()) })),
};
/** A task: common properties plus whatever its plugin declares. */
export const Task = Type.Object(TaskCommon, { additionalProperties: true });
/**
 * A task or trigger as a flow document carries it: its id and type, the rest open. Plugins are
 * open-ended, so this stays a map; the schemas here (and the plugin catalogue) validate it at parse.
 */
export type TaskDefinition = { id: string; type: string; [property: string]: unknown };

export const Condition = Type.Object({ type: Type.String() }, { additionalProperties: true });
export type Condition = Static<typeof Condition> & { [property: string]: unknown };

const LabelsInput = Type.Union([Type.Array(Label), Type.Record(Type.String(), Type.Unknown())]);

/** Properties every trigger accepts (AbstractTrigger.java). */
export const TriggerCommon = {
  id: Type.String({ pattern: TASK_ID_PATTERN }),
  type: Type.String(),
  version: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  conditions: Type.Optional(Type.Array(Condition, { $conditions: true })),
  disabled: Type.Optional(Type.Boolean({ default: false })),
  workerGroup: Type.Optional(WorkerGroup),
  logLevel: Type.Optional(levelEnum()),
  minLogLevel: Type.Optional(levelEnum()),
  labels: Type.Optional(LabelsInput),
  stopAfter: Type.Optional(Type.Array(Type.String())),
  logToFile: Type.Optional(Type.Boolean({ default: false })),
  allowConcurrent: Type.Optional(Type.Boolean({ default: false })),
};
export const Trigger = Type.Object(TriggerCommon, { additionalProperties: true });
/** The same open shape as a task (see TaskDefinition); named apart so signatures say which list. */
export type TriggerDefinition = TaskDefinition;

export const INPUT_TYPES = [
  'STRING', 'ENUM', 'SELECT', 'MULTISELECT', 'INT', 'FLOAT', 'BOOLEAN', 'BOOL', 'DATETIME', 'DATE', 'TIME', 'DURATION',
  'FILE', 'JSON', 'YAML', 'URI', 'SECRET', 'ARRAY', 'EMAIL',
] as const;
export type InputType = (typeof INPUT_TYPES)[number];

export const InputDependsOn = Type.Object({
  inputs: Type.Optional(Type.Array(Type.String())),
  condition: Type.Optional(Type.String()),
}, { additionalProperties: false });

export const InputCommon = {
  id: Type.String({ pattern: INPUT_ID_PATTERN }),
  type: literals(INPUT_TYPES),
  description: Type.Optional(Type.String()),
  displayName: Type.Optional(Type.String({ maxLength: 64 })),
  required: Type.Optional(Type.Boolean({ default: true })),
  defaults: Type.Optional(Type.Unknown()),
  prefill: Type.Optional(Type.Unknown()),
  dependsOn: Type.Optional(InputDependsOn),
};
/** name -> schema of the extra properties each input type accepts */
const ITEM_TYPES = INPUT_TYPES.filter((t) => t !== 'ARRAY');
export const INPUT_TYPE_PROPS: Record<InputType, Record<string, TSchema>> = {
  STRING: { validator: Type.String() },
  SECRET: { validator: Type.String() },
  ENUM: { values: Type.Array(Type.String()) },
  SELECT: {
    values: Type.Array(Type.String()), expression: Type.String(), allowCustomValue: Type.Boolean({ default: false }),
    isRadio: Type.Boolean({ default: false }), autoSelectFirst: Type.Boolean({ default: false }),
  },
  MULTISELECT: {
    values: Type.Array(Type.String()), options: Type.Array(Type.String(), { deprecated: true }), expression: Type.String(),
    itemType: literals(ITEM_TYPES), allowCustomValue: Type.Boolean({ default: false }), autoSelectFirst: Type.Boolean({ default: false }),
  },
  INT: { min: Type.Integer(), max: Type.Integer() },
  FLOAT: { min: Type.Number(), max: Type.Number() },
  BOOLEAN: {},
  BOOL: {},
  DATETIME: { after: Type.String(), before: Type.String() },
  DATE: { after: Type.String(), before: Type.String() },
  TIME: { after: Type.String(), before: Type.String() },
  DURATION: { min: Type.String({ format: 'duration' }), max: Type.String({ format: 'duration' }) },
  FILE: { extension: Type.String({ default: '.upl' }), allowedFileExtensions: Type.Array(Type.String()) },
  JSON: {},
  YAML: {},
  URI: {},
  ARRAY: { itemType: literals(ITEM_TYPES) },
  EMAIL: {},
};
export const INPUT_CLASSES: Record<InputType, string> = {
  STRING: 'StringInput', ENUM: 'EnumInput', SELECT: 'SelectInput', MULTISELECT: 'MultiselectInput', INT: 'IntInput',
  FLOAT: 'FloatInput', BOOLEAN: 'BooleanInput', BOOL: 'BoolInput', DATETIME: 'DateTimeInput', DATE: 'DateInput',
  TIME: 'TimeInput', DURATION: 'DurationInput', FILE: 'FileInput', JSON: 'JsonInput', YAML: 'YamlInput', URI: 'URIInput',
  SECRET: 'SecretInput', ARRAY: 'ArrayInput', EMAIL: 'EmailInput',
};
/** Any input declaration: common properties plus the type-specific ones (all optional here). */
export const Input = Type.Object({
  ...InputCommon,
  validator: Type.Optional(Type.String()),
  values: Type.Optional(Type.Array(Type.String())),
  options: Type.Optional(Type.Array(Type.String())),
  expression: Type.Optional(Type.String()),
  allowCustomValue: Type.Optional(Type.Boolean()),
  isRadio: Type.Optional(Type.Boolean()),
  autoSelectFirst: Type.Optional(Type.Boolean()),
  itemType: Type.Optional(literals(ITEM_TYPES)),
  min: Type.Optional(Type.Union([Type.Number(), Type.String()])),
  max: Type.Optional(Type.Union([Type.Number(), Type.String()])),
  after: Type.Optional(Type.String()),
  before: Type.Optional(Type.String()),
  extension: Type.Optional(Type.String()),
  allowedFileExtensions: Type.Optional(Type.Array(Type.String())),
});
export type Input = Static<typeof Input>;

export const Output = Type.Object({
  id: Type.String({ pattern: OUTPUT_ID_PATTERN }),
  type: literals(INPUT_TYPES),
  value: Type.Unknown(),
  description: Type.Optional(Type.String()),
  displayName: Type.Optional(Type.String()),
  required: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type Output = Static<typeof Output>;

export const PluginDefault = Type.Object({
  type: Type.String(),
  forced: Type.Optional(Type.Boolean({ default: false })),
  values: Type.Record(Type.String(), Type.Unknown()),
}, { additionalProperties: false });
export type PluginDefault = Static<typeof PluginDefault>;

export const CONCURRENCY_BEHAVIORS = ['QUEUE', 'CANCEL', 'FAIL'] as const;
export const Concurrency = Type.Object({
  limit: Type.Integer({ exclusiveMinimum: 0 }),
  behavior: Type.Optional(literals(CONCURRENCY_BEHAVIORS)),
}, { additionalProperties: false });
export type Concurrency = Static<typeof Concurrency>;

export const SLA_TYPES = ['MAX_DURATION', 'EXECUTION_ASSERTION'] as const;
export const SLA = Type.Object({
  id: Type.String(),
  type: literals(SLA_TYPES),
  behavior: Type.Optional(literals(['FAIL', 'CANCEL', 'NONE'])),
  labels: Type.Optional(LabelsInput),
  duration: Type.Optional(Type.String({ format: 'duration' })),
  assert: Type.Optional(Type.String()),
}, { additionalProperties: false });
export type SLA = Static<typeof SLA>;

export const Listener = Type.Object({
  description: Type.Optional(Type.String()),
  conditions: Type.Optional(Type.Array(Condition)),
  tasks: Type.Array(Task, { minItems: 1 }),
}, { additionalProperties: false });
export type Listener = Static<typeof Listener>;

export const Flow = Type.Object({
  id: Type.String({ pattern: ID_PATTERN, minLength: 1, maxLength: 100 }),
  namespace: Type.String({ pattern: NAMESPACE_PATTERN, minLength: 1, maxLength: 150 }),
  revision: Type.Optional(Type.Integer({ minimum: 1 })),
  description: Type.Optional(Type.String()),
  labels: Type.Optional(Type.Array(Label)),
  inputs: Type.Optional(Type.Array(Input)),
  outputs: Type.Optional(Type.Array(Output)),
  variables: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  tasks: Type.Array(Task, { minItems: 1 }),
  errors: Type.Optional(Type.Array(Task)),
  finally: Type.Optional(Type.Array(Task)),
  afterExecution: Type.Optional(Type.Array(Task)),
  listeners: Type.Optional(Type.Array(Listener, { deprecated: true })),
  triggers: Type.Optional(Type.Array(Trigger)),
  pluginDefaults: Type.Optional(Type.Array(PluginDefault)),
  taskDefaults: Type.Optional(Type.Array(PluginDefault, { deprecated: true })),
  concurrency: Type.Optional(Concurrency),
  retry: Type.Optional(Retry),
  sla: Type.Optional(Type.Array(SLA)),
  disabled: Type.Boolean({ default: false }),
  deleted: Type.Boolean({ default: false }),
  tenantId: Type.Optional(Type.String()),
});
type OpenLists = 'tasks' | 'errors' | 'finally' | 'afterExecution' | 'triggers';
/** the schema's static type, with tasks/triggers open to their plugin properties */
export type Flow = Omit<Static<typeof Flow>, OpenLists> & {
  tasks: TaskDefinition[];
  errors?: TaskDefinition[];
  finally?: TaskDefinition[];
  afterExecution?: TaskDefinition[];
  triggers?: TriggerDefinition[];
};
/** Keys the server manages: a stored revision keeps them on its record, not in its document. */
export type ServerManagedKey = 'revision' | 'disabled' | 'deleted';
/** The document of a stored flow revision (what the engine plans, triggers read, graphs draw). */
export type FlowDocument = Omit<Flow, ServerManagedKey>;
