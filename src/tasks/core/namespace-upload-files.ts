// io.kestra.plugin.core.namespace.UploadFiles: `filesMap` (a map, or a string rendering to a
// JSON map) name → value is stored as namespace file `<destination>/<name>` ("/" by default).
// A `kestra://` value copies that stored file (a missing one is skipped, as Kestra does);
// any other value is the file content (a kestra-lite convenience). `conflict`: OVERWRITE
// (default), ERROR (fail on an existing file) or SKIP. `{files: {path: namespace file URI}}`.
// `files` globs select files of a working directory kestra-lite does not have: refused.

import { TaskError, type RunnableTask } from '../types.ts';
import { namespaceTarget, nsCall } from './namespace-common.ts';
import { renderJsonList } from './render-extra.ts';
import { renderEnum, renderMap, renderString } from './render-props.ts';

const CONFLICTS = ['OVERWRITE', 'ERROR', 'SKIP'] as const;
const TYPE = 'io.kestra.plugin.core.namespace.UploadFiles';

const joinPath = (dir: string, name: string) => `${dir.replace(/\/+$/, '')}/${name.replace(/^\/+/, '')}`;

export const namespaceUploadFilesTask: RunnableTask = {
  run(ctx) {
    const { namespace, files: store } = namespaceTarget(ctx, 'namespace.UploadFiles');
    const globs = renderJsonList(ctx, ctx.task.files, 'files') ?? [];
    if (globs.length > 0) {
      throw new TaskError('namespace.UploadFiles: `files` (globs over a working directory) is not supported by kestra-lite; use `filesMap` with kestra:// URIs or contents');
    }
    const filesMap = renderMap(ctx, ctx.task.filesMap, 'filesMap');
    if (!filesMap) throw new TaskError('files or filesMap is required');
    const destination = renderString(ctx, ctx.task.destination) ?? '/';
    const conflict = renderEnum(ctx, ctx.task.conflict, CONFLICTS, `${TYPE}$Conflicts`) ?? 'OVERWRITE';

    const uploaded: Record<string, string> = {};
    for (const [name, value] of Object.entries(filesMap)) {
      if (value !== null && typeof value === 'object') throw new TaskError('filesMap must be a Map<String, String>');
      const text = String(value ?? '');
      let content: Uint8Array | string = text;
      if (text.startsWith('kestra://')) {
        if (!ctx.storage.exists(text.trim())) {
          ctx.logger.warn(`File '${text}' not found, '${name}' not uploaded`);
          continue;
        }
        content = ctx.storage.readFile(text.trim());
      }
      const path = joinPath(destination, name);
      const entry = nsCall(() => {
        const exists = store.stat(namespace, path);
        if (exists && conflict === 'ERROR') {
          throw new TaskError(`File '${exists.path}' already exists in namespace '${namespace}' and conflict is set to ERROR`);
        }
        if (exists && conflict === 'SKIP') return exists;
        return store.put(namespace, path, content);
      });
      uploaded[entry.path] = store.uri(namespace, entry.path);
    }
    return { outputs: { files: uploaded } };
  },
};
