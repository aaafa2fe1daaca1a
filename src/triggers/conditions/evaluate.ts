// Entry points over condition definitions: a list (or map) of conditions that must all hold, and
// MultipleCondition windows. A condition that throws counts as false and its message is returned
// for the caller to log (Kestra's ConditionService logs and moves on).
import { CONDITION_EVALUATORS, conditionName } from './registry.ts';
import { toTimeWindow } from './time-window.ts';
import { runWindow, type SubCondition } from './window-runner.ts';
import {
  ConditionError, errorMessage, type ConditionContext, type ConditionResult, type EvalEnv,
  type WindowOptions, type WindowStore,
} from './types.ts';
import { isPlainObject } from '../../shared/guards.ts';

/** evaluates one condition definition; throws on evaluation problems */
export function testCondition(def: unknown, ctx: ConditionContext, windows?: WindowOptions): boolean {
  if (!isPlainObject(def)) throw new ConditionError(`Invalid condition ${JSON.stringify(def)}`);
  const name = conditionName(def.type);
  if (name === 'MultipleCondition') {
    if (!windows) throw new ConditionError('MultipleCondition needs a window store (use evaluateMultiple)');
    const r = evaluateMultiple(def as unknown as MultipleDef, ctx, windows.store, windows.keyPrefix);
    if (r.error && !r.ok) throw new ConditionError(r.error);
    return r.ok;
  }
  const evaluator = name === undefined ? undefined : CONDITION_EVALUATORS[name];
  if (!evaluator) throw new ConditionError(`Unknown condition type '${String(def.type)}'`);
  const env: EvalEnv = { test: (child) => testCondition(child, ctx, windows), ...(windows ? { windows } : {}) };
  return evaluator(def, ctx, env);
}

const label = (def: unknown) => {
  const type = isPlainObject(def) ? def.type : undefined;
  return conditionName(type) ?? String(type ?? 'condition');
};

/** never throws: false + error when evaluation failed */
export function safeTest(def: unknown, ctx: ConditionContext, windows?: WindowOptions): ConditionResult {
  try {
    return { ok: testCondition(def, ctx, windows) };
  } catch (e) {
    return { ok: false, error: `${label(def)}: ${errorMessage(e)}` };
  }
}

/**
 * Every condition must hold (list semantics; a map's values are treated as a list). Stops at the first
 * condition that is false or throws. MultipleCondition items need `windows`, otherwise they are errors.
 */
export function evaluateConditions(
  conditions: unknown[] | Record<string, unknown> | undefined,
  ctx: ConditionContext,
  windows?: WindowOptions,
): ConditionResult {
  if (conditions === undefined || conditions === null) return { ok: true };
  const list = Array.isArray(conditions) ? conditions : isPlainObject(conditions) ? Object.values(conditions) : undefined;
  if (!list) return { ok: false, error: 'conditions must be a list' };
  for (const def of list) {
    const r = safeTest(def, ctx, windows);
    if (!r.ok) return r;
  }
  return { ok: true };
}

export interface MultipleDef {
  id: string;
  timeWindow?: unknown;
  window?: string;
  windowAdvance?: string;
  resetOnSuccess?: boolean;
  conditions: Record<string, unknown>;
}

/** MultipleCondition: records which sub-conditions the upstream execution satisfied in the current window */
export function evaluateMultiple(def: MultipleDef, ctx: ConditionContext, store: WindowStore, keyPrefix: string): ConditionResult {
  try {
    if (!isPlainObject(def) || typeof def.id !== 'string' || !def.id) throw new ConditionError("Missing required property 'id'");
    if (!isPlainObject(def.conditions)) throw new ConditionError("Property 'conditions' must be a map of conditions");
    const conditions: Record<string, SubCondition> = {};
    // sub-conditions are plain conditions over the upstream execution; nested windows are not supported
    for (const [name, sub] of Object.entries(def.conditions)) conditions[name] = () => safeTest(sub, ctx);
    return runWindow({
      id: def.id,
      timeWindow: toTimeWindow(def.timeWindow, def, ctx),
      resetOnSuccess: def.resetOnSuccess !== false,
      conditions,
    }, ctx, store, keyPrefix);
  } catch (e) {
    return { ok: false, error: `MultipleCondition: ${errorMessage(e)}` };
  }
}
