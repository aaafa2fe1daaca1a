// io.kestra.plugin.core.namespace.DownloadFiles: the namespace files matching `files` (a glob
// or a list of globs, rooted at "/") are copied into the task's storage under
// `<destination><path>`. `{files: {path: uri}}`; counter metric `downloaded`.

import { TaskError, type RunnableTask } from '../types.ts';
import { relativeFileName } from './file-lines.ts';
import { namespaceTarget, nsCall } from './namespace-common.ts';
import { rootedGlobMatcher } from './path-glob.ts';
import { renderStringOrList } from './render-extra.ts';
import { renderString } from './render-props.ts';

export const namespaceDownloadFilesTask: RunnableTask = {
  run(ctx) {
    const { namespace, files: store } = namespaceTarget(ctx, 'namespace.DownloadFiles');
    const patterns = renderStringOrList(ctx, ctx.task.files, 'files');
    if (!patterns || patterns.length === 0) throw new TaskError("Missing required property 'files'");
    const destination = renderString(ctx, ctx.task.destination) ?? '';
    const matches = rootedGlobMatcher(patterns);

    const downloaded: Record<string, string> = {};
    for (const file of nsCall(() => store.list(namespace))) {
      if (!matches(file.path)) continue;
      const data = nsCall(() => store.get(namespace, file.path));
      if (!data) continue;
      downloaded[file.path] = ctx.storage.putFile(relativeFileName(`${destination}/${file.path}`), data);
      ctx.logger.debug(`Downloaded ${downloaded[file.path]}`);
    }
    ctx.metric('counter', 'downloaded', Object.keys(downloaded).length);
    return { outputs: { files: downloaded } };
  },
};
