// Time control (Temporal's time skipping): on the fake clock, `advance` walks from timer to timer
// — schedules, task timeouts, Pause delays, retry intervals, SLAs, Sleep — firing each at its own
// instant, in order, and letting the work it starts settle before the next one (executions run
// until they wait on time or end). No real sleep anywhere: settling is "the engine is idle and
// nothing happened for a few event-loop turns".

import { isFakeClock, isoInstant, type Clock } from '../shared/time/clock.ts';
import { illegalState, invalidEntity } from '../shared/errors.ts';
import type { EventBus } from '../shared/events.ts';
import { parseDurationMs } from '../shared/time/durations.ts';
import type { ClockAdvance, ClockSet, ClockView } from './model.ts';

/** a runaway timer (one that re-arms itself at the same instant) stops an advance here */
const MAX_STEPS = 1_000_000;
/** quiet event-loop turns that count as settled */
const QUIET_TURNS = 3;
/** the last instant the clock may show: ISO-8601 instants (and the APIs' dates) have four-digit years */
export const MAX_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

export interface TimeDeps {
  clock: Clock;
  events: EventBus;
  /** the engine's idle promise */
  engineIdle(): Promise<void>;
  /** true while the scheduler is firing triggers */
  schedulerBusy(): boolean;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createTimeControl(deps: TimeDeps) {
  const { clock } = deps;
  let activity = 0;
  const bump = () => { activity++; };
  const offs = [
    deps.events.on('execution.updated', bump), deps.events.on('execution.deleted', bump),
    deps.events.on('flow.changed', bump), deps.events.on('scheduler.next', bump),
  ];
  let queue: Promise<unknown> = Promise.resolve();
  /** one time operation at a time: a second advance starts where the first one ended */
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const run = queue.then(op, op);
    queue = run.catch(() => undefined);
    return run;
  };

  /** resolves once the engine is idle and nothing happened for a few event-loop turns */
  async function settle(): Promise<void> {
    for (let quiet = 0; quiet < QUIET_TURNS;) {
      await deps.engineIdle();
      const seen = activity;
      await turn();
      quiet = activity === seen && !deps.schedulerBusy() ? quiet + 1 : 0;
    }
  }

  function inRange(target: number, path: string): number {
    if (!(target <= MAX_INSTANT)) {
      throw invalidEntity([{ path, message: `would move the clock past ${isoInstant(MAX_INSTANT)}, the last instant it can show` }]);
    }
    return target;
  }

  const view = (): ClockView => ({ now: isoInstant(clock.now()), mode: isFakeClock(clock) ? 'fake' : 'system' });

  function fake() {
    if (!isFakeClock(clock)) throw illegalState("the clock is the system clock: start kestra-lite with '--clock fake' (or clock: 'fake') to move time");
    return clock;
  }

  async function moveTo(target: number): Promise<ClockView> {
    const c = fake();
    await settle();
    for (let steps = 0; ; steps++) {
      const next = c.nextDue();
      if (next === undefined || next > target) break;
      if (steps >= MAX_STEPS) throw illegalState(`time stopped at ${isoInstant(c.now())} after ${MAX_STEPS} timers: something re-arms a timer without moving forward`);
      c.set(Math.max(next, c.now()));
      await settle();
    }
    c.set(target);
    await settle();
    return view();
  }

  return {
    view,
    settle,
    advance(body: ClockAdvance): Promise<ClockView> {
      const has = (k: keyof ClockAdvance) => body[k] !== undefined;
      if (has('ms') === has('duration')) throw invalidEntity([{ path: 'advance', message: "give exactly one of 'ms' (milliseconds) or 'duration' (ISO-8601, e.g. P1D)" }]);
      let ms = body.ms;
      if (body.duration !== undefined) {
        ms = parseDurationMs(body.duration);
        if (ms === undefined) throw invalidEntity([{ path: 'advance.duration', message: `'${body.duration}' is not an ISO-8601 duration (e.g. PT30M, P1D)` }]);
        if (ms < 0) throw invalidEntity([{ path: 'advance.duration', message: 'must not be negative: time only moves forward' }]);
      }
      fake();
      // checked when the move runs (after earlier moves): past the range, the clock is left alone
      return serial(() => moveTo(inRange(clock.now() + ms!, 'advance')));
    },
    set(body: ClockSet): Promise<ClockView> {
      let at: number;
      if (typeof body.now === 'number') at = body.now;
      else {
        if (!ISO_INSTANT.test(body.now)) throw invalidEntity([{ path: 'set.now', message: `'${body.now}' is not an ISO-8601 date-time with a zone (e.g. 2025-01-01T00:00:00Z)` }]);
        at = Date.parse(body.now);
      }
      if (!Number.isFinite(at)) throw invalidEntity([{ path: 'set.now', message: `'${String(body.now)}' is not a valid date-time` }]);
      fake();
      inRange(at, 'set.now');
      return serial(() => moveTo(at));
    },
    dispose() { offs.forEach((off) => off()); },
  };
}

export type TimeControl = ReturnType<typeof createTimeControl>;
