// Bus events → batched reducer actions: coalescing, throttling, copies of live objects.

import { describe, expect, test } from 'bun:test';
import type { Action } from '../../src/dashboard/actions.ts';
import { createEventCollector } from '../../src/dashboard/event-collector.ts';
import { execRow as execRowOf } from '../../src/dashboard/snapshot.ts';
import { withState } from '../../src/executions/state.ts';
import { createEventBus } from '../../src/shared/events.ts';
import { execution, executionLookup, logEntry, manualTimers, T0, taskRun } from './helpers.ts';

function setup(maxPendingLogs?: number) {
  const events = createEventBus();
  const timers = manualTimers(1000);
  const batches: Action[][] = [];
  const c = createEventCollector({ events, lookup: executionLookup(events), timers, intervalMs: 100, maxPendingLogs, onBatch: (b) => batches.push(b) });
  return { events, timers, batches, c };
}

describe('event collector', () => {
  test('the first event after a quiet period flushes at once; a burst waits for the interval', () => {
    const { events, timers, batches } = setup();
    events.emit('log.created', { entry: logEntry('e1', 'first') });
    timers.fire();
    expect(batches).toHaveLength(1);
    for (let i = 0; i < 500; i++) events.emit('log.created', { entry: logEntry('e1', `burst ${i}`) });
    expect(timers.pending()).toBe(1); // one timer for the whole burst
    timers.fire();
    expect(batches).toHaveLength(2);
    expect(batches[1]).toHaveLength(500);
    expect(timers.now()).toBe(1100);
  });

  test('after a big batch the stream slows down to fewer, larger batches; it speeds up again when quiet', () => {
    const { events, timers, batches } = setup();
    events.emit('log.created', { entry: logEntry('e1', 'first') });
    timers.fire();
    for (let i = 0; i < 300; i++) events.emit('log.created', { entry: logEntry('e1', `burst ${i}`) });
    timers.fire();
    expect(timers.now()).toBe(1100);
    events.emit('log.created', { entry: logEntry('e1', 'after the burst') });
    timers.fire();
    expect(timers.now()).toBe(2100); // busy: one refresh a second after the big batch
    events.emit('log.created', { entry: logEntry('e1', 'quiet again') });
    timers.fire();
    expect(timers.now()).toBe(2200);
    expect(batches.map((b) => b.length)).toEqual([1, 300, 1, 1]);
  });

  test('updates of one execution coalesce, copied at flush time: later mutation does not leak in', () => {
    const { events, timers, batches } = setup();
    const e = execution('e1');
    events.emit('execution.updated', { execution: e });
    e.state = withState(e.state, 'RUNNING', T0 + 1);
    e.taskRunList.push(taskRun(e, 'tr1', 'say', 'SUCCESS', T0 + 1));
    events.emit('execution.updated', { execution: e });
    timers.fire();
    expect(batches).toHaveLength(1);
    const rows = batches[0]!.filter((a) => a.type === 'execution');
    expect(rows).toHaveLength(1);
    const copy = (rows[0] as Extract<Action, { type: 'execution' }>).row;
    expect(copy).toMatchObject({ id: 'e1', state: 'RUNNING', tasks: [{ taskId: 'say', state: 'SUCCESS', attempts: 1 }] });
    e.state = withState(e.state, 'FAILED', T0 + 2);
    e.taskRunList[0]!.state = withState(e.taskRunList[0]!.state, 'FAILED', T0 + 2);
    expect(copy.state).toBe('RUNNING');
    expect(copy.tasks[0]!.state).toBe('SUCCESS');
  });

  test('a running execution is read back at flush time (no engine object is held); a finished one is copied at once', () => {
    const events = createEventBus();
    const timers = manualTimers(1000);
    const batches: Action[][] = [];
    const store = new Map<string, ReturnType<typeof execution>>();
    createEventCollector({ events, timers, intervalMs: 100, lookup: (_t, id) => store.get(id), onBatch: (b) => batches.push(b) });
    const running = execution('run1');
    running.state = withState(running.state, 'RUNNING', T0 + 1);
    const gone = execution('gone1');
    const done = execution('done1');
    done.state = withState(done.state, 'SUCCESS', T0 + 2);
    events.emit('execution.updated', { execution: running });
    events.emit('execution.updated', { execution: gone });
    events.emit('execution.updated', { execution: done });
    // meanwhile: the store holds a newer copy of run1, gone1 was deleted, done1 is mutated by a restart
    store.set('run1', { ...running, state: withState(running.state, 'PAUSED', T0 + 3) });
    done.state = withState(done.state, 'RESTARTED', T0 + 4);
    timers.fire();
    const batch = batches.at(-1)!;
    const rows = batch.filter((a) => a.type === 'execution').map((a) => (a as Extract<Action, { type: 'execution' }>).row);
    expect(rows.map((r) => [r.id, r.state])).toEqual([['run1', 'PAUSED'], ['done1', 'SUCCESS']]);
    expect(batch.at(-1)).toEqual({ type: 'execution.deleted', id: 'gone1' });
  });

  test('a deleted execution: its pending row is dropped and the deletion comes after its last log lines', () => {
    const { events, timers, batches } = setup();
    events.emit('execution.updated', { execution: execution('del1') });
    events.emit('log.created', { entry: logEntry('del1', 'last words') });
    events.emit('execution.deleted', { tenant: 'main', id: 'del1' });
    timers.fire();
    expect(batches[0]!.map((a) => a.type)).toEqual(['log', 'execution.deleted']);
  });

  test('flow events, invalid files, synced files and the next fire become actions', () => {
    const { events, timers, batches } = setup();
    events.emit('flow.changed', { tenant: 'main', namespace: 'n', id: 'f', revision: 2, origin: 'file', deleted: false, source: '' });
    events.emit('flow.invalid', { tenant: 'main', file: 'bad.yml', violations: [{ path: 'tasks', message: 'must not be empty' }] });
    events.emit('flow.file-synced', { tenant: 'main', file: 'bad.yml', result: 'invalid' });
    events.emit('flow.file-synced', { tenant: 'main', file: 'ok.yml', result: 'saved' });
    events.emit('flow.file-error', { file: 'huge.yml', message: 'too large' });
    events.emit('scheduler.next', { date: T0 });
    timers.fire();
    expect(batches[0]).toEqual([
      { type: 'flow.changed', flow: { tenant: 'main', namespace: 'n', id: 'f', revision: 2 }, deleted: false },
      { type: 'flow.invalid', file: { file: 'bad.yml', message: 'tasks: must not be empty' } },
      { type: 'flow.valid', file: 'ok.yml' },
      { type: 'flow.invalid', file: { file: 'huge.yml', message: 'too large' } },
      { type: 'next-fire', at: T0 },
    ]);
  });

  test('pending log lines are bounded between flushes', () => {
    const { events, timers, batches } = setup(100);
    events.emit('log.created', { entry: logEntry('e1', 'first') });
    timers.fire();
    for (let i = 0; i < 10_000; i++) events.emit('log.created', { entry: logEntry('e1', `l${i}`) });
    timers.fire();
    expect(batches[1]).toHaveLength(100);
    expect((batches[1]!.at(-1) as { message: string }).message).toBe('l9999');
  });

  test('dispose unsubscribes from every event and cancels the timer', () => {
    const { events, timers, batches, c } = setup();
    events.emit('log.created', { entry: logEntry('e1', 'x') });
    c.dispose();
    expect(timers.pending()).toBe(0);
    for (const name of ['flow.changed', 'flow.invalid', 'flow.file-error', 'flow.file-synced', 'scheduler.next', 'execution.updated', 'execution.deleted', 'log.created'] as const) {
      // the one listener left on execution.updated is the test's stand-in execution store
      expect(events.listenerCount(name)).toBe(name === 'execution.updated' || name === 'execution.deleted' ? 1 : 0);
    }
    events.emit('log.created', { entry: logEntry('e1', 'y') });
    timers.fire();
    expect(batches).toHaveLength(0);
  });
});

