// io.kestra.plugin.core.debug.Return: renders `format` and returns it as `value`; logs it at
// DEBUG and emits the `length` counter and `duration` timer, both tagged with the value.

import type { RunnableTask } from '../types.ts';
import { renderString } from './render-props.ts';

export const returnTask: RunnableTask = {
  run(ctx) {
    const started = ctx.clock.now();
    const value = renderString(ctx, ctx.task.format);
    const elapsed = ctx.clock.now() - started;
    // no format: Kestra's output has a null value, which its JSON mapper leaves out
    if (value === undefined) return { outputs: {} };
    ctx.logger.debug(value);
    ctx.metric('counter', 'length', value.length, { format: value });
    ctx.metric('timer', 'duration', elapsed, { format: value });
    return { outputs: { value } };
  },
};
