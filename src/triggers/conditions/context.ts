// Builds a ConditionContext over an expression engine, so callers (scheduler, webhook, flow-trigger
// listener) and tests share one way of binding `render` to the variables.
import type { Execution } from '../../executions/model.ts';
import type { ExpressionEngine } from '../../expressions/index.ts';
import type { ConditionContext } from './types.ts';

export interface ConditionContextInput {
  engine: Pick<ExpressionEngine, 'render'>;
  variables: Record<string, unknown>;
  execution?: Execution;
  now: number;
  timezone?: string;
}

export function createConditionContext(input: ConditionContextInput): ConditionContext {
  const { engine, variables } = input;
  return {
    variables,
    render: (template) => engine.render(template, variables),
    renderWith: (template, vars) => engine.render(template, vars),
    ...(input.execution ? { execution: input.execution } : {}),
    now: input.now,
    ...(input.timezone ? { timezone: input.timezone } : {}),
  };
}
