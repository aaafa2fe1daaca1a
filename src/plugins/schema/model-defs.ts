// Definitions of the documents themselves (flow, template, dashboard) and of what they hold
// besides plugins: inputs (one class per input type), outputs, retry policies, plugin defaults.
// Built from the flow model's TypeBox schemas (src/flows/model.ts), with the lists of tasks,
// triggers and inputs pointing at the shared definitions.

import {
  Concurrency, Flow, INPUT_CLASSES, INPUT_TYPE_PROPS, INPUT_TYPES, InputCommon, Output, PluginDefault, Retry,
  RETRY_CLASSES, RETRY_PROPS, RETRY_TYPES, SLA, type InputType,
} from '../../flows/model.ts';
import { convertProperties, convertSchema, DEF, ref, type Json } from './convert.ts';
import { CHART_ID_PATTERN, DASHBOARD_ID_PATTERN } from '../../shared/dashboard-ids.ts';

const INPUT_PACKAGE = 'io.kestra.core.models.flows.input.';
export const inputClass = (type: InputType) => INPUT_PACKAGE + INPUT_CLASSES[type];

const labels = (): Json => ({
  anyOf: [
    // YAML turns `version: 2` into a number; the parser keeps it as the label's text
    { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'string' } }, required: ['key', 'value'] } },
  ],
});
const arrayOf = (items: Json, extra: Json = {}): Json => ({ type: 'array', items, ...extra });
/** Flow-level task lists carry the anyOf inline, as Kestra's generator does for `Flow.tasks`. */
const taskList = (anyOf: Json, extra: Json = {}): Json => arrayOf(anyOf, extra);

/** The editor definition of one input type (common properties + the type's own, `type` pinned). */
export function inputDefinition(type: InputType): Json {
  const { type: _type, ...common } = InputCommon;
  const extra = Object.fromEntries(Object.entries(INPUT_TYPE_PROPS[type]));
  const { properties, required } = convertProperties({ ...common, ...extra } as unknown as Json, ['id']);
  return {
    type: 'object',
    title: `${type} input`,
    properties: { id: properties.id, type: { const: type }, ...properties, name: { type: 'string', $deprecated: true } },
    required: [...required, 'type'],
    additionalProperties: false,
  };
}

function retryDefinitions(): Json {
  const out: Json = {};
  const all = (Retry as unknown as { properties: Json }).properties;
  for (const t of RETRY_TYPES) {
    const picked = Object.fromEntries(RETRY_PROPS[t].filter((k) => k !== 'type').map((k) => [k, all[k]]));
    const { properties, required } = convertProperties(picked, []);
    out[RETRY_CLASSES[t]!] = { type: 'object', properties: { type: { const: t }, ...properties }, required: ['type', ...required], additionalProperties: false };
  }
  out[DEF.retry] = { anyOf: RETRY_TYPES.map((t) => ref(RETRY_CLASSES[t]!)) };
  return out;
}

function flowDefinition(tasks: Json, triggers: Json): Json {
  const model = (Flow as unknown as { properties: Json }).properties;
  const plain = ['id', 'namespace', 'revision', 'description', 'variables', 'disabled', 'deleted'];
  const { properties } = convertProperties(Object.fromEntries(plain.map((k) => [k, model[k]])), []);
  const listener = {
    type: 'object',
    properties: { description: { type: 'string' }, conditions: arrayOf(ref(DEF.condition)), tasks: taskList(tasks, { minItems: 1 }) },
    required: ['tasks'],
    additionalProperties: false,
  };
  return {
    type: 'object',
    title: 'Flow',
    properties: {
      ...properties,
      labels: labels(),
      inputs: arrayOf(ref(DEF.input)),
      outputs: arrayOf(ref(DEF.output)),
      tasks: taskList(tasks, { minItems: 1 }),
      errors: taskList(tasks),
      finally: taskList(tasks),
      afterExecution: taskList(tasks),
      listeners: { ...arrayOf(listener), $deprecated: true },
      triggers: arrayOf(triggers),
      pluginDefaults: arrayOf(ref(DEF.pluginDefault)),
      taskDefaults: { ...arrayOf(ref(DEF.pluginDefault)), $deprecated: true },
      concurrency: convertSchema(Concurrency as unknown as Json),
      retry: ref(DEF.retry),
      sla: arrayOf(convertSchema(SLA as unknown as Json)),
    },
    required: ['id', 'namespace', 'tasks'],
    additionalProperties: false,
  };
}

function templateDefinition(tasks: Json): Json {
  return {
    type: 'object',
    title: 'Template (deprecated)',
    $deprecated: 'true',
    properties: {
      id: { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9._-]*$', minLength: 1, maxLength: 100 },
      namespace: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$', minLength: 1, maxLength: 150 },
      description: { type: 'string' },
      tasks: taskList(tasks, { minItems: 1 }),
      errors: taskList(tasks),
    },
    required: ['id', 'namespace', 'tasks'],
    additionalProperties: false,
  };
}

/** Custom dashboards: the document around its charts; charts are plugins kestra-lite keeps open. */
function dashboardDefinition(): Json {
  return {
    type: 'object',
    title: 'Dashboard',
    properties: {
      // the id is optional (generated when absent) and the title must not be blank, as the API checks
      id: { type: 'string', pattern: DASHBOARD_ID_PATTERN },
      title: { type: 'string', pattern: '\\S' },
      description: { type: 'string' },
      timeWindow: { type: 'object', properties: { default: { type: 'string', format: 'duration' }, max: { type: 'string', format: 'duration' } }, additionalProperties: false },
      charts: arrayOf({ type: 'object', properties: { id: { type: 'string', pattern: CHART_ID_PATTERN }, type: { type: 'string' } }, required: ['id', 'type'], additionalProperties: true }),
    },
    required: ['title'],
    additionalProperties: false,
  };
}

/** Every model definition; `tasks`/`triggers` are the inline anyOf schemas of the plugin bases. */
export function modelDefinitions(tasks: Json, triggers: Json): Json {
  const out: Json = {};
  const types = INPUT_TYPES.map((t) => inputClass(t));
  for (const t of INPUT_TYPES) out[inputClass(t)] = inputDefinition(t);
  out[DEF.input] = { anyOf: types.map(ref) };
  out[DEF.output] = { ...convertSchema(Output as unknown as Json), title: 'Flow output' };
  out[DEF.pluginDefault] = convertSchema(PluginDefault as unknown as Json);
  Object.assign(out, retryDefinitions());
  out[DEF.flow] = flowDefinition(tasks, triggers);
  out[DEF.template] = templateDefinition(tasks);
  out[DEF.dashboard] = dashboardDefinition();
  return out;
}
