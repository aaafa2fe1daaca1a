// Shared fixtures for the condition tests: a context over the real expression engine and
// upstream executions built without the engine.
import { createExpressionEngine } from '../../src/expressions/index.ts';
import type { Execution, TaskRun } from '../../src/executions/model.ts';
import { newState, withState, type StateType } from '../../src/executions/state.ts';
import { createConditionContext, type ConditionContext } from '../../src/triggers/conditions/index.ts';

export const engine = createExpressionEngine();
export const T0 = Date.UTC(2024, 11, 20, 10, 0, 0); // Friday 2024-12-20 10:00 UTC

export function ctxOf(over: { variables?: Record<string, unknown>; execution?: Execution; now?: number; timezone?: string } = {}): ConditionContext {
  return createConditionContext({
    engine,
    variables: over.variables ?? {},
    execution: over.execution,
    now: over.now ?? T0,
    timezone: over.timezone,
  });
}

/** a schedule context whose candidate slot is `date` */
export const slot = (date: string, timezone?: string) =>
  ctxOf({ variables: { trigger: { date, next: date, previous: date }, schedule: { date } }, timezone });

export function upstream(over: Partial<Execution> & { current?: StateType } = {}): Execution {
  const { current = 'SUCCESS', ...rest } = over;
  const state = current === 'CREATED' ? newState(T0) : withState(newState(T0), current, T0 + 1000);
  return {
    tenant: 'main', id: 'up1', namespace: 'company.team', flowId: 'upstream', flowRevision: 1, taskRunList: [],
    labels: [], state, originalId: 'up1', deleted: false, metadata: { attemptNumber: 1, originalCreatedDate: T0 },
    ...rest,
  };
}

export function taskRun(attemptStates: StateType[]): TaskRun {
  return {
    id: 'tr', executionId: 'up1', namespace: 'company.team', flowId: 'upstream', taskId: 't', outputs: null,
    state: newState(T0, attemptStates[attemptStates.length - 1] ?? 'SUCCESS'),
    attempts: attemptStates.map((s) => ({ state: newState(T0, s) })),
  };
}

/** a flow-trigger context for an upstream execution (variables as the listener builds them) */
export function flowCtx(execution: Execution, now = T0, timezone?: string): ConditionContext {
  return ctxOf({
    execution, now, timezone,
    variables: {
      flow: { id: 'downstream', namespace: 'company.team' },
      trigger: {
        executionId: execution.id, namespace: execution.namespace, flowId: execution.flowId,
        flowRevision: execution.flowRevision, state: execution.state.current, outputs: execution.outputs ?? {},
      },
      outputs: execution.outputs ?? {},
    },
  });
}

export const P = 'io.kestra.plugin.core.condition.';
