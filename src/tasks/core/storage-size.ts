// io.kestra.plugin.core.storage.Size: `{size}` in bytes of the stored file at `uri`.

import type { RunnableTask } from '../types.ts';
import { renderRequired } from './render-props.ts';

export const storageSizeTask: RunnableTask = {
  run(ctx) {
    const uri = renderRequired(ctx, ctx.task.uri, 'uri').trim();
    return { outputs: { size: ctx.storage.readFile(uri).byteLength } };
  },
};
