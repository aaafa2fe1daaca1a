import { describe, expect, test } from 'bun:test';
import { evaluateConditions, testCondition } from '../../src/triggers/conditions/index.ts';
import { ctxOf, flowCtx, P, taskRun, upstream } from './conditions-helpers.ts';

const LEGACY = 'io.kestra.core.models.conditions.types.';

describe('ExecutionStatus', () => {
  test('in / notIn over the upstream current state', () => {
    const ctx = flowCtx(upstream({ current: 'FAILED' }));
    expect(testCondition({ type: `${P}ExecutionStatus`, in: ['FAILED', 'WARNING'] }, ctx)).toBe(true);
    expect(testCondition({ type: `${P}ExecutionStatus`, in: ['SUCCESS'] }, ctx)).toBe(false);
    expect(testCondition({ type: `${P}ExecutionStatus`, notIn: ['FAILED'] }, ctx)).toBe(false);
    expect(testCondition({ type: `${P}ExecutionStatus`, in: ['FAILED'], notIn: ['SUCCESS'] }, ctx)).toBe(true);
    expect(testCondition({ type: `${P}ExecutionStatus` }, ctx)).toBe(true);
  });

  test('both legacy aliases resolve', () => {
    const ctx = flowCtx(upstream({ current: 'SUCCESS' }));
    expect(testCondition({ type: `${LEGACY}ExecutionStatusCondition`, in: ['SUCCESS'] }, ctx)).toBe(true);
    expect(testCondition({ type: `${P}ExecutionStatusCondition`, in: ['SUCCESS'] }, ctx)).toBe(true);
  });

  test('without an execution it is an error, reported as false', () => {
    const r = evaluateConditions([{ type: `${P}ExecutionStatus`, in: ['SUCCESS'] }], ctxOf());
    expect(r.ok).toBe(false);
    expect(r.error).toContain('Invalid condition with null execution');
  });
});

describe('ExecutionFlow / ExecutionNamespace', () => {
  const ctx = flowCtx(upstream({ namespace: 'company.team.sub', flowId: 'etl' }));

  test('ExecutionFlow needs namespace and flowId to match', () => {
    expect(testCondition({ type: `${P}ExecutionFlow`, namespace: 'company.team.sub', flowId: 'etl' }, ctx)).toBe(true);
    expect(testCondition({ type: `${P}ExecutionFlow`, namespace: 'company.team', flowId: 'etl' }, ctx)).toBe(false);
    expect(testCondition({ type: `${LEGACY}ExecutionFlowCondition`, namespace: '{{ "company.team.sub" }}', flowId: 'etl' }, ctx)).toBe(true);
    expect(evaluateConditions([{ type: `${P}ExecutionFlow`, namespace: 'company.team.sub' }], ctx).error).toContain("'flowId'");
  });

  test('ExecutionNamespace comparisons and the prefix shortcut', () => {
    const ns = (extra: Record<string, unknown>) => testCondition({ type: `${P}ExecutionNamespace`, ...extra }, ctx);
    expect(ns({ namespace: 'company.team.sub' })).toBe(true);
    expect(ns({ namespace: 'company.team' })).toBe(false);
    expect(ns({ namespace: 'company.team', comparison: 'PREFIX' })).toBe(true);
    expect(ns({ namespace: 'team.sub', comparison: 'SUFFIX' })).toBe(true);
    expect(ns({ namespace: 'company.team', prefix: true })).toBe(true);
    expect(ns({ namespace: 'company.team', prefix: true, comparison: 'EQUALS' })).toBe(false);
  });
});

