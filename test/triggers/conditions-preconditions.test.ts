import { describe, expect, test } from 'bun:test';
import type { Execution } from '../../src/executions/model.ts';
import { createMemoryWindowStore, evaluatePreconditions, windowKey } from '../../src/triggers/conditions/index.ts';
import { flowCtx, upstream } from './conditions-helpers.ts';

const at = (iso: string) => Date.parse(iso);
const PREFIX = 'main_company.team_downstream_listen';

describe('preconditions.flows', () => {
  const pre = {
    id: 'pre',
    flows: [
      { namespace: 'company.team', flowId: 'a', states: ['SUCCESS'] },
      { namespace: 'company.team', flowId: 'b', labels: { env: 'prod' } },
    ],
  };

  test('states and labels must match; the window fires once all entries were met', () => {
    const store = createMemoryWindowStore();
    const fire = (e: Execution, iso: string) => evaluatePreconditions(pre, flowCtx(e, at(iso)), store, PREFIX);
    expect(fire(upstream({ flowId: 'a', current: 'FAILED' }), '2024-12-20T10:00:00Z')).toEqual({ ok: false });
    expect(store.get(windowKey(PREFIX, 'pre'))).toBeUndefined();
    expect(fire(upstream({ flowId: 'a' }), '2024-12-20T10:01:00Z')).toEqual({ ok: false });
    expect(store.get(windowKey(PREFIX, 'pre'))!.results).toEqual({ condition_1: true });
    expect(fire(upstream({ flowId: 'b', labels: [{ key: 'env', value: 'dev' }] }), '2024-12-20T10:02:00Z').ok).toBe(false);
    expect(fire(upstream({ flowId: 'b', namespace: 'other', labels: [{ key: 'env', value: 'prod' }] }), '2024-12-20T10:03:00Z').ok).toBe(false);
    expect(fire(upstream({ flowId: 'b', current: 'FAILED', labels: [{ key: 'env', value: 'prod' }] }), '2024-12-20T10:04:00Z')).toEqual({ ok: true });
    expect(store.get(windowKey(PREFIX, 'pre'))).toBeUndefined(); // resetOnSuccess defaults to true
  });

  test('resetOnSuccess: false and a timeWindow', () => {
    const store = createMemoryWindowStore();
    const p = { ...pre, resetOnSuccess: false, timeWindow: { type: 'DURATION_WINDOW', window: 'PT1H' } };
    const fire = (e: Execution, iso: string) => evaluatePreconditions(p, flowCtx(e, at(iso)), store, PREFIX).ok;
    const b = upstream({ flowId: 'b', labels: [{ key: 'env', value: 'prod' }] });
    expect(fire(upstream({ flowId: 'a' }), '2024-12-20T10:10:00Z')).toBe(false);
    expect(fire(b, '2024-12-20T10:20:00Z')).toBe(true);
    expect(fire(b, '2024-12-20T10:50:00Z')).toBe(true);
    expect(fire(b, '2024-12-20T11:00:00Z')).toBe(false); // next hour window
  });

  test('labels written as a list; flowId optional', () => {
    const store = createMemoryWindowStore();
    const p = { id: 'ns', flows: [{ namespace: 'company.team', labels: [{ key: 'team', value: 'data' }] }] };
    expect(evaluatePreconditions(p, flowCtx(upstream({ flowId: 'z', labels: [{ key: 'team', value: 'data' }] })), store, PREFIX).ok).toBe(true);
    expect(evaluatePreconditions(p, flowCtx(upstream({ flowId: 'z' })), store, PREFIX).ok).toBe(false);
  });

  test('no preconditions, or none to wait for, hold', () => {
    const store = createMemoryWindowStore();
    expect(evaluatePreconditions(undefined, flowCtx(upstream()), store, PREFIX)).toEqual({ ok: true });
    expect(evaluatePreconditions({ id: 'empty' }, flowCtx(upstream()), store, PREFIX)).toEqual({ ok: true });
    expect(evaluatePreconditions('nope', flowCtx(upstream()), store, PREFIX).error).toContain('preconditions must be an object');
  });
});

