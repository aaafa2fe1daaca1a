// Engine behaviours driven by timers or by every change: SLA deadlines and assertions, WaitFor
// iterations, Pause delay/timeout. Each arms timers owned by the live execution, so they are
// cancelled when it ends.

import type { ExpressionEngine } from '../../expressions/index.ts';
import type { Clock } from '../../shared/time/clock.ts';
import { parseDuration } from '../../shared/time/durations.ts';
import type { TaskRun } from '../model.ts';
import { isTerminal } from '../state.ts';
import { applyAllowances } from './final-state.ts';
import type { Live } from './live.ts';
import { endPausedRun, resumeExecution } from './pause.ts';
import { applyViolation, assertionViolation, durationReason, maxDurationMs, slasOf, type Sla } from './sla.ts';

export interface TimedDeps {
  clock: Clock;
  expressions(tenant: string): ExpressionEngine;
  schedule(l: Live): void;
  variablesOf(l: Live, run?: TaskRun): Record<string, unknown>;
  logError(l: Live, run: TaskRun | undefined, message: string): void;
  logWarn(l: Live, message: string): void;
}

export function createTimedBehaviours(d: TimedDeps) {
function violate(l: Live, sla: Sla, reason: string) {
  const { warn, error, stop } = applyViolation(l.exec, sla, reason, d.clock.now());
  d.logWarn(l, warn);
  if (error) d.logError(l, undefined, error);
  if (stop) for (const w of l.workers.values()) w.abort();
  l.dirty = true;
}

/** MAX_DURATION deadlines count from the execution's creation. */
function armSlas(l: Live) {
  const start = l.exec.state.histories[0]!.date;
  for (const sla of slasOf(l.plan.flow)) {
    const max = maxDurationMs(sla);
    if (max === undefined) continue;
    l.timers.set(`sla:${sla.id}`, d.clock.setTimer(start + max - d.clock.now(), () => {
      l.timers.delete(`sla:${sla.id}`);
      if (isTerminal(l.exec.state.current)) return;
      violate(l, sla, durationReason(d.clock.now() - start, sla));
      d.schedule(l);
    }));
  }
}

function checkAssertions(l: Live) {
  for (const sla of slasOf(l.plan.flow)) {
    const reason = assertionViolation(sla, (t) => d.expressions(l.exec.tenant).render(t, d.variablesOf(l)));
    if (reason) { violate(l, sla, reason); return; }
  }
}

/** WaitFor: after the interval, the previous iteration's children go away and the task runs again. */
function iterateLater(l: Live, run: TaskRun, delayMs: number) {
  l.timers.set(`wait:${run.id}`, d.clock.setTimer(delayMs, () => {
    l.timers.delete(`wait:${run.id}`);
    if (run.state.current !== 'PAUSED' || isTerminal(l.exec.state.current)) return;
    const gone = new Set([run.id]);
    for (const t of l.exec.taskRunList) if (t.parentTaskRunId && gone.has(t.parentTaskRunId)) gone.add(t.id);
    gone.delete(run.id);
    l.exec.taskRunList = l.exec.taskRunList.filter((t) => !gone.has(t.id));
    run.iteration = (run.iteration ?? 0) + 1;
    resumeExecution(l.exec, d.clock.now());
    l.dirty = true;
    d.schedule(l);
  }));
}

/** Pause `delay`/`pauseDuration` resumes by itself (or ends as `behavior` says); `timeout` (without either) fails the Pause task run. */
function armPause(l: Live, run: TaskRun, task: Record<string, unknown>) {
  const vars = d.variablesOf(l, run);
  const ex = d.expressions(l.exec.tenant);
  const duration = (v: unknown) => (v === undefined ? undefined : parseDuration(typeof v === 'string' ? ex.render(v, vars) : v));
  const delay = duration(task.delay);
  const timeout = duration(task.timeout);
  const now = d.clock.now();
  const arm = (at: number, fn: () => void) => l.timers.set(`pause:${run.id}`, d.clock.setTimer(at - now, () => {
    l.timers.delete(`pause:${run.id}`);
    if (run.state.current !== 'PAUSED' || isTerminal(l.exec.state.current)) return;
    fn();
    l.dirty = true;
    d.schedule(l);
  }));
  // `pauseDuration` (Kestra 0.22+, `delay` renamed) ends as its `behavior` says; RESUME by default
  const pauseDuration = duration(task.pauseDuration);
  const ending = ({ WARN: 'WARNING', CANCEL: 'CANCELLED', FAIL: 'FAILED' } as const)[String(task.behavior) as 'WARN' | 'CANCEL' | 'FAIL'];
  if (pauseDuration !== undefined && ending) arm(now + pauseDuration, () => endPausedRun(l.exec, run, ending, d.clock.now()));
  else if (pauseDuration !== undefined || delay !== undefined) arm(now + (pauseDuration ?? delay)!, () => resumeExecution(l.exec, d.clock.now()));
  else if (timeout !== undefined) arm(now + timeout, () => endPausedRun(l.exec, run, applyAllowances('FAILED', task), d.clock.now()));
}


  return { armSlas, checkAssertions, iterateLater, armPause };
}
