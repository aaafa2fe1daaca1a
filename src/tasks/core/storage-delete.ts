// io.kestra.plugin.core.storage.Delete: deletes the stored file at `uri`; `{uri, deleted}`.
// A missing file is not an error unless `errorOnMissing`.

import { TaskError, type RunnableTask } from '../types.ts';
import { renderBool, renderRequired } from './render-props.ts';

export const storageDeleteTask: RunnableTask = {
  run(ctx) {
    const uri = renderRequired(ctx, ctx.task.uri, 'uri').trim();
    const errorOnMissing = renderBool(ctx, ctx.task.errorOnMissing, false);
    const deleted = ctx.storage.delete(uri);
    if (!deleted && errorOnMissing) throw new TaskError(`Unable to find file '${uri}'`);
    return { outputs: { uri, deleted } };
  },
};
