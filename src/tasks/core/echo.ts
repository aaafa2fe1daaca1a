// io.kestra.plugin.core.debug.Echo (deprecated in Kestra in favour of Log): logs the rendered
// `format` at `level` (INFO by default). No outputs.

import { LEVELS } from '../schema.ts';
import type { RunnableTask } from '../types.ts';
import { renderEnum, renderRequired } from './render-props.ts';

export const echoTask: RunnableTask = {
  run(ctx) {
    const level = renderEnum(ctx, ctx.task.level, LEVELS, 'org.slf4j.event.Level') ?? 'INFO';
    ctx.logger.log(level, renderRequired(ctx, ctx.task.format, 'format'));
  },
};
