// io.kestra.plugin.core.kv.Get: `{value}` of a key (null when missing or expired);
// `errorOnMissing: true` fails instead.

import { TaskError, type RunnableTask } from '../types.ts';
import { kvCall, kvTarget, noValueMessage } from './kv-common.ts';
import { renderBool } from './render-props.ts';

export const kvGetTask: RunnableTask = {
  run(ctx) {
    const { namespace, key } = kvTarget(ctx);
    const errorOnMissing = renderBool(ctx, ctx.task.errorOnMissing, false);
    const entry = kvCall(() => ctx.kv.get(namespace, key));
    if (!entry && errorOnMissing) throw new TaskError(noValueMessage(key, namespace));
    return { outputs: { value: entry ? entry.value : null } };
  },
};