describe('event collector under load', () => {
  test('a running row on screen whose final update was dropped is corrected from the store at the next flush', () => {
    const events = createEventBus();
    const timers = manualTimers(1000);
    const batches: Action[][] = [];
    const store = new Map<string, ReturnType<typeof execution>>();
    const e0 = execution('e0');
    e0.state = withState(e0.state, 'RUNNING', T0 + 1);
    const onScreen = [execRowOf(e0)];
    createEventCollector({ events, timers, intervalMs: 100, maxPendingExecutions: 10, lookup: (_t, id) => store.get(id), shown: () => onScreen, onBatch: (b) => batches.push(b) });
    e0.state = withState(e0.state, 'SUCCESS', T0 + 2);
    store.set('e0', e0);
    events.emit('execution.updated', { execution: e0 });
    for (let i = 1; i <= 20; i++) { const e = execution(`e${i}`); store.set(e.id, e); events.emit('execution.updated', { execution: e }); }
    timers.fire();
    const rows = batches[0]!.filter((a) => a.type === 'execution').map((a) => (a as Extract<Action, { type: 'execution' }>).row);
    expect(rows).toHaveLength(11); // the 10 newest updates, plus e0 read back for the screen
    expect(rows.at(-1)).toMatchObject({ id: 'e0', state: 'SUCCESS' });
  });

  test('executions are told apart by tenant', () => {
    const { events, timers, batches } = setup();
    const a = execution('same');
    const b = { ...execution('same'), tenant: 'other' };
    b.state = withState(b.state, 'SUCCESS', T0 + 1);
    events.emit('execution.updated', { execution: a });
    events.emit('execution.updated', { execution: b });
    timers.fire();
    const rows = batches[0]!.map((x) => (x as Extract<Action, { type: 'execution' }>).row);
    expect(rows.map((r) => [r.tenant, r.state])).toEqual([['main', 'CREATED'], ['other', 'SUCCESS']]);
  });

  test('only the most recently updated executions are copied at a flush', () => {
    const { events, timers, batches } = setup();
    for (let i = 0; i < 250; i++) events.emit('execution.updated', { execution: execution(`e${i}`) });
    timers.fire();
    const ids = batches[0]!.filter((a) => a.type === 'execution').map((a) => (a as { row: { id: string } }).row.id);
    expect(ids).toHaveLength(200);
    expect(ids[0]).toBe('e50');
    expect(ids.at(-1)).toBe('e249');
  });

  test('pending executions are kept by latest update, so an old one that just finished is not lost', () => {
    const { events, timers, batches } = setup();
    const first = execution('e0');
    events.emit('execution.updated', { execution: first });
    for (let i = 1; i < 250; i++) events.emit('execution.updated', { execution: execution(`e${i}`) });
    first.state = withState(first.state, 'SUCCESS', T0 + 5);
    events.emit('execution.updated', { execution: first });
    timers.fire();
    const rows = batches[0]!.filter((a) => a.type === 'execution').map((a) => (a as Extract<Action, { type: 'execution' }>).row);
    expect(rows).toHaveLength(200);
    expect(rows.at(-1)).toMatchObject({ id: 'e0', state: 'SUCCESS' });
    expect(rows[0]!.id).toBe('e51');
  });
});
