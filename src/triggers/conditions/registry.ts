// Condition type -> evaluator. Types are resolved through the plugin catalog so every alias
// (`...types.<X>Condition`, `...condition.<X>Condition`, `VariableCondition`) lands on one entry.
import { defaultPluginCatalog } from '../../plugins/catalog.ts';
import { dateConditions } from './date-conditions.ts';
import { executionConditions } from './execution-conditions.ts';
import { logicConditions } from './logic-conditions.ts';
import type { Evaluator } from './types.ts';

const PREFIX = 'io.kestra.plugin.core.condition.';

/** MultipleCondition is not here: it needs the window store (see evaluate.ts) */
export const CONDITION_EVALUATORS: Readonly<Record<string, Evaluator>> = Object.freeze({
  ...executionConditions,
  ...dateConditions,
  ...logicConditions,
});

/** the short canonical name (`Expression`, `MultipleCondition`...) or undefined for a non-core type */
export function conditionName(type: unknown): string | undefined {
  if (typeof type !== 'string') return undefined;
  const canonical = defaultPluginCatalog().canonicalType(type.trim());
  return canonical.startsWith(PREFIX) ? canonical.slice(PREFIX.length) : undefined;
}

export const isMultipleCondition = (def: unknown): boolean =>
  typeof def === 'object' && def !== null && conditionName((def as { type?: unknown }).type) === 'MultipleCondition';
