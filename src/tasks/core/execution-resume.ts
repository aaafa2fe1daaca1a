// execution.Resume (engine-contract §8.2): resumes a PAUSED execution, by default the current one.

import { TaskError, type RunnableTask } from '../types.ts';

export interface ResumeControl { resume(tenant: string, executionId: string, inputs: Record<string, unknown>): Promise<void> }

export function resumeTask(control: () => ResumeControl | undefined): RunnableTask {
  return {
    async run(ctx) {
      const c = control();
      if (!c) throw new TaskError('Resuming executions is not available in this runtime');
      const executionId = ctx.task.executionId === undefined ? ctx.execution.id : ctx.render(ctx.task.executionId);
      const inputs = (ctx.task.inputs ? ctx.renderDeep(ctx.task.inputs) : {}) as Record<string, unknown>;
      try {
        await c.resume(ctx.tenant, executionId, inputs);
      } catch (err) {
        throw new TaskError((err as Error).message);
      }
      return { outputs: {} };
    },
  };
}
