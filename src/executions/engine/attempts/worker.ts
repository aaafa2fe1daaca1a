// Runs one attempt of a runnable task: timeout, kill, and the mapping of results and errors to
// an attempt outcome. Synchronous tasks (Log, Return, OutputValues, ...) complete without a
// promise so the engine loop can go on in the same tick — that is most of the engine's speed.

import { TaskError, TaskKilledError, type RunContext, type RunnableTask, type RunResult } from '../../../tasks/types.ts';
import { parseDuration } from '../../../shared/time/durations.ts';
import { DEFAULT_MAX_OUTPUTS_BYTES, outputsTooLarge } from './output-limit.ts';
import { causesMessage, traceText } from './error-trace.ts';

/**
 * A fault injected into one attempt (the admin API's task faults): wait `delayMs` on the runtime
 * clock first, then fail with `fail`, or hang until the task's timeout (or a kill) with `hang`,
 * or else run the task as usual.
 */
export interface TaskFault { delayMs?: number; fail?: string; hang?: boolean }

/** Where the engine asks for a fault before each attempt (provided by the admin feature). */
export interface TaskFaultSource {
  take(q: { tenant: string; namespace: string; flowId: string; executionId: string; taskId: string; taskType: string }): TaskFault | undefined;
}

declare module '../../../shared/ports.ts' {
  interface PortMap { taskFaults: TaskFaultSource }
}

// the longest a timer may wait (setTimeout's limit); a hang sleeps again and again
const HANG_SLICE_MS = 2 ** 31 - 1;

function faulty(task: RunnableTask, fault: TaskFault): RunnableTask {
  return {
    async run(ctx) {
      if (fault.delayMs) await ctx.sleep(fault.delayMs);
      if (fault.fail !== undefined) throw new TaskError(fault.fail);
      if (fault.hang) for (;;) await ctx.sleep(HANG_SLICE_MS);
      return task.run(ctx);
    },
  };
}

export interface AttemptOutcome {
  state: 'SUCCESS' | 'WARNING' | 'FAILED' | 'KILLED';
  outputs?: Record<string, unknown>;
}

/** DurationFormatUtils HMS: 00:00:01.000 */
export function hms(ms: number): string {
  const h = Math.floor(ms / 3_600_000), m = Math.floor((ms % 3_600_000) / 60_000), s = Math.floor((ms % 60_000) / 1000), milli = ms % 1000;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(h)}:${p(m)}:${p(s)}.${p(milli, 3)}`;
}

function fromResult(result: RunResult | void): AttemptOutcome {
  return { state: result?.state ?? 'SUCCESS', outputs: result?.outputs ?? {} };
}

/** Outputs over the limit fail the attempt and are dropped, as Kestra's message protection does. */
function capOutputs(outcome: AttemptOutcome, ctx: RunContext, maxOutputs: number): AttemptOutcome {
  const error = outputsTooLarge(outcome.outputs, maxOutputs);
  if (!error) return outcome;
  ctx.logger.error(error);
  return { state: 'FAILED', outputs: {} };
}

function fromError(err: unknown, ctx: RunContext, killed: boolean): AttemptOutcome {
  if (killed || err instanceof TaskKilledError) return { state: 'KILLED' };
  const message = err instanceof Error ? err.message : String(err);
  ctx.logger.error(message);
  // expression errors carry their own explanation; Kestra adds neither causes nor a trace to them
  if (err instanceof Error && err.constructor.name.includes('Expression')) return { state: 'FAILED' };
  const causes = causesMessage(err);
  if (causes !== undefined) ctx.logger.error(causes);
  // a TaskError is a failure the task describes itself; anything else is unexpected: its trace
  if (!(err instanceof TaskError) && err instanceof Error) ctx.logger.trace(traceText(err));
  return { state: 'FAILED' };
}

export function runAttempt(
  runnable: RunnableTask, ctx: RunContext, controller: AbortController, fault?: TaskFault, maxOutputs = DEFAULT_MAX_OUTPUTS_BYTES,
): AttemptOutcome | Promise<AttemptOutcome> {
  const task = fault ? faulty(runnable, fault) : runnable;
  let timeoutMs: number | undefined;
  try {
    const raw = ctx.task.timeout;
    timeoutMs = raw === undefined ? undefined : parseDuration(typeof raw === 'string' && raw.includes('{{') ? ctx.render(raw) : raw);
    if (raw !== undefined && timeoutMs === undefined) throw new TaskError(`Invalid timeout: ${String(raw)}`);
  } catch (err) {
    return fromError(err, ctx, false);
  }
  let result: ReturnType<RunnableTask['run']>;
  try {
    result = task.run(ctx);
  } catch (err) {
    return fromError(err, ctx, controller.signal.aborted);
  }
  if (!(result instanceof Promise)) return capOutputs(fromResult(result), ctx, maxOutputs);

  let timedOut = false;
  const timer = timeoutMs === undefined ? undefined : ctx.clock.setTimer(timeoutMs, () => {
    timedOut = true;
    controller.abort();
  });
  const timeout = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(timedOut ? new TaskError(`Timeout after ${hms(timeoutMs!)}`) : new TaskKilledError()), { once: true });
  });
  return Promise.race([result, timeout]).then(
    (r) => capOutputs(fromResult(r), ctx, maxOutputs),
    (err) => fromError(err, ctx, !timedOut && controller.signal.aborted),
  ).finally(() => timer?.cancel());
}
