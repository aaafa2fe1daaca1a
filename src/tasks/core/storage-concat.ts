// io.kestra.plugin.core.storage.Concat: `files` (a list, each element rendered, or a string
// rendering to a JSON list) are appended in order into one stored file; `separator` (rendered)
// follows every file, the last one too, as Kestra does; `extension` (".tmp") names it. `{uri}`.

import { TaskError, type RunnableTask } from '../types.ts';
import { encodeUtf8 } from './file-lines.ts';
import { renderJsonList } from './render-extra.ts';
import { renderString } from './render-props.ts';

export const storageConcatTask: RunnableTask = {
  run(ctx) {
    const files = renderJsonList(ctx, ctx.task.files, 'files');
    if (!files) throw new TaskError("Missing required property 'files'");
    const separator = renderString(ctx, ctx.task.separator);
    const extension = renderString(ctx, ctx.task.extension) ?? '.tmp';
    const sep = separator === undefined ? undefined : encodeUtf8(separator);
    const parts: Uint8Array[] = [];
    for (const file of files) {
      parts.push(ctx.storage.readFile(file.trim()));
      if (sep) parts.push(sep);
    }
    const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.byteLength;
    }
    return { outputs: { uri: ctx.storage.putFile(`concat${extension}`, out) } };
  },
};
