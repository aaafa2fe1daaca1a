// Flow-trigger `preconditions` (engine-contract §5.4): upstream `flows` entries and `where` filters
// become the sub-conditions of a window, exactly like a MultipleCondition.
import { isKestraTruthy } from '../../expressions/index.ts';
import { hasLabel, toLabels } from './props.ts';
import { toTimeWindow } from './time-window.ts';
import { runWindow, type SubCondition } from './window-runner.ts';
import {
  ConditionError, errorMessage, requireExecution, type ConditionContext, type ConditionResult, type WindowStore,
} from './types.ts';
import { isPlainObject } from '../../shared/guards.ts';

const DEFAULT_ID = 'preconditions';

function guarded(fn: () => boolean): SubCondition {
  return () => {
    try {
      return { ok: fn() };
    } catch (e) {
      return { ok: false, error: errorMessage(e) };
    }
  };
}

const upperList = (v: unknown) => (Array.isArray(v) ? v.map((s) => String(s).toUpperCase()) : v === undefined || v === null ? undefined : [String(v).toUpperCase()]);

/** `flows[]` entry: namespace (and flowId, states, labels when given) of the upstream execution */
function upstreamFlow(entry: Record<string, unknown>, ctx: ConditionContext): boolean {
  const execution = requireExecution(ctx);
  if (entry.namespace !== undefined && entry.namespace !== null && execution.namespace !== String(entry.namespace)) return false;
  if (entry.flowId !== undefined && entry.flowId !== null && execution.flowId !== String(entry.flowId)) return false;
  const states = upperList(entry.states);
  if (states && !states.includes(execution.state.current)) return false;
  if (entry.labels !== undefined && entry.labels !== null) {
    return toLabels(entry.labels, ctx).every((l) => hasLabel(execution.labels ?? [], l));
  }
  return true;
}

function fieldValue(field: string, filter: Record<string, unknown>, ctx: ConditionContext): string | null {
  const execution = requireExecution(ctx);
  switch (field) {
    case 'FLOW_ID': return execution.flowId;
    case 'NAMESPACE': return execution.namespace;
    case 'STATE': return execution.state.current;
    case 'EXPRESSION': return typeof filter.value === 'string' ? ctx.render(filter.value) : null;
    default: throw new ConditionError(`Invalid filter field '${field}'`);
  }
}

function matchFilter(filter: unknown, ctx: ConditionContext): boolean {
  if (!isPlainObject(filter)) throw new ConditionError('Invalid filter');
  const actual = fieldValue(String(filter.field ?? '').toUpperCase(), filter, ctx);
  const type = String(filter.type ?? '').toUpperCase();
  const value = () => {
    if (typeof filter.value !== 'string') throw new ConditionError(`Filter ${type} requires a 'value'`);
    return filter.value;
  };
  const values = () => {
    if (!Array.isArray(filter.values)) throw new ConditionError(`Filter ${type} requires 'values'`);
    return filter.values.map(String);
  };
  switch (type) {
    case 'EQUAL_TO': return value() === actual;
    case 'NOT_EQUAL_TO': return value() !== actual;
    case 'IN': return actual !== null && values().includes(actual);
    case 'NOT_IN': return actual === null || !values().includes(actual);
    case 'IS_TRUE': return actual !== null && isKestraTruthy(actual);
    case 'IS_FALSE': return actual === null || !isKestraTruthy(actual);
    case 'IS_NULL': return actual === null;
    case 'IS_NOT_NULL': return actual !== null;
    case 'STARTS_WITH': return actual !== null && actual.startsWith(value());
    case 'ENDS_WITH': return actual !== null && actual.endsWith(value());
    // Java String.matches: the whole value must match
    case 'REGEX': return actual !== null && new RegExp(`^(?:${value()})$`).test(actual);
    case 'CONTAINS': return actual !== null && actual.includes(value());
    default: throw new ConditionError(`Invalid filter type '${String(filter.type)}'`);
  }
}

/** `where[]` entry: its filters combined with AND (default) or OR */
function whereEntry(entry: Record<string, unknown>, ctx: ConditionContext): boolean {
  const filters = Array.isArray(entry.filters) ? entry.filters : [];
  const operand = String(entry.operand ?? 'AND').toUpperCase();
  if (operand === 'OR') return filters.some((f) => matchFilter(f, ctx));
  if (operand === 'AND') return filters.every((f) => matchFilter(f, ctx));
  throw new ConditionError(`Invalid operand '${String(entry.operand)}'`);
}

/** sub-condition names follow Kestra's numbering: condition_<n> for flows, condition_<n>_<where id> for filters */
function subConditions(pre: Record<string, unknown>, ctx: ConditionContext): Record<string, SubCondition> {
  const out: Record<string, SubCondition> = {};
  let n = 0;
  for (const entry of Array.isArray(pre.flows) ? pre.flows : []) {
    if (!isPlainObject(entry)) throw new ConditionError('Invalid preconditions.flows entry');
    out[`condition_${++n}`] = guarded(() => upstreamFlow(entry, ctx));
  }
  for (const entry of Array.isArray(pre.where) ? pre.where : []) {
    if (!isPlainObject(entry)) throw new ConditionError('Invalid preconditions.where entry');
    out[`condition_${++n}_${String(entry.id ?? '')}`] = guarded(() => whereEntry(entry, ctx));
  }
  return out;
}

export function evaluatePreconditions(pre: unknown, ctx: ConditionContext, store: WindowStore, keyPrefix: string): ConditionResult {
  if (pre === undefined || pre === null) return { ok: true };
  try {
    if (!isPlainObject(pre)) throw new ConditionError('preconditions must be an object');
    const id = typeof pre.id === 'string' && pre.id ? pre.id : DEFAULT_ID;
    return runWindow({
      id,
      timeWindow: toTimeWindow(pre.timeWindow, {}, ctx),
      resetOnSuccess: pre.resetOnSuccess !== false,
      conditions: subConditions(pre, ctx),
    }, ctx, store, keyPrefix);
  } catch (e) {
    return { ok: false, error: `preconditions: ${errorMessage(e)}` };
  }
}
