// io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles (alias PurgeExecution): deletes
// every stored file of the current execution (inputs, task outputs...) and returns `{uris}`.

import type { RunnableTask } from '../types.ts';
import { requireService } from './render-extra.ts';

export const storagePurgeExecutionFilesTask: RunnableTask = {
  run(ctx) {
    const purge = requireService(ctx.storage.deleteExecutionFiles, 'storage.deleteExecutionFiles', 'storage.PurgeCurrentExecutionFiles');
    return { outputs: { uris: purge.call(ctx.storage) } };
  },
};
