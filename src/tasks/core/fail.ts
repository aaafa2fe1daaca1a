// io.kestra.plugin.core.execution.Fail. Without `condition` it fails with `errorMessage`.
// With one, a truthy rendering logs `errorMessage` at ERROR and fails with "Fail on a
// condition" (Kestra's wording: the custom message is the log line, not the failure).

import { isKestraTruthy } from '../../expressions/index.ts';
import { TaskError, type RunnableTask } from '../types.ts';
import { renderString } from './render-props.ts';

const DEFAULT_MESSAGE = 'Task failure';

export const failTask: RunnableTask = {
  run(ctx) {
    const errorMessage = () => renderString(ctx, ctx.task.errorMessage) ?? DEFAULT_MESSAGE;
    if (ctx.task.condition === undefined || ctx.task.condition === null) throw new TaskError(errorMessage());
    const condition = renderString(ctx, ctx.task.condition) ?? '';
    if (!isKestraTruthy(condition)) return;
    ctx.logger.error(errorMessage());
    throw new TaskError('Fail on a condition');
  },
};
