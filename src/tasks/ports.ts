// The services some tasks call back into, built after the engine that runs them (see
// shared/ports.ts): child executions for Subflow and ForEachItem, execution control for
// execution.Resume, the scheduler for trigger.Toggle.

import type { ChildExecutions } from '../executions/subflows/subflow-task.ts';
import type { ResumeControl } from '../executions/tasks/resume-task.ts';
import type { TriggersAccess } from './types.ts';

declare module '../shared/ports.ts' {
  interface PortMap {
    children: ChildExecutions;
    resume: ResumeControl;
    /** the tenant's triggers */
    triggers: (tenant: string) => TriggersAccess;
  }
}
