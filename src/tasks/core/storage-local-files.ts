// io.kestra.plugin.core.storage.LocalFiles (deprecated): `inputs` (map path → content, or a
// string rendering to a JSON map) are written to the task's working directory — a value that
// is a `kestra://` URI copies that stored file — and the `outputs` globs (relative paths)
// select which files of it are stored: `{uris: {path: uri}}`. Inside a WorkingDirectory that
// directory is the shared one (files of earlier tasks match too); elsewhere it holds only
// this task's own inputs.

import { TaskError, type RunContext, type RunnableTask } from '../types.ts';
import { relativeFileName } from './file-lines.ts';
import { pathMatcher } from './path-glob.ts';
import { renderJsonList } from './render-extra.ts';
import { renderMap } from './render-props.ts';
import { isPlainObject } from '../../shared/guards.ts';
import { findWorkingFiles, readWorkingFile, writeWorkingFile } from './working-dir.ts';

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
    if (ctx.workingDir !== undefined) return inWorkingDir(ctx, ctx.workingDir, files);
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

function inWorkingDir(ctx: RunContext, dir: string, files: Map<string, Uint8Array | string>) {
  for (const [name, content] of files) writeWorkingFile(dir, name, content);
  const patterns = renderJsonList(ctx, ctx.task.outputs, 'outputs');
  const uris: Record<string, string> = {};
  for (const path of findWorkingFiles(dir, patterns ?? [])) uris[path] = ctx.storage.putFile(path, readWorkingFile(dir, path));
  return { outputs: { uris } };
}
