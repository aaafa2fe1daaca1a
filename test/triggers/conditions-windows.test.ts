import { describe, expect, test } from 'bun:test';
import type { StateType } from '../../src/executions/state.ts';
import {
  createMemoryWindowStore, evaluateConditions, evaluateMultiple, windowKey, type WindowStore,
} from '../../src/triggers/conditions/index.ts';
import { flowCtx, P, upstream } from './conditions-helpers.ts';

const at = (iso: string) => Date.parse(iso);
const PREFIX = 'main_company.team_downstream_listen';
const run = (flowId: string, current: StateType = 'SUCCESS') => upstream({ id: `${flowId}-${current}`, flowId, current });

const multiple = (extra: Record<string, unknown> = {}) => ({
  id: 'both', type: `${P}MultipleCondition`,
  conditions: {
    flowA: { type: `${P}ExecutionFlow`, namespace: 'company.team', flowId: 'a' },
    flowB: { type: `${P}ExecutionFlow`, namespace: 'company.team', flowId: 'b' },
  },
  ...extra,
});

function driver(def: ReturnType<typeof multiple>, store: WindowStore = createMemoryWindowStore(), timezone?: string) {
  return {
    store,
    fire: (flowId: string, iso: string, current: StateType = 'SUCCESS') =>
      evaluateMultiple(def, flowCtx(run(flowId, current), at(iso), timezone), store, PREFIX),
    state: () => store.get(windowKey(PREFIX, def.id)),
  };
}

describe('MultipleCondition (DURATION_WINDOW, default P1D from midnight)', () => {
  test('two upstream flows inside the window fire once, then the window resets', () => {
    const d = driver(multiple());
    expect(d.fire('a', '2024-12-20T10:00:00Z')).toEqual({ ok: false });
    expect(d.state()).toEqual({ start: at('2024-12-20T00:00:00Z'), end: at('2024-12-21T00:00:00Z'), results: { flowA: true } });
    expect(d.fire('a', '2024-12-20T10:30:00Z')).toEqual({ ok: false });
    expect(d.fire('b', '2024-12-20T11:00:00Z')).toEqual({ ok: true });
    expect(d.state()).toBeUndefined();
    expect(d.fire('b', '2024-12-20T12:00:00Z')).toEqual({ ok: false });
  });

  test('upstream executions in different windows do not combine', () => {
    const d = driver(multiple());
    expect(d.fire('a', '2024-12-20T23:59:00Z').ok).toBe(false);
    expect(d.fire('b', '2024-12-21T00:01:00Z').ok).toBe(false);
    expect(d.state()!.results).toEqual({ flowB: true });
    expect(d.fire('a', '2024-12-21T08:00:00Z').ok).toBe(true);
  });

  test('resetOnSuccess: false keeps firing for each later match in the window', () => {
    const d = driver(multiple({ resetOnSuccess: false }));
    d.fire('a', '2024-12-20T10:00:00Z');
    expect(d.fire('b', '2024-12-20T11:00:00Z').ok).toBe(true);
    expect(d.fire('b', '2024-12-20T12:00:00Z').ok).toBe(true);
    expect(d.fire('a', '2024-12-21T01:00:00Z').ok).toBe(false); // next day: a new window
  });

  test('window + windowAdvance lay out consecutive windows (legacy top-level properties)', () => {
    const d = driver(multiple({ window: 'PT6H', windowAdvance: 'PT6H' }));
    d.fire('a', '2024-12-20T03:00:00Z');
    expect(d.state()).toMatchObject({ start: at('2024-12-20T00:00:00Z'), end: at('2024-12-20T06:00:00Z') });
    expect(d.fire('b', '2024-12-20T06:00:00Z').ok).toBe(false);
    expect(d.state()).toMatchObject({ start: at('2024-12-20T06:00:00Z'), end: at('2024-12-20T12:00:00Z'), results: { flowB: true } });
  });

  test('days are cut in the context timezone', () => {
    const d = driver(multiple({ timeWindow: { type: 'DURATION_WINDOW', window: 'P1D' } }), createMemoryWindowStore(), 'Europe/Paris');
    d.fire('a', '2024-12-20T23:30:00Z'); // already the 21st in Paris
    expect(d.state()).toMatchObject({ start: at('2024-12-20T23:00:00Z'), end: at('2024-12-21T23:00:00Z') });
  });

  test('a throwing sub-condition counts as unmet, with the error', () => {
    const def = multiple();
    (def.conditions as Record<string, unknown>).broken = { type: `${P}Expression`, expression: '{{ missing }}' };
    const d = driver(def);
    const r = d.fire('a', '2024-12-20T10:00:00Z');
    expect(r.ok).toBe(false);
    expect(r.error).toContain('broken: Expression:');
    expect(d.state()!.results).toEqual({ flowA: true });
  });

  test('inside a condition list it needs the window store', () => {
    const store = createMemoryWindowStore();
    const list = [{ type: `${P}ExecutionStatus`, in: ['SUCCESS'] }, multiple()];
    expect(evaluateConditions(list, flowCtx(run('a'), at('2024-12-20T10:00:00Z'))).error).toContain('window store');
    const windows = { store, keyPrefix: PREFIX };
    expect(evaluateConditions(list, flowCtx(run('a'), at('2024-12-20T10:00:00Z')), windows).ok).toBe(false);
    expect(evaluateConditions(list, flowCtx(run('b'), at('2024-12-20T10:05:00Z')), windows).ok).toBe(true);
    const legacy = { ...multiple(), type: 'io.kestra.core.models.conditions.types.MultipleCondition' };
    expect(evaluateConditions([legacy], flowCtx(run('a'), at('2024-12-20T10:00:00Z')), windows).ok).toBe(false);
  });

  test('invalid definitions are errors', () => {
    expect(driver(multiple({ window: 'soon' })).fire('a', '2024-12-20T10:00:00Z').error).toContain("Invalid duration 'soon'");
    expect(driver(multiple({ timeWindow: { type: 'WEEKLY' } })).fire('a', '2024-12-20T10:00:00Z').error).toContain('WEEKLY');
    expect(evaluateMultiple({ id: 'x' } as never, flowCtx(run('a')), createMemoryWindowStore(), PREFIX).error).toContain("'conditions'");
  });
});

