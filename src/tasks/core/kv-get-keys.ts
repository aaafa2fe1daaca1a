// io.kestra.plugin.core.kv.GetKeys: `{keys}` of the namespace's live entries, optionally only
// those starting with the rendered `prefix`.

import type { RunnableTask } from '../types.ts';
import { kvCall } from './kv-common.ts';
import { renderString } from './render-props.ts';

export const kvGetKeysTask: RunnableTask = {
  run(ctx) {
    const namespace = renderString(ctx, ctx.task.namespace) ?? ctx.flow.namespace;
    const prefix = renderString(ctx, ctx.task.prefix);
    return { outputs: { keys: kvCall(() => ctx.kv.keys(namespace, prefix)) } };
  },
};
