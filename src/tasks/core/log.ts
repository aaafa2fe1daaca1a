// io.kestra.plugin.core.log.Log: one log entry per message (a string or a list of strings),
// each rendered, at `level` (INFO by default). No outputs.

import { LEVELS } from '../schema.ts';
import { TaskError, type RunnableTask } from '../types.ts';
import { renderEnum, renderString } from './render-props.ts';

export const logTask: RunnableTask = {
  run(ctx) {
    const level = renderEnum(ctx, ctx.task.level, LEVELS, 'org.slf4j.event.Level') ?? 'INFO';
    const message = ctx.task.message;
    if (message === undefined || message === null) throw new TaskError("Missing required property 'message'");
    const messages = Array.isArray(message) ? message : [message];
    for (const m of messages) {
      if (m !== null && typeof m === 'object') throw new TaskError(`Invalid message type '${Array.isArray(m) ? 'list' : 'map'}'`);
      ctx.logger.log(level, renderString(ctx, m) ?? '');
    }
  },
};