describe('other time windows', () => {
  test('SLIDING_WINDOW opens at the first match and lasts `window`', () => {
    const d = driver(multiple({ timeWindow: { type: 'SLIDING_WINDOW', window: 'PT1H' } }));
    expect(d.fire('c', '2024-12-20T10:00:00Z').ok).toBe(false); // nothing met: no window is kept
    expect(d.state()).toBeUndefined();
    expect(d.fire('a', '2024-12-20T10:20:00Z').ok).toBe(false);
    expect(d.state()).toMatchObject({ start: at('2024-12-20T10:20:00Z'), end: at('2024-12-20T11:20:00Z') });
    expect(d.fire('b', '2024-12-20T11:19:59Z').ok).toBe(true);
    d.fire('a', '2024-12-20T12:00:00Z');
    expect(d.fire('b', '2024-12-20T13:00:00Z').ok).toBe(false); // the 12:00 window has expired
    expect(d.state()).toMatchObject({ start: at('2024-12-20T13:00:00Z'), results: { flowB: true } });
  });

  test('DAILY_TIME_WINDOW only counts executions between startTime and endTime', () => {
    const d = driver(multiple({ timeWindow: { type: 'DAILY_TIME_WINDOW', startTime: '06:00:00', endTime: '09:00:00' } }));
    expect(d.fire('a', '2024-12-20T05:59:00Z').ok).toBe(false);
    expect(d.state()).toBeUndefined();
    d.fire('a', '2024-12-20T07:00:00Z');
    expect(d.fire('b', '2024-12-20T08:59:00Z').ok).toBe(true);
    d.fire('a', '2024-12-21T08:00:00Z');
    expect(d.fire('b', '2024-12-21T09:30:00Z').ok).toBe(false);
    expect(d.state()).toBeUndefined(); // the expired window was dropped
  });

  test('DAILY_TIME_WINDOW in the context timezone', () => {
    const d = driver(multiple({ timeWindow: { type: 'DAILY_TIME_WINDOW', startTime: '06:00', endTime: '09:00' } }),
      createMemoryWindowStore(), 'Europe/Paris');
    d.fire('a', '2024-12-20T07:30:00Z'); // 08:30 in Paris
    expect(d.state()).toMatchObject({ start: at('2024-12-20T05:00:00Z'), end: at('2024-12-20T08:00:00Z') });
    expect(d.fire('b', '2024-12-20T08:30:00Z').ok).toBe(false); // 09:30 in Paris
  });

  test('DAILY_TIME_DEADLINE counts from midnight until the deadline', () => {
    const d = driver(multiple({ timeWindow: { type: 'DAILY_TIME_DEADLINE', deadline: '09:00:00' } }));
    d.fire('a', '2024-12-20T00:30:00Z');
    expect(d.state()).toMatchObject({ start: at('2024-12-20T00:00:00Z'), end: at('2024-12-20T09:00:00Z') });
    expect(d.fire('b', '2024-12-20T08:00:00Z').ok).toBe(true);
    d.fire('a', '2024-12-21T08:00:00Z');
    expect(d.fire('b', '2024-12-21T10:00:00Z').ok).toBe(false);
    expect(driver(multiple({ timeWindow: { type: 'DAILY_TIME_DEADLINE' } })).fire('a', '2024-12-20T08:00:00Z').error).toContain("'deadline'");
  });
});
