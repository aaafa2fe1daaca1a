// Decides whether a Flow trigger would fire for executions of a given upstream flow, judged on
// the trigger's static declaration only, as Kestra's flow dependency view does: conditions on
// the upstream namespace/flow id are checked, filter-like conditions (status, dates, labels,
// expressions...) are assumed to pass, and anything else cannot be proven and does not match.

import { isPlainObject } from '../../shared/guards.ts';

export interface UpstreamFlow {
  namespace: string;
  id: string;
}

const FLOW_TRIGGER_TYPES = new Set(['io.kestra.plugin.core.trigger.Flow', 'io.kestra.core.models.triggers.types.Flow']);
const CONDITION_PACKAGES = ['io.kestra.plugin.core.condition.', 'io.kestra.core.models.conditions.types.'];

// Conditions about when/how an execution ended, not about which flow it belongs to.
const FILTER_CONDITIONS = new Set([
  'DateTimeBetween', 'DayWeek', 'DayWeekInMonth', 'ExecutionLabels', 'ExecutionOutputs', 'ExecutionStatus',
  'Expression', 'Variable', 'HasRetryAttempt', 'PublicHoliday', 'TimeBetween', 'Weekend',
]);

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return isPlainObject(value) ? value : undefined;
}

/** `ExecutionFlow` for both `...condition.ExecutionFlow` and the legacy `...types.ExecutionFlowCondition`. */
function conditionName(type: unknown): string | undefined {
  if (typeof type !== 'string') return undefined;
  const pkg = CONDITION_PACKAGES.find((prefix) => type.startsWith(prefix));
  return pkg ? type.slice(pkg.length).replace(/Condition$/, '') : undefined;
}

export function isFlowTrigger(trigger: unknown): trigger is Json {
  const object = asObject(trigger);
  return object !== undefined && FLOW_TRIGGER_TYPES.has(String(object.type));
}

function namespaceMatches(condition: Json, namespace: string): boolean {
  if (typeof condition.namespace !== 'string') return false;
  // `comparison` (EQUALS/PREFIX/SUFFIX) replaced the older boolean `prefix`
  const comparison = typeof condition.comparison === 'string' ? condition.comparison : condition.prefix === true ? 'PREFIX' : 'EQUALS';
  if (comparison === 'PREFIX') return namespace.startsWith(condition.namespace);
  if (comparison === 'SUFFIX') return namespace.endsWith(condition.namespace);
  return namespace === condition.namespace;
}

function subConditions(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  const object = asObject(value);
  return object ? Object.values(object) : [];
}

/** Whether one trigger condition holds for an execution of `upstream`. */
export function conditionMatches(condition: unknown, upstream: UpstreamFlow): boolean {
  const object = asObject(condition);
  const name = conditionName(object?.type);
  if (!object || name === undefined) return false;
  if (FILTER_CONDITIONS.has(name)) return true;
  switch (name) {
    case 'ExecutionFlow':
    case 'Flow':
      return object.namespace === upstream.namespace && object.flowId === upstream.id;
    case 'ExecutionNamespace':
    case 'FlowNamespace':
      return namespaceMatches(object, upstream.namespace);
    case 'Multiple':
    case 'Or': {
      // one flow-related sub-condition is enough for a dependency; filters are ignored
      const relevant = subConditions(object.conditions).filter((c) => !FILTER_CONDITIONS.has(conditionName(asObject(c)?.type) ?? ''));
      return relevant.some((c) => conditionMatches(c, upstream));
    }
    default:
      return false;
  }
}

/** `preconditions.flows[]` entries name upstream flows (flowId optional: the whole namespace). */
function preconditionsMatch(preconditions: Json, upstream: UpstreamFlow): boolean {
  const flows = Array.isArray(preconditions.flows) ? preconditions.flows : [];
  return flows.some((entry) => {
    const flow = asObject(entry);
    if (!flow || flow.namespace !== upstream.namespace) return false;
    return flow.flowId === undefined || flow.flowId === null || flow.flowId === upstream.id;
  });
}

/**
 * Whether the Flow triggers of a flow make it run after executions of `upstream`:
 * every condition of every Flow trigger must hold, and at least one Flow trigger must either
 * have no preconditions or list the upstream flow. A Flow trigger without any condition or
 * precondition therefore depends on every flow, as Kestra reports it.
 */
export function flowTriggersMatch(triggers: unknown, upstream: UpstreamFlow): boolean {
  const flowTriggers = (Array.isArray(triggers) ? triggers : []).filter(isFlowTrigger);
  if (flowTriggers.length === 0) return false;
  const conditionsHold = flowTriggers
    .flatMap((trigger) => (Array.isArray(trigger.conditions) ? trigger.conditions : []))
    .every((condition) => conditionMatches(condition, upstream));
  const preconditionsHold = flowTriggers.some((trigger) => {
    const preconditions = asObject(trigger.preconditions);
    return preconditions === undefined || preconditionsMatch(preconditions, upstream);
  });
  return conditionsHold && preconditionsHold;
}
