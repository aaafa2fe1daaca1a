// io.kestra.plugin.core.output.OutputValues: `values` rendered recursively (keys and string
// leaves; numbers and booleans keep their type), published as `{values}`.

import type { RunnableTask } from '../types.ts';
import { renderMap } from './render-props.ts';

export const outputValuesTask: RunnableTask = {
  run(ctx) {
    return { outputs: { values: renderMap(ctx, ctx.task.values, 'values') ?? {} } };
  },
};