describe('preconditions.where', () => {
  const e = upstream({ namespace: 'company.team', flowId: 'etl_daily', current: 'WARNING', outputs: { ready: true, rows: 0 } });
  const where = (filters: unknown[], operand?: string) =>
    evaluatePreconditions({ id: 'w', where: [{ id: 'f', operand, filters }] }, flowCtx(e), createMemoryWindowStore(), PREFIX);
  const one = (field: string, type: string, extra: Record<string, unknown> = {}) => where([{ field, type, ...extra }]).ok;

  test('every filter type', () => {
    expect(one('FLOW_ID', 'EQUAL_TO', { value: 'etl_daily' })).toBe(true);
    expect(one('FLOW_ID', 'NOT_EQUAL_TO', { value: 'etl_daily' })).toBe(false);
    expect(one('STATE', 'IN', { values: ['SUCCESS', 'WARNING'] })).toBe(true);
    expect(one('STATE', 'NOT_IN', { values: ['SUCCESS', 'WARNING'] })).toBe(false);
    expect(one('NAMESPACE', 'STARTS_WITH', { value: 'company.' })).toBe(true);
    expect(one('NAMESPACE', 'ENDS_WITH', { value: '.team' })).toBe(true);
    expect(one('FLOW_ID', 'CONTAINS', { value: 'daily' })).toBe(true);
    expect(one('FLOW_ID', 'REGEX', { value: 'etl_.*' })).toBe(true);
    expect(one('FLOW_ID', 'REGEX', { value: 'etl' })).toBe(false); // whole-value match, as Java's matches()
    expect(one('FLOW_ID', 'IS_NULL')).toBe(false);
    expect(one('FLOW_ID', 'IS_NOT_NULL')).toBe(true);
    expect(one('EXPRESSION', 'IS_TRUE', { value: '{{ trigger.outputs.ready }}' })).toBe(true);
    expect(one('EXPRESSION', 'IS_FALSE', { value: '{{ trigger.outputs.rows }}' })).toBe(true); // "0" is falsy here
    expect(one('EXPRESSION', 'IS_TRUE', { value: '{{ trigger.state == "SUCCESS" }}' })).toBe(false);
    expect(one('EXPRESSION', 'IS_NULL')).toBe(true); // no value to render
  });

  test('operands AND (default) and OR', () => {
    const filters = [{ field: 'STATE', type: 'EQUAL_TO', value: 'SUCCESS' }, { field: 'FLOW_ID', type: 'STARTS_WITH', value: 'etl' }];
    expect(where(filters).ok).toBe(false);
    expect(where(filters, 'AND').ok).toBe(false);
    expect(where(filters, 'OR').ok).toBe(true);
  });

  test('flows and where are numbered into one window', () => {
    const store = createMemoryWindowStore();
    const pre = { id: 'mix', flows: [{ namespace: 'company.team', flowId: 'a' }], where: [{ id: 'ok', filters: [{ field: 'STATE', type: 'EQUAL_TO', value: 'WARNING' }] }] };
    expect(evaluatePreconditions(pre, flowCtx(e), store, PREFIX).ok).toBe(false);
    expect(store.get(windowKey(PREFIX, 'mix'))!.results).toEqual({ condition_2_ok: true });
    expect(evaluatePreconditions(pre, flowCtx(upstream({ flowId: 'a' })), store, PREFIX).ok).toBe(true);
  });

  test('a filter that throws is unmet, with the error', () => {
    const r = where([{ field: 'EXPRESSION', type: 'IS_TRUE', value: '{{ missing.thing }}' }]);
    expect(r.ok).toBe(false);
    expect(r.error).toContain('condition_1_f');
    expect(where([{ field: 'FLOW_ID', type: 'EQUAL_TO' }]).error).toContain("requires a 'value'");
    expect(where([{ field: 'COLOR', type: 'EQUAL_TO', value: 'x' }]).error).toContain("Invalid filter field 'COLOR'");
  });

  test('windows apply to preconditions as well', () => {
    const store = createMemoryWindowStore();
    const pre = {
      id: 'late', timeWindow: { type: 'DAILY_TIME_DEADLINE', deadline: '09:00' },
      flows: [{ namespace: 'company.team', flowId: 'a' }, { namespace: 'company.team', flowId: 'b' }],
    };
    expect(evaluatePreconditions(pre, flowCtx(upstream({ flowId: 'a' }), at('2024-12-20T08:00:00Z')), store, PREFIX).ok).toBe(false);
    expect(evaluatePreconditions(pre, flowCtx(upstream({ flowId: 'b' }), at('2024-12-20T09:00:00Z')), store, PREFIX).ok).toBe(false);
  });
});
