// io.kestra.plugin.core.storage.LocalFiles (deprecated): `inputs` (map path → content, or a
// string rendering to a JSON map) are the task's local files — a value that is a `kestra://`
// URI copies that stored file — and the `outputs` globs (relative paths) select which of them
// are stored: `{uris: {path: uri}}`. kestra-lite has no working directory shared with other
// tasks, so only this task's own inputs can be matched by `outputs`.

import { TaskError, type RunContext, type RunnableTask } from '../types.ts';
import { relativeFileName } from './file-lines.ts';
import { pathMatcher } from './path-glob.ts';
import { renderJsonList } from './render-extra.ts';
import { renderMap } from './render-props.ts';
import { isPlainObject } from '../../shared/guards.ts';

function localInputs(ctx: RunContext): Map<string, Uint8Array | string> {
  const files = new Map<string, Uint8Array | string>();
  const inputs = renderMap(ctx, ctx.task.inputs, 'inputs');
  if (!inputs) return files;
  for (const [path, value] of Object.entries(inputs)) {
    const content = typeof value === 'string' ? value : isPlainObject(value) || Array.isArray(value) ? JSON.stringify(value) : String(value ?? '');
    const name = relativeFileName(path);
    files.set(name, content.startsWith('kestra://') ? ctx.storage.readFile(content.trim()) : content);
  }
  return files;
}

export const storageLocalFilesTask: RunnableTask = {
  run(ctx) {
    const files = localInputs(ctx);
    const patterns = renderJsonList(ctx, ctx.task.outputs, 'outputs');
    if (!patterns || patterns.length === 0) return { outputs: { uris: {} } };
    if (patterns.some((p) => p.trim() === '')) throw new TaskError('Invalid `outputs` property: empty glob');
    // globs are relative to the working directory: match them against "/<relative path>"
    const matches = pathMatcher(patterns.map((p) => (p.startsWith('glob:') || p.startsWith('regex:') ? p : `/${p.replace(/^\/+/, '')}`)));
    const uris: Record<string, string> = {};
    for (const [name, content] of files) {
      if (matches(`/${name}`)) uris[name] = ctx.storage.putFile(name, content);
    }
    return { outputs: { uris } };
  },
};
