// io.kestra.plugin.core.state.Set (deprecated): merges the rendered `data` map into the named
// state (see state-common.ts) and stores it. `{count: <entries in the merged state>, key: <uri>}`.

import type { RunnableTask } from '../types.ts';
import { mergeState, readState, stateTarget } from './state-common.ts';
import { renderMap } from './render-props.ts';

export const stateSetTask: RunnableTask = {
  run(ctx) {
    const target = stateTarget(ctx, 'state.Set');
    const data = renderMap(ctx, ctx.task.data, 'data') ?? {};
    const merged = mergeState(readState(target) ?? {}, data);
    const key = target.store.put(target.path, JSON.stringify(merged));
    return { outputs: { count: Object.keys(merged).length, key } };
  },
};
