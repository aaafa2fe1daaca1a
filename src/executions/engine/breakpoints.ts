// Breakpoints (Kestra 1.x+ `?breakpoints=`): an execution stops in state BREAKPOINT before a
// runnable task whose id (and iteration value, when given) matches, until
// `resume-from-breakpoint` lets it go on with a new set of breakpoints.

import { unprocessable } from '../../shared/errors.ts';
import type { Breakpoint, Execution, TaskRun } from '../model.ts';
import { withState } from '../state.ts';

const TASK_ID = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;

/**
 * `task,other.value` → [{id: task}, {id: other, value: value}]. Task ids hold no dot, so the first
 * dot separates the id from an iteration value. Empty or absent → undefined.
 */
export function parseBreakpoints(text: string | null | undefined): Breakpoint[] | undefined {
  if (text === null || text === undefined) return undefined;
  const out: Breakpoint[] = [];
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const dot = raw.indexOf('.');
    const id = dot < 0 ? raw : raw.slice(0, dot);
    if (!TASK_ID.test(id)) throw unprocessable(`Invalid breakpoint '${raw}': expected 'taskId' or 'taskId.value'`);
    out.push(dot < 0 ? { id } : { id, value: raw.slice(dot + 1) });
  }
  return out.length ? out : undefined;
}

/**
 * A created task run stops at a matching breakpoint, once: a task run already released from a
 * breakpoint runs even when the same breakpoint is set again on resume.
 */
export function shouldSuspend(run: TaskRun, breakpoints: Breakpoint[] | undefined): boolean {
  if (!breakpoints?.length) return false;
  if (run.state.current !== 'CREATED' && run.state.current !== 'RESTARTED') return false;
  if (run.state.histories.some((h) => h.state === 'BREAKPOINT')) return false;
  return breakpoints.some((b) => b.id === run.taskId && (b.value === undefined || b.value === run.value));
}

/** Releases the task runs held at a breakpoint: they go back to CREATED, the execution to RUNNING. */
export function releaseBreakpoint(exec: Execution, breakpoints: Breakpoint[] | undefined, now: number): void {
  for (const run of exec.taskRunList) {
    if (run.state.current === 'BREAKPOINT') run.state = withState(run.state, 'CREATED', now);
  }
  exec.breakpoints = breakpoints;
  exec.state = withState(exec.state, 'RUNNING', now);
}