describe('ExecutionLabels', () => {
  const ctx = flowCtx(upstream({ labels: [{ key: 'team', value: 'data' }, { key: 'env', value: 'prod' }, { key: 'n', value: '1' }] }));

  test('as a map: every label must be present', () => {
    expect(testCondition({ type: `${P}ExecutionLabels`, labels: { team: 'data' } }, ctx)).toBe(true);
    expect(testCondition({ type: `${P}ExecutionLabels`, labels: { team: 'data', env: 'prod', n: 1 } }, ctx)).toBe(true);
    expect(testCondition({ type: `${P}ExecutionLabels`, labels: { team: 'data', env: 'dev' } }, ctx)).toBe(false);
  });

  test('as a list of {key, value}', () => {
    expect(testCondition({ type: `${P}ExecutionLabels`, labels: [{ key: 'env', value: 'prod' }] }, ctx)).toBe(true);
    expect(testCondition({ type: `${LEGACY}ExecutionLabelsCondition`, labels: [{ key: 'env', value: 'qa' }] }, ctx)).toBe(false);
  });
});

describe('ExecutionOutputs', () => {
  test('the expression sees trigger.outputs of the upstream execution', () => {
    const ctx = flowCtx(upstream({ outputs: { count: 3, name: 'x' } }));
    expect(testCondition({ type: `${P}ExecutionOutputs`, expression: '{{ trigger.outputs.count > 2 }}' }, ctx)).toBe(true);
    expect(testCondition({ type: `${P}ExecutionOutputs`, expression: '{{ trigger.outputs.count > 5 }}' }, ctx)).toBe(false);
    expect(testCondition({ type: `${P}ExecutionOutputsCondition`, expression: '{{ trigger.outputs.name }}' }, ctx)).toBe(true);
  });

  test('adds trigger.outputs when the caller variables lack it', () => {
    const ctx = ctxOf({ execution: upstream({ outputs: { ok: true } }), variables: { trigger: { executionId: 'up1' } } });
    expect(testCondition({ type: `${P}ExecutionOutputs`, expression: '{{ trigger.outputs.ok }}' }, ctx)).toBe(true);
  });

  test('no flow outputs is plainly false', () => {
    const r = evaluateConditions([{ type: `${P}ExecutionOutputs`, expression: '{{ true }}' }], flowCtx(upstream()));
    expect(r).toEqual({ ok: false });
  });
});

describe('HasRetryAttempt', () => {
  test('looks only at task runs with more than one attempt', () => {
    const retried = flowCtx(upstream({ taskRunList: [taskRun(['KILLED', 'SUCCESS'])] }));
    expect(testCondition({ type: `${P}HasRetryAttempt`, in: ['KILLED'] }, retried)).toBe(true);
    expect(testCondition({ type: `${P}HasRetryAttempt`, in: ['FAILED'] }, retried)).toBe(false);
    expect(testCondition({ type: `${P}HasRetryAttempt`, notIn: ['KILLED'] }, retried)).toBe(true); // the SUCCESS attempt
    expect(testCondition({ type: `${P}HasRetryAttempt`, notIn: ['KILLED', 'SUCCESS'] }, retried)).toBe(false);
    const once = flowCtx(upstream({ taskRunList: [taskRun(['FAILED'])] }));
    expect(testCondition({ type: `${LEGACY}HasRetryAttemptCondition`, in: ['FAILED'] }, once)).toBe(false);
  });
});

describe('deprecated FlowCondition / FlowNamespaceCondition', () => {
  test('match the upstream execution flow', () => {
    const ctx = flowCtx(upstream({ namespace: 'company.team', flowId: 'etl' }));
    expect(testCondition({ type: `${LEGACY}FlowCondition`, namespace: 'company.team', flowId: 'etl' }, ctx)).toBe(true);
    expect(testCondition({ type: `${P}FlowCondition`, namespace: 'company.team', flowId: 'other' }, ctx)).toBe(false);
    expect(testCondition({ type: `${LEGACY}FlowNamespaceCondition`, namespace: 'company', prefix: true }, ctx)).toBe(true);
    expect(testCondition({ type: `${LEGACY}FlowNamespaceCondition`, namespace: 'company' }, ctx)).toBe(false);
  });

  test('fall back to the flow variable without an execution', () => {
    const ctx = ctxOf({ variables: { flow: { id: 'etl', namespace: 'company.team' } } });
    expect(testCondition({ type: `${LEGACY}FlowCondition`, namespace: 'company.team', flowId: 'etl' }, ctx)).toBe(true);
  });
});
