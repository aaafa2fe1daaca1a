// io.kestra.plugin.core.kv.Delete: `{deleted}`; `errorOnMissing: true` fails when nothing was
// there to delete (an expired entry counts as missing).

import { TaskError, type RunnableTask } from '../types.ts';
import { kvCall, kvTarget, noValueMessage } from './kv-common.ts';
import { renderBool } from './render-props.ts';

export const kvDeleteTask: RunnableTask = {
  run(ctx) {
    const { namespace, key } = kvTarget(ctx);
    const errorOnMissing = renderBool(ctx, ctx.task.errorOnMissing, false);
    const deleted = kvCall(() => ctx.kv.delete(namespace, key));
    if (!deleted && errorOnMissing) throw new TaskError(noValueMessage(key, namespace));
    return { outputs: { deleted } };
  },
};
