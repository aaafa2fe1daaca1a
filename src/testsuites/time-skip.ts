// Time skipping for test runs (Temporal's TestWorkflowEnvironment): while test cases run, the fake
// clock leaps to the next due timer each time the runtime is idle, so a Sleep PT1H, a Pause with a
// pauseDuration or a long retry interval takes an instant, while every timestamp still shows the
// hour that passed. When the runtime is idle with no timer pending and cases still wait, nothing
// can ever move them on: the waiting cases are told (`stalled`) and end as errors.

import type { FakeClock } from '../shared/time/clock.ts';

export interface TimeSkipDeps {
  clock: FakeClock;
  /** resolves once the engine is idle and nothing happened for a few turns (the admin time control's settle) */
  settle(): Promise<void>;
  /** moves the clock to an instant, firing due timers and letting their work settle (the admin time control's set) */
  moveTo(epochMs: number): Promise<unknown>;
}

/**
 * Runs `work` to its end on skipping time. `stalled()` gives the promise of the next stall: a
 * case asks for it when it starts waiting, so a case that starts after a stall is not caught by it.
 */
export async function withTimeSkipping<T>(deps: TimeSkipDeps, work: (stalled: () => Promise<void>) => Promise<T>): Promise<T> {
  let finished = false;
  let stall!: () => void;
  let next = new Promise<void>((resolve) => { stall = resolve; });
  const result = work(() => next).finally(() => { finished = true; });
  result.catch(() => {}); // a failure of `work` is the caller's, through `result`
  while (!finished) {
    await deps.settle();
    if (finished) break;
    const due = deps.clock.nextDue();
    if (due !== undefined) {
      await deps.moveTo(Math.max(due, deps.clock.now()));
      continue;
    }
    const release = stall;
    next = new Promise<void>((resolve) => { stall = resolve; });
    release();
  }
  return result;
}
