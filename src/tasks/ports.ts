// The services a few tasks reach that are built after the engine (engine ⇄ execution service is
// the runtime's one real cycle, see shared/ports.ts): Subflow and ForEachItem start and await
// child executions, execution.Resume resumes one, trigger.Toggle flips a trigger. Tasks ask
// `ctx.ports` when they run; the features owning those services provide them at creation.

import type { Label } from '../flows/model.ts';
import type { Execution } from '../executions/model.ts';

export interface ChildExecutions {
  /** creates the child execution; throws ApiError/Error with Kestra's message when it cannot */
  create(req: {
    tenant: string; namespace: string; flowId: string; revision?: number; inputs: Record<string, unknown>;
    labels: Label[]; scheduleDate?: number; trigger: Execution['trigger'];
  }): Promise<Execution>;
  waitForTerminal(tenant: string, id: string): Promise<Execution>;
  kill(tenant: string, id: string): void;
  /** the execution as stored now (ForEachItem merges the outputs of its finished children) */
  find(tenant: string, id: string): Execution | undefined;
  /**
   * Subflow output extraction (Subflow.createSubflowExecutionResult): the child flow's declared
   * `outputs` (re-rendered and typed) or else the task's deprecated `outputs` map, rendered
   * against the finished child execution; undefined when there is neither; throws when a value
   * cannot render.
   */
  extractOutputs?(tenant: string, id: string, legacy: Record<string, unknown> | undefined): Record<string, unknown> | undefined;
}

export interface ResumeControl { resume(tenant: string, executionId: string, inputs: Record<string, unknown>): Promise<void> }

/** Triggers of one tenant (trigger.Toggle). */
export interface TriggersAccess {
  /** false when the flow has no such trigger */
  setDisabled(namespace: string, flowId: string, triggerId: string, disabled: boolean): boolean;
}

declare module '../shared/ports.ts' {
  interface PortMap {
    children: ChildExecutions;
    resume: ResumeControl;
    /** trigger access bound to one tenant */
    triggers: (tenant: string) => TriggersAccess;
  }
}
