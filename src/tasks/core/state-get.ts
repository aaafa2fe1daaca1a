// io.kestra.plugin.core.state.Get (deprecated): `{count, data}` of the named state; a missing
// state gives an empty map unless `errorOnMissing`.

import { TaskError, type RunnableTask } from '../types.ts';
import { missingStateMessage, readState, stateTarget } from './state-common.ts';
import { renderBool } from './render-props.ts';

export const stateGetTask: RunnableTask = {
  run(ctx) {
    const target = stateTarget(ctx, 'state.Get');
    const errorOnMissing = renderBool(ctx, ctx.task.errorOnMissing, false);
    const data = readState(target);
    if (!data && errorOnMissing) throw new TaskError(missingStateMessage(target.name));
    return { outputs: { count: Object.keys(data ?? {}).length, data: data ?? {} } };
  },
};
