// io.kestra.plugin.core.namespace.DeleteFiles: deletes the namespace files matching `files`
// (a pattern or a list: globs, `glob:`/`regex:` prefixed; a pattern starting with a word
// character matches at any depth). Counter metric `deleted`. Kestra returns no outputs.
// `deleteParentFolder` has nothing to do: folders only exist through their files here.

import { TaskError, type RunnableTask } from '../types.ts';
import { namespaceTarget, nsCall } from './namespace-common.ts';
import { pathMatcher } from './path-glob.ts';
import { renderStringOrList } from './render-extra.ts';

export const namespaceDeleteFilesTask: RunnableTask = {
  run(ctx) {
    const { namespace, files: store } = namespaceTarget(ctx, 'namespace.DeleteFiles');
    const patterns = renderStringOrList(ctx, ctx.task.files, 'files');
    if (!patterns || patterns.length === 0) throw new TaskError("Missing required property 'files'");
    const matches = pathMatcher(patterns);
    let deleted = 0;
    for (const file of nsCall(() => store.list(namespace))) {
      if (matches(file.path) && nsCall(() => store.delete(namespace, file.path))) {
        ctx.logger.debug(`Deleted ${file.path}`);
        deleted++;
      }
    }
    ctx.metric('counter', 'deleted', deleted);
    return { outputs: {} };
  },
};
