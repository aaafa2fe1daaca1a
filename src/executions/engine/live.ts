// A running execution as the engine holds it: the execution, its plan, its in-flight attempts
// and timers, and who waits for its end.

import type { TimerHandle } from '../../shared/time/clock.ts';
import type { Execution } from '../model.ts';
import type { FlowPlan } from './plan.ts';
import type { WorkspaceHandle } from '../../tasks/flowable.ts';

export interface Live {
  exec: Execution;
  plan: FlowPlan;
  workers: Map<string, AbortController>;
  timers: Map<string, TimerHandle>;
  waiters: ((e: Execution) => void)[];
  queued: boolean;
  /** changed outside the step loop (a finished attempt, a resume): save even if the loop does nothing */
  dirty: boolean;
  /** a kill requested with isOnKillCascade=false leaves child executions running */
  noCascade?: boolean;
  /** open WorkingDirectory directories, by task run id */
  workspaces?: Map<string, WorkspaceHandle>;
}
