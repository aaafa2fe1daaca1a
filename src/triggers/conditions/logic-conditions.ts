// Combinators. Children are evaluated in order; a child that throws makes the whole combinator
// throw (so the top-level condition is false with the error), as in Kestra.
import { isConditionTruthy } from '../../expressions/index.ts';
import { reqString } from './props.ts';
import { ConditionError, type ConditionDef, type Evaluator } from './types.ts';

function children(def: ConditionDef): unknown[] {
  const list = def.conditions;
  if (!Array.isArray(list) || list.length === 0) throw new ConditionError("Property 'conditions' must be a non-empty list");
  return list;
}

/** true when none of the children holds */
const not: Evaluator = (def, _ctx, env) => !children(def).some((c) => env.test(c));

/** true when at least one child holds (later children are not evaluated) */
const or: Evaluator = (def, _ctx, env) => children(def).some((c) => env.test(c));

/** rendered string non-blank and not "false" (the condition rule, not the If/runIf truthiness) */
const expression: Evaluator = (def, ctx) => isConditionTruthy(reqString(def, 'expression', ctx));

export const logicConditions: Record<string, Evaluator> = { Not: not, Or: or, Expression: expression };
