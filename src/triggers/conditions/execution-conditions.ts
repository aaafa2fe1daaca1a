// Conditions over the upstream execution (Flow triggers; also the webhook execution): status,
// flow, namespace, labels, outputs, retried attempts, and the deprecated listener conditions.
import { isConditionTruthy } from '../../expressions/index.ts';
import { hasLabel, optStates, optString, reqString, toLabels } from './props.ts';
import { ConditionError, requireExecution, type ConditionContext, type Evaluator } from './types.ts';
import { isPlainObject } from '../../shared/guards.ts';

const inAndNotIn = (state: string, inList?: string[], notIn?: string[]) =>
  (!inList || inList.includes(state)) && (!notIn || !notIn.includes(state));

const executionStatus: Evaluator = (def, ctx) => {
  const execution = requireExecution(ctx);
  return inAndNotIn(execution.state.current, optStates(def, 'in', ctx), optStates(def, 'notIn', ctx));
};

const executionFlow: Evaluator = (def, ctx) => {
  const execution = requireExecution(ctx);
  return execution.namespace === reqString(def, 'namespace', ctx) && execution.flowId === reqString(def, 'flowId', ctx);
};

function namespaceMatches(actual: string, expected: string, comparison: string): boolean {
  switch (comparison) {
    case 'EQUALS': return actual === expected;
    case 'PREFIX': return actual.startsWith(expected);
    case 'SUFFIX': return actual.endsWith(expected);
    default: throw new ConditionError(`Invalid comparison '${comparison}'`);
  }
}

const executionNamespace: Evaluator = (def, ctx) => {
  const execution = requireExecution(ctx);
  // the legacy `prefix: true` shortcut only applies when no explicit comparison is given
  const comparison = optString(def, 'comparison', ctx, false) ?? (def.prefix === true ? 'PREFIX' : 'EQUALS');
  return namespaceMatches(execution.namespace, reqString(def, 'namespace', ctx), comparison);
};

const executionLabels: Evaluator = (def, ctx) => {
  const execution = requireExecution(ctx);
  if (def.labels === undefined || def.labels === null) throw new ConditionError("Missing required property 'labels'");
  return toLabels(def.labels, ctx).every((l) => hasLabel(execution.labels ?? [], l));
};

/** `trigger.outputs` must be visible to the expression: added when the caller's variables lack it */
function withTriggerOutputs(ctx: ConditionContext, outputs: Record<string, unknown>): ConditionContext {
  const trigger = ctx.variables.trigger;
  if (isPlainObject(trigger) && trigger.outputs !== undefined) return ctx;
  const render = ctx.renderWith;
  if (!render) return ctx;
  const variables = { ...ctx.variables, trigger: { ...(isPlainObject(trigger) ? trigger : {}), outputs } };
  return { ...ctx, variables, render: (t) => render(t, variables) };
}

const executionOutputs: Evaluator = (def, ctx) => {
  const execution = requireExecution(ctx);
  // no flow outputs at all is simply false, not an error
  if (!execution.outputs || Object.keys(execution.outputs).length === 0) return false;
  const expression = reqString(def, 'expression', ctx, false);
  return isConditionTruthy(withTriggerOutputs(ctx, execution.outputs).render(expression));
};

const hasRetryAttempt: Evaluator = (def, ctx) => {
  const execution = requireExecution(ctx);
  const inList = optStates(def, 'in', ctx);
  const notIn = optStates(def, 'notIn', ctx);
  return execution.taskRunList.some((tr) =>
    (tr.attempts?.length ?? 0) > 1 && tr.attempts!.some((a) => inAndNotIn(a.state.current, inList, notIn)));
};

// Deprecated listener conditions: they were written against the flow being listened to, which is
// the upstream execution's flow; without an execution they fall back to the `flow` variable.
function subject(ctx: ConditionContext): { namespace: string; flowId: string } {
  if (ctx.execution) return ctx.execution;
  const flow = ctx.variables.flow;
  if (isPlainObject(flow) && typeof flow.namespace === 'string') return { namespace: flow.namespace, flowId: String(flow.id) };
  throw new ConditionError('Invalid condition with null execution');
}

const flowCondition: Evaluator = (def, ctx) => {
  const s = subject(ctx);
  return s.namespace === reqString(def, 'namespace', ctx) && s.flowId === reqString(def, 'flowId', ctx);
};

const flowNamespaceCondition: Evaluator = (def, ctx) => {
  const s = subject(ctx);
  return namespaceMatches(s.namespace, reqString(def, 'namespace', ctx), def.prefix === true ? 'PREFIX' : 'EQUALS');
};

export const executionConditions: Record<string, Evaluator> = {
  ExecutionStatus: executionStatus,
  ExecutionFlow: executionFlow,
  ExecutionNamespace: executionNamespace,
  ExecutionLabels: executionLabels,
  ExecutionOutputs: executionOutputs,
  HasRetryAttempt: hasRetryAttempt,
  FlowCondition: flowCondition,
  FlowNamespaceCondition: flowNamespaceCondition,
};
