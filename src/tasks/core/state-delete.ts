// io.kestra.plugin.core.state.Delete (deprecated): deletes the named state; `{deleted}`.
// A missing state fails only with `errorOnMissing`.

import { TaskError, type RunnableTask } from '../types.ts';
import { missingStateMessage, stateTarget } from './state-common.ts';
import { renderBool } from './render-props.ts';

export const stateDeleteTask: RunnableTask = {
  run(ctx) {
    const target = stateTarget(ctx, 'state.Delete');
    const errorOnMissing = renderBool(ctx, ctx.task.errorOnMissing, false);
    const deleted = target.store.delete(target.path);
    if (!deleted && errorOnMissing) throw new TaskError(missingStateMessage(target.name));
    return { outputs: { deleted } };
  },
};
