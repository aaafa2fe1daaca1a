// Shared shapes of the condition evaluators (engine-contract §5.5). Evaluators are plain functions
// over a definition object; they THROW on evaluation problems and the top-level entry points turn
// a throw into `false` + error, as Kestra's ConditionService does.
import type { Execution } from '../../executions/model.ts';

export interface ConditionContext {
  /** expression variables: flow, trigger (slot dates for schedules; upstream {executionId, namespace, flowId,
   * flowRevision, state, outputs} for flow triggers; {body, headers, parameters} for webhooks), execution?,
   * outputs?, inputs?, labels?, envs, globals */
  variables: Record<string, unknown>;
  render(template: string): string;          // bound to variables
  /** optional: the same engine over other variables (ExecutionOutputs adds `trigger.outputs` when absent) */
  renderWith?(template: string, variables: Record<string, unknown>): string;
  /** the upstream execution, for Execution* conditions of Flow triggers */
  execution?: Execution;
  now: number;                               // epoch ms (injected clock)
  timezone?: string;                         // for date conditions without explicit zone
}

export interface ConditionResult { ok: boolean; error?: string }

/** Flow-trigger window state per (tenant, namespace, flowId, triggerId, conditionId), kept by the caller */
export interface WindowStore {
  get(key: string): WindowState | undefined;
  set(key: string, state: WindowState): void;
  delete(key: string): void;
}
/** `start` inclusive, `end` exclusive (epoch ms); `results` only ever holds sub-conditions that were met */
export interface WindowState { start: number; end: number; results: Record<string, boolean> }

/** Lets MultipleCondition items inside a plain condition list be evaluated (they need the window store). */
export interface WindowOptions { store: WindowStore; keyPrefix: string }

/** what an evaluator may call back into: nested conditions (Not / Or) and window-backed ones */
export interface EvalEnv {
  /** evaluates one nested condition definition; throws like any evaluator */
  test(def: unknown): boolean;
  windows?: WindowOptions;
}

export type ConditionDef = Record<string, unknown>;
export type Evaluator = (def: ConditionDef, ctx: ConditionContext, env: EvalEnv) => boolean;

/** An evaluation problem (Kestra's IllegalConditionEvaluation): the condition counts as false. */
export class ConditionError extends Error {
  override name = 'ConditionError';
}

export function requireExecution(ctx: ConditionContext): Execution {
  if (!ctx.execution) throw new ConditionError('Invalid condition with null execution');
  return ctx.execution;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
