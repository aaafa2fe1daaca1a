// Retry policies (engine-contract §3.7): which policy applies to a failed runnable task run,
// and when its next attempt is due (undefined = no more attempts).

import type { TaskDefinition } from '../../../tasks/types.ts';
import { parseDuration } from '../../../shared/time/durations.ts';
import type { Attempt } from '../../model.ts';
import type { FlowDocument } from '../../../flows/model.ts';

export type RetryPolicy = Record<string, unknown> & { type?: string };

/** The task's own retry, else the nearest ancestor flowable's, else the flow's. */
export function retryPolicyFor(task: TaskDefinition, ancestors: TaskDefinition[], flow: FlowDocument): RetryPolicy | undefined {
  return retrySourceFor(task, ancestors, flow)?.policy;
}

/** The policy and where it comes from (the flow's CREATE_NEW_EXECUTION policy dates from the execution). */
export function retrySourceFor(task: TaskDefinition, ancestors: TaskDefinition[], flow: FlowDocument): { policy: RetryPolicy; from: 'task' | 'flow' } | undefined {
  if (task.retry && typeof task.retry === 'object') return { policy: task.retry as RetryPolicy, from: 'task' };
  for (const a of ancestors) if (a.retry && typeof a.retry === 'object') return { policy: a.retry as RetryPolicy, from: 'task' };
  return flow.retry && typeof flow.retry === 'object' ? { policy: flow.retry, from: 'flow' } : undefined;
}

const last = <T>(list: T[]) => list[list.length - 1];

/** Kestra's `AbstractRetry.nextRetryDate(attemptCount, lastAttempt)` for each retry type. */
function delayedFrom(policy: RetryPolicy, count: number, base: number, random: () => number): number | undefined {
  switch (policy.type) {
    case 'constant':
      return base + (parseDuration(policy.interval) ?? 0);
    case 'exponential': {
      // Kestra's quirk: the first retry is immediate and the delay then grows linearly, capped.
      const interval = parseDuration(policy.interval) ?? 0;
      const factor = Math.trunc(Number(policy.delayFactor ?? 2));
      const cap = parseDuration(policy.maxInterval) ?? Number.POSITIVE_INFINITY;
      return base + Math.min(interval * factor * (count - 1), cap);
    }
    case 'random': {
      const min = parseDuration(policy.minInterval) ?? 0;
      const maxI = parseDuration(policy.maxInterval) ?? min;
      return base + min + Math.floor(random() * Math.max(0, maxI - min));
    }
    default:
      return undefined;
  }
}

const maxAttemptOf = (policy: RetryPolicy) => Number(policy.maxAttempts ?? policy.maxAttempt ?? Number.POSITIVE_INFINITY);

/** `behavior: RETRY_FAILED_TASK` (TaskRun.nextRetryDate(retry)): counts the task run's attempts. */
export function nextRetryAt(policy: RetryPolicy, attempts: Attempt[], random: () => number = Math.random): number | undefined {
  if (attempts.length >= maxAttemptOf(policy)) return undefined;
  const lastAttempt = last(attempts);
  const first = attempts[0];
  if (!lastAttempt || !first) return undefined;
  const next = delayedFrom(policy, attempts.length, last(lastAttempt.state.histories)!.date, random);
  if (next === undefined) return undefined;
  const maxDuration = parseDuration(policy.maxDuration);
  if (maxDuration !== undefined && next > first.state.histories[0]!.date + maxDuration) return undefined;
  return next;
}

export const createsNewExecution = (policy: RetryPolicy | undefined) => policy?.behavior === 'CREATE_NEW_EXECUTION';

/**
 * `behavior: CREATE_NEW_EXECUTION` (TaskRun.nextRetryDate(retry, execution) and
 * ExecutionService.nextRetryDate): counts the execution's `metadata.attemptNumber`, measures
 * maxDuration from `metadata.originalCreatedDate`. `base` is the failed attempt's end for a
 * task or ancestor policy, the execution's last state date for the flow's policy.
 */
export function nextExecutionAt(policy: RetryPolicy, metadata: { attemptNumber: number; originalCreatedDate: number }, base: number, random: () => number = Math.random): number | undefined {
  if (metadata.attemptNumber >= maxAttemptOf(policy)) return undefined;
  const next = delayedFrom(policy, metadata.attemptNumber, base, random);
  if (next === undefined) return undefined;
  const maxDuration = parseDuration(policy.maxDuration);
  if (maxDuration !== undefined && next > metadata.originalCreatedDate + maxDuration) return undefined;
  return next;
}
