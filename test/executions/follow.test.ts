import { describe, expect, test } from 'bun:test';
import { executionFollowRoute } from '../../src/executions/routes/follow.ts';
import type { Execution } from '../../src/executions/model.ts';
import { executionJson } from '../../src/executions/serialize.ts';
import { createExecutionStore } from '../../src/executions/store.ts';
import { openDb } from '../../src/shared/db.ts';
import { executionService, makeExecution, moved } from '../helpers/execution-fixture.ts';
import { observedBus, observedClock, serveModules, sseReader } from '../helpers/sse.ts';

const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);

function setup() {
  const store = createExecutionStore(openDb(false));
  const bus = observedBus();
  const timers = observedClock(T0);
  const { url } = serveModules(executionFollowRoute({ executions: executionService(store), events: bus.events, clock: timers.clock }));
  /** what the engine does on every change: persist, then announce */
  const update = (e: Execution) => {
    store.save(e);
    bus.events.emit('execution.updated', { execution: e });
  };
  const frameOf = (e: Execution) => JSON.stringify(executionJson(e, timers.clock.now()));
  return { store, bus, timers, url, update, frameOf };
}

describe('GET /executions/{id}/follow (SSE over a socket)', () => {
  test('an already finished execution gets one `end` frame, then the stream closes', async () => {
    const { store, url, bus, frameOf } = setup();
    const done = moved(moved(makeExecution(T0), 'RUNNING', T0 + 1), 'SUCCESS', T0 + 2);
    store.save(done);
    const res = await fetch(`${url}/api/v1/executions/exec1/follow`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const sse = sseReader(res);
    const frame = await sse.next();
    expect(frame!.raw).toBe(`id: end\ndata: ${frameOf(done)}\n\n`);
    expect(frame!.data.state.current).toBe('SUCCESS');
    expect(await sse.next()).toBeUndefined();
    expect(bus.listeners('execution.updated')).toBe(0);
  });

  test('a running execution: progress now, progress per update, final state as progress AND end, then close', async () => {
    const { store, url, bus, update, frameOf } = setup();
    const created = makeExecution(T0);
    store.save(created);
    const sse = sseReader(await fetch(`${url}/api/v1/executions/exec1/follow`));
    expect((await sse.next())!.raw).toBe(`id: progress\ndata: ${frameOf(created)}\n\n`);
    await bus.untilListeners('execution.updated', 1);

    update(makeExecution(T0, { id: 'someone-else' }));
    update(makeExecution(T0, { tenant: 'blue' }));
    const running = moved(created, 'RUNNING', T0 + 1);
    update(running);
    const progress = await sse.next();
    expect(progress!.raw).toBe(`id: progress\ndata: ${frameOf(running)}\n\n`);
    expect(progress!.data.state.current).toBe('RUNNING');

    const failed = moved(running, 'FAILED', T0 + 2);
    update(failed);
    const last = await sse.next();
    const end = await sse.next();
    expect(last!.raw).toBe(`id: progress\ndata: ${frameOf(failed)}\n\n`);
    expect(end!.raw).toBe(`id: end\ndata: ${frameOf(failed)}\n\n`);
    expect(end!.data.state.current).toBe('FAILED');
    expect(await sse.next()).toBeUndefined();
    await bus.untilListeners('execution.updated', 0);
  });

  test('PAUSED is not finished: the stream stays open until a terminal state', async () => {
    const { store, url, bus, update } = setup();
    const paused = moved(moved(makeExecution(T0), 'RUNNING', T0), 'PAUSED', T0 + 1);
    store.save(paused);
    const sse = sseReader(await fetch(`${url}/api/v1/executions/exec1/follow`));
    expect((await sse.next())!.id).toBe('progress');
    await bus.untilListeners('execution.updated', 1);
    update(moved(paused, 'KILLED', T0 + 2));
    expect((await sse.next())!.id).toBe('progress');
    expect((await sse.next())!.id).toBe('end');
    expect(await sse.next()).toBeUndefined();
  });

  test('waits for an execution that does not exist yet (no polling: the update event wakes it)', async () => {
    const { url, bus, timers, update, frameOf } = setup();
    const pending = fetch(`${url}/api/v1/executions/exec1/follow`);
    await timers.untilTimer();
    expect(bus.listeners('execution.updated')).toBe(1);
    timers.clock.advance(9_999);
    const created = makeExecution(T0);
    update(created);
    const res = await pending;
    expect(res.status).toBe(200);
    const sse = sseReader(res);
    expect((await sse.next())!.raw).toBe(`id: progress\ndata: ${frameOf(created)}\n\n`);
    expect(timers.clock.pendingTimers()).toBe(0); // the 10 s deadline was cancelled
    await sse.cancel();
    await bus.untilListeners('execution.updated', 0);
  });

  test('404 after 10 s (fake clock) when the execution never shows up', async () => {
    const { url, bus, timers, update } = setup();
    const pending = fetch(`${url}/api/v1/executions/nope/follow`);
    await timers.untilTimer();
    timers.clock.advance(9_999);
    update(makeExecution(T0, { id: 'another' }));
    expect(bus.listeners('execution.updated')).toBe(1); // still waiting
    timers.clock.advance(1);
    const res = await pending;
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body: any = await res.json();
    expect(body.message).toBe('Not Found: Unable to find the execution nope');
    expect(body._links.self.href).toBe('/api/v1/executions/nope/follow');
    expect(bus.listeners('execution.updated')).toBe(0);
  });

  test('an execution stored without an event is still found at the deadline', async () => {
    const { store, url, timers } = setup();
    const pending = fetch(`${url}/api/v1/executions/exec1/follow`);
    await timers.untilTimer();
    store.save(moved(makeExecution(T0), 'SUCCESS', T0 + 5));
    timers.clock.advance(10_000);
    const sse = sseReader(await pending);
    const frame = await sse.next();
    expect(frame!.id).toBe('end');
    expect(await sse.next()).toBeUndefined();
  });

  test('client disconnects unsubscribe: while streaming and while waiting', async () => {
    const { store, url, bus, timers } = setup();
    store.save(makeExecution(T0));
    const streaming = new AbortController();
    const sse = sseReader(await fetch(`${url}/api/v1/executions/exec1/follow`, { signal: streaming.signal }));
    expect((await sse.next())!.id).toBe('progress');
    await bus.untilListeners('execution.updated', 1);
    streaming.abort();
    await bus.untilListeners('execution.updated', 0);

    const waiting = new AbortController();
    const pending = fetch(`${url}/api/v1/executions/ghost/follow`, { signal: waiting.signal }).catch((e: Error) => e);
    await timers.untilTimer();
    expect(bus.listeners('execution.updated')).toBe(1);
    waiting.abort();
    expect(await pending).toBeInstanceOf(Error);
    await bus.untilListeners('execution.updated', 0);
    expect(timers.clock.pendingTimers()).toBe(0);
  });

  test('tenant paths follow that tenant only', async () => {
    const { store, url } = setup();
    store.save(moved(makeExecution(T0, { tenant: 'blue' }), 'SUCCESS', T0 + 1));
    const sse = sseReader(await fetch(`${url}/api/v1/blue/executions/exec1/follow`));
    const frame = await sse.next();
    expect(frame!.id).toBe('end');
    expect(frame!.data.tenantId).toBe('blue');
  });
});
