// One full collection after a burst of engine events, none while idle or under a trickle.

import { describe, expect, test } from 'bun:test';
import { watchBursts } from '../../src/shared/burst-gc.ts';
import { fakeClock } from '../../src/shared/time/clock.ts';
import { createEventBus } from '../../src/shared/events.ts';

const entry = { tenant: 'main', namespace: 'n', flowId: 'f', attemptNumber: null, timestamp: 0, level: 'INFO' as const, thread: 't', message: 'm' };

describe('burst GC', () => {
  test('a busy window, then the first quiet one collects once; idle leaves no timer behind', () => {
    const events = createEventBus();
    const clock = fakeClock(0);
    let collected = 0;
    const stop = watchBursts({ events, clock, collect: () => collected++, windowMs: 1000, busyEvents: 100 });
    for (let i = 0; i < 150; i++) events.emit('log.created', { entry });
    clock.advance(1000); // busy window ends: keeps watching
    expect(collected).toBe(0);
    for (let i = 0; i < 150; i++) events.emit('log.created', { entry });
    clock.advance(1000); // still busy
    expect(collected).toBe(0);
    clock.advance(1000); // quiet: collect once
    expect(collected).toBe(1);
    clock.advance(10_000);
    expect(collected).toBe(1);
    expect(clock.pendingTimers()).toBe(0);
    stop();
    expect(events.listenerCount('log.created')).toBe(0);
    expect(events.listenerCount('execution.updated')).toBe(0);
  });

  test('a trickle below the threshold never collects; stop cancels the window timer', () => {
    const events = createEventBus();
    const clock = fakeClock(0);
    let collected = 0;
    const stop = watchBursts({ events, clock, collect: () => collected++, windowMs: 1000, busyEvents: 100 });
    for (let s = 0; s < 5; s++) {
      for (let i = 0; i < 50; i++) events.emit('log.created', { entry });
      clock.advance(1000);
    }
    expect(collected).toBe(0);
    events.emit('log.created', { entry });
    expect(clock.pendingTimers()).toBe(1);
    stop();
    expect(clock.pendingTimers()).toBe(0);
  });
});
