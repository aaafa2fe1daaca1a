// execution.Resume (engine-contract §8.2): resumes a PAUSED execution, by default the current one.
// Execution control is built after the engine, so the task reaches it through the `resume` port.

import { TaskError, type RunnableTask } from '../types.ts';

export const resumeTask: RunnableTask = {
  async run(ctx) {
    if (!ctx.ports.has('resume')) throw new TaskError('Resuming executions is not available in this runtime');
    const control = ctx.ports.get('resume');
    const executionId = ctx.task.executionId === undefined ? ctx.execution.id : ctx.render(ctx.task.executionId);
    const inputs = (ctx.task.inputs ? ctx.renderDeep(ctx.task.inputs) : {}) as Record<string, unknown>;
    try {
      await control.resume(ctx.tenant, executionId, inputs);
    } catch (err) {
      throw new TaskError((err as Error).message);
    }
    return { outputs: {} };
  },
};
