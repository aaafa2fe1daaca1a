// Retry policies (engine-contract §3.7): which policy applies to a failed runnable task run,
// and when its next attempt is due (undefined = no more attempts).

import type { TaskDefinition } from '../../tasks/types.ts';
import { parseDuration } from '../../shared/durations.ts';
import type { Attempt } from '../model.ts';
import type { FlowDocument } from '../../flows/model.ts';

export type RetryPolicy = Record<string, unknown> & { type?: string };

/** The task's own retry, else the nearest ancestor flowable's, else the flow's. */
export function retryPolicyFor(task: TaskDefinition, ancestors: TaskDefinition[], flow: FlowDocument): RetryPolicy | undefined {
  if (task.retry && typeof task.retry === 'object') return task.retry as RetryPolicy;
  for (const a of ancestors) if (a.retry && typeof a.retry === 'object') return a.retry as RetryPolicy;
  return flow.retry && typeof flow.retry === 'object' ? flow.retry : undefined;
}

const last = <T>(list: T[]) => list[list.length - 1];

export function nextRetryAt(policy: RetryPolicy, attempts: Attempt[], random: () => number = Math.random): number | undefined {
  const max = Number(policy.maxAttempts ?? policy.maxAttempt ?? Number.POSITIVE_INFINITY);
  if (attempts.length >= max) return undefined;
  const lastAttempt = last(attempts);
  const first = attempts[0];
  if (!lastAttempt || !first) return undefined;
  const base = last(lastAttempt.state.histories)!.date;
  let next: number;
  switch (policy.type) {
    case 'constant':
      next = base + (parseDuration(policy.interval) ?? 0);
      break;
    case 'exponential': {
      // Kestra's quirk: the first retry is immediate and the delay then grows linearly, capped.
      const interval = parseDuration(policy.interval) ?? 0;
      const factor = Math.trunc(Number(policy.delayFactor ?? 2));
      const cap = parseDuration(policy.maxInterval) ?? Number.POSITIVE_INFINITY;
      next = base + Math.min(interval * factor * (attempts.length - 1), cap);
      break;
    }
    case 'random': {
      const min = parseDuration(policy.minInterval) ?? 0;
      const maxI = parseDuration(policy.maxInterval) ?? min;
      next = base + min + Math.floor(random() * Math.max(0, maxI - min));
      break;
    }
    default:
      return undefined;
  }
  const maxDuration = parseDuration(policy.maxDuration);
  if (maxDuration !== undefined && next > first.state.histories[0]!.date + maxDuration) return undefined;
  return next;
}
