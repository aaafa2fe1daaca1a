// Helpers for SSE route tests: a real socket per test, a frame reader over fetch, and an event
// bus / fake clock that announce subscriptions and timers, so tests await server-side progress
// instead of sleeping.

import { createApp, type RouteModule } from '../../src/http/app.ts';
import { fakeClock, type FakeClock } from '../../src/shared/time/clock.ts';
import { createEventBus, type EventBus, type EventName } from '../../src/shared/events.ts';
import { releaseAfterTest } from './cleanup.ts';


const openAuth = { enabled: () => false, check: () => true, configure() {} } as never;

/** The plugin behind the real HTTP edge (tenant paths, error rendering), in process and on a socket. */
export function serveModules(...modules: RouteModule[]) {
  const app = createApp({ auth: openAuth, maxBodyBytes: 1024 * 1024, modules: modules.map((module) => ({ feature: 'test', module })) });
  const server = Bun.serve({ port: 0, idleTimeout: 0, fetch: (r) => app.handle(r) });
  releaseAfterTest(() => server.stop(true));
  return { app, url: `http://localhost:${server.port}` };
}

export interface SseFrame { id: string; data: any; raw: string }

/** Reads `id:`/`data:` frames; `next()` is undefined once the server closed the stream. */
export function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<SseFrame | undefined> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const raw = buffer.slice(0, end + 2);
          buffer = buffer.slice(end + 2);
          const id = /^id: (.*)$/m.exec(raw)?.[1] ?? '';
          const data = /^data: (.*)$/m.exec(raw)?.[1];
          return { id, data: data === undefined ? undefined : JSON.parse(data), raw };
        }
        const chunk = await reader.read();
        if (chunk.done) return undefined;
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
    /** bytes received but not yet a complete frame */
    pending: () => buffer,
  };
}

/** An event bus whose listener counts can be awaited (subscribe/unsubscribe happen server-side). */
export function observedBus() {
  const bus = createEventBus((err) => { throw err; });
  const waiters: { name: EventName; n: number; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (bus.listenerCount(w.name) === w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const events: EventBus = {
    ...bus,
    on(name, fn) {
      const off = bus.on(name, fn);
      check();
      return () => { off(); check(); };
    },
  };
  return {
    events,
    listeners: (name: EventName) => bus.listenerCount(name),
    untilListeners(name: EventName, n: number): Promise<void> {
      return new Promise((resolve) => {
        waiters.push({ name, n, resolve });
        check();
      });
    },
  };
}

/** A fake clock that also resolves a promise whenever something schedules a timer on it. */
export function observedClock(start?: number) {
  const clock: FakeClock = fakeClock(start);
  let notify: (() => void)[] = [];
  const setTimer = clock.setTimer.bind(clock);
  clock.setTimer = (ms, fn) => {
    const handle = setTimer(ms, fn);
    for (const n of notify.splice(0)) n();
    return handle;
  };
  return {
    clock,
    /** resolves at the next setTimer call, or now if a timer is already pending */
    untilTimer(): Promise<void> {
      return clock.pendingTimers() > 0 ? Promise.resolve() : new Promise((r) => notify.push(r));
    },
    reset: () => { notify = []; },
  };
}
