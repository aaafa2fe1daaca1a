// The data reducer: bounded buffers, counters, flows and invalid files, purity.

import { describe, expect, test } from 'bun:test';
import { initialState, reduce, reduceAll } from '../../src/dashboard/state/state.ts';
import { counts, logsAtLevel, visibleExecutions } from '../../src/dashboard/state/selectors.ts';
import type { DashboardState } from '../../src/dashboard/model.ts';
import { log, row, T0 } from './helpers.ts';

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

describe('dashboard reducer: data', () => {
  test('seed sorts flows and puts the newest execution first', () => {
    const s = reduce(initialState(), {
      type: 'seed',
      flows: [{ tenant: 'main', namespace: 'b', id: 'x', revision: 1 }, { tenant: 'main', namespace: 'a', id: 'y', revision: 2 }],
      invalid: [{ file: 'bad.yml', message: 'tasks: must not be empty' }],
      executions: [row('old', 'SUCCESS', { start: T0 }), row('new', 'RUNNING', { start: T0 + 10 })],
    });
    expect(s.data.flows.map((f) => f.id)).toEqual(['y', 'x']);
    expect(s.data.executions.map((e) => e.id)).toEqual(['new', 'old']);
    expect(counts(s)).toEqual({ flows: 2, invalid: 1, running: 1, succeeded: 1, failed: 0 });
  });

  test('flow.changed upserts by namespace.id and deletes; invalid files come and go', () => {
    let s = initialState();
    const flow = { tenant: 'main', namespace: 'company.team', id: 'hello', revision: 1 };
    s = reduceAll(s, [
      { type: 'flow.changed', flow, deleted: false },
      { type: 'flow.changed', flow: { ...flow, revision: 2 }, deleted: false },
      { type: 'flow.invalid', file: { file: 'bad.yml', message: 'id: required' } },
      { type: 'flow.invalid', file: { file: 'bad.yml', message: 'tasks: required' } },
    ]);
    expect(s.data.flows).toEqual([{ ...flow, revision: 2 }]);
    expect(s.data.invalid).toEqual([{ file: 'bad.yml', message: 'tasks: required' }]);
    s = reduceAll(s, [{ type: 'flow.valid', file: 'bad.yml' }, { type: 'flow.changed', flow, deleted: true }]);
    expect(s.data.flows).toEqual([]);
    expect(s.data.invalid).toEqual([]);
  });

  test('an execution row is replaced in place; success and failure counters follow transitions', () => {
    let s = reduceAll(initialState(), [{ type: 'execution', row: row('e1') }, { type: 'execution', row: row('e2', 'RUNNING', { start: T0 + 1 }) }]);
    expect(counts(s).running).toBe(2);
    s = reduceAll(s, [{ type: 'execution', row: row('e1', 'SUCCESS', { end: T0 + 5 }) }, { type: 'execution', row: row('e1', 'SUCCESS', { end: T0 + 5 }) }]);
    s = reduce(s, { type: 'execution', row: row('e2', 'FAILED', { start: T0 + 1, end: T0 + 9 }) });
    expect(s.data.executions.map((e) => [e.id, e.state])).toEqual([['e2', 'FAILED'], ['e1', 'SUCCESS']]);
    expect(counts(s)).toMatchObject({ running: 0, succeeded: 1, failed: 1 });
  });

  test('a deleted execution leaves the list, its logs and the counters', () => {
    let s = reduceAll(initialState(), [
      { type: 'execution', row: row('keep', 'FAILED', { end: T0 + 2 }) },
      { type: 'execution', row: row('gone', 'SUCCESS', { start: T0 + 1, end: T0 + 3 }) },
      log('gone', 'a'), log('gone', 'b'), log('keep', 'c'),
    ]);
    const before = s;
    s = reduce(s, { type: 'execution.deleted', id: 'gone' });
    expect(s.data.executions.map((e) => e.id)).toEqual(['keep']);
    expect(s.data.logs.gone).toBeUndefined();
    expect(s.data.logTotal).toBe(1);
    expect(counts(s)).toMatchObject({ succeeded: 0, failed: 1 });
    expect(reduce(s, { type: 'execution.deleted', id: 'unknown' })).toBe(s);
    expect(before.data.executions).toHaveLength(2);
  });

  test('the executions list is capped: the oldest finished one goes first, with its logs', () => {
    let s = initialState({ executions: 3 });
    s = reduceAll(s, [
      { type: 'execution', row: row('running-oldest', 'RUNNING', { start: T0 }) },
      { type: 'execution', row: row('done', 'SUCCESS', { start: T0 + 1 }) },
      log('done', 'bye'),
      { type: 'execution', row: row('e3', 'RUNNING', { start: T0 + 2 }) },
      { type: 'execution', row: row('e4', 'RUNNING', { start: T0 + 3 }) },
    ]);
    expect(s.data.executions.map((e) => e.id)).toEqual(['e4', 'e3', 'running-oldest']);
    expect(s.data.logs.done).toBeUndefined();
    expect(s.data.logTotal).toBe(0);
    expect(s.data.succeeded).toBe(1); // counted while it was listed
  });

  test('logs: a ring per execution, capped; total capped by dropping the oldest executions first', () => {
    let s = initialState({ logsPerExecution: 3, logsTotal: 5 });
    s = reduceAll(s, [{ type: 'execution', row: row('a', 'SUCCESS', { start: T0 }) }, { type: 'execution', row: row('b', 'RUNNING', { start: T0 + 1 }) }]);
    s = reduceAll(s, ['1', '2', '3', '4'].map((m) => log('a', m)));
    expect(s.data.logs.a!.map((l) => l.message)).toEqual(['2', '3', '4']);
    s = reduceAll(s, ['x', 'y', 'z'].map((m) => log('b', m)));
    // 6 > 5: the oldest execution's ring is dropped whole
    expect(s.data.logs.a).toBeUndefined();
    expect(s.data.logs.b!.map((l) => l.message)).toEqual(['x', 'y', 'z']);
    expect(s.data.logTotal).toBe(3);
  });

  test('the execution on screen keeps its logs under the global cap', () => {
    let s = initialState({ logsPerExecution: 10, logsTotal: 4 });
    s = reduceAll(s, [{ type: 'execution', row: row('old', 'SUCCESS', { start: T0 }) }, { type: 'execution', row: row('new', 'RUNNING', { start: T0 + 1 }) }, { type: 'select-execution', id: 'old' }]);
    s = reduceAll(s, [log('old', 'kept1'), log('old', 'kept2'), log('new', 'n1'), log('new', 'n2'), log('new', 'n3')]);
    expect(s.data.logs.old!.map((l) => l.message)).toEqual(['kept1', 'kept2']);
    expect(s.data.logTotal).toBeLessThanOrEqual(4);
  });

  test('100,000 log lines stay within the caps', () => {
    let s = initialState();
    const ids = Array.from({ length: 300 }, (_, i) => `e${i}`);
    s = reduceAll(s, ids.map((id, i) => ({ type: 'execution' as const, row: row(id, 'SUCCESS', { start: T0 + i }) })));
    for (let b = 0; b < 100; b++) s = reduceAll(s, Array.from({ length: 1000 }, (_, i) => log(ids[(b * 7 + i) % 300]!, `line ${i}`)));
    const total = Object.values(s.data.logs).reduce((n, l) => n + l.length, 0);
    expect(total).toBe(s.data.logTotal);
    expect(total).toBeLessThanOrEqual(s.limits.logsTotal);
    expect(s.data.executions.length).toBe(s.limits.executions);
    for (const l of Object.values(s.data.logs)) expect(l.length).toBeLessThanOrEqual(s.limits.logsPerExecution);
  });

  test('pure: the previous state is never mutated; reduceAll equals folding reduce', () => {
    const base = deepFreeze(reduceAll(initialState({ logsPerExecution: 2 }), [{ type: 'execution', row: row('a') }, log('a', 'one')])) as DashboardState;
    const actions = [log('a', 'two'), { type: 'execution' as const, row: row('a', 'SUCCESS', { end: T0 + 1 }) }, log('a', 'three'), log('b', 'x')];
    const batched = reduceAll(base, actions);
    const folded = actions.reduce(reduce, base);
    expect(batched.data).toEqual(folded.data);
    expect(base.data.logs.a!.map((l) => l.message)).toEqual(['one']);
    expect(batched.data.logs.a!.map((l) => l.message)).toEqual(['two', 'three']);
  });

  test('minimum level filters the tail; filter text narrows executions', () => {
    let s = reduceAll(initialState(), [{ type: 'execution', row: row('a') }, { type: 'execution', row: row('b', 'FAILED', { flowId: 'other' }) },
      log('a', 'dbg', 'DEBUG'), log('a', 'inf', 'INFO'), log('a', 'err', 'ERROR')]);
    expect(logsAtLevel(s, 'a').map((l) => l.message)).toEqual(['inf', 'err']);
    s = reduceAll(s, [{ type: 'set-level', level: 'TRACE' }]);
    expect(logsAtLevel(s, 'a')).toHaveLength(3);
    s = reduceAll(s, [{ type: 'filter-start' }, { type: 'filter-type', text: 'fail' }]);
    expect(visibleExecutions(s).map((e) => e.id)).toEqual(['b']);
  });

  test('the next scheduled fire is kept as given', () => {
    expect(reduce(initialState(), { type: 'next-fire', at: T0 + 60_000 }).data.nextFire).toBe(T0 + 60_000);
  });
});
