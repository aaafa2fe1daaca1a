// Flow `concurrency` (engine-contract §3.14): over the limit, QUEUE waits, CANCEL and FAIL end the
// new execution at once; when an execution of the flow ends, the oldest queued one starts.

import type { Execution } from '../model.ts';
import { withState } from '../state.ts';
import type { Live } from './live.ts';

/** Applies the flow's limit to a new execution; true when it may not start now (its state changed). */
export function limitReached(l: Live, running: number, now: number, logError: (message: string) => void): boolean {
  const limit = l.plan.flow.concurrency;
  if (!limit?.limit || running < limit.limit) return false;
  const behavior = limit.behavior ?? 'QUEUE';
  if (behavior === 'QUEUE') {
    l.exec.state = withState(l.exec.state, 'QUEUED', now);
  } else if (behavior === 'CANCEL') {
    l.exec.state = withState(l.exec.state, 'CANCELLED', now);
  } else {
    logError('Flow is FAILED due to concurrency limit exceeded');
    l.exec.state = withState(l.exec.state, 'FAILED', now);
  }
  return true;
}

/** The oldest QUEUED execution of the flow that `ended` belongs to. */
export function oldestQueued(lives: Iterable<Live>, ended: Execution): Live | undefined {
  let oldest: Live | undefined;
  for (const l of lives) {
    const e = l.exec;
    if (e.state.current !== 'QUEUED' || e.tenant !== ended.tenant || e.namespace !== ended.namespace || e.flowId !== ended.flowId) continue;
    if (!oldest || e.state.histories[0]!.date < oldest.exec.state.histories[0]!.date) oldest = l;
  }
  return oldest;
}
