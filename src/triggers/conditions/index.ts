// Trigger conditions (engine-contract §5.2-§5.5): pure evaluation over a ConditionContext.
// Schedule and webhook callers use evaluateConditions; the flow-trigger listener also uses
// evaluateMultiple / evaluatePreconditions with a WindowStore it owns (memory or persisted).
export type {
  ConditionContext, ConditionResult, WindowStore, WindowState, WindowOptions, ConditionDef, Evaluator,
} from './types.ts';
export { ConditionError } from './types.ts';
export { evaluateConditions, evaluateMultiple, testCondition, safeTest, type MultipleDef } from './evaluate.ts';
export { evaluatePreconditions } from './preconditions.ts';
export { createMemoryWindowStore, windowKey } from './window-runner.ts';
export { createConditionContext, type ConditionContextInput } from './context.ts';
export { CONDITION_EVALUATORS, conditionName, isMultipleCondition } from './registry.ts';
export { SUPPORTED_HOLIDAY_COUNTRIES, easterSunday } from './public-holidays.ts';
