// io.kestra.plugin.core.flow.Sleep: logs "Waiting for <duration>" (java.time.Duration text, so
// P1D prints as PT24H) and waits on the injected clock, so tests advance time instead of waiting.

import { isoDuration } from '../../shared/time/durations.ts';
import { TaskError, type RunnableTask } from '../types.ts';
import { renderDuration } from './render-props.ts';

export const sleepTask: RunnableTask = {
  async run(ctx) {
    const ms = renderDuration(ctx, ctx.task.duration);
    if (ms === undefined) throw new TaskError("Missing required property 'duration'");
    if (ms < 0) throw new TaskError('timeout value is negative');
    ctx.logger.info(`Waiting for ${isoDuration(ms)}`);
    await ctx.sleep(ms);
  },
};
