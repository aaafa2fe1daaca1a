// io.kestra.plugin.core.flow.WorkingDirectory: its children run one after the other (like a
// Sequential) in ONE real temporary directory. Before the first child (preExecuteTasks) the
// cache archive is restored, then namespace files and `inputFiles` are written; after the last
// (postExecuteTasks) `outputFiles` globs are stored as the task's `outputFiles` output and the
// `cache` patterns archived again when a file changed. The directory is removed at the end.

import { createHash } from 'node:crypto';
import { createZip, readZip } from '../../shared/zip/zip.ts';
import { parseDuration } from '../../shared/time/durations.ts';
import { isPlainObject } from '../../shared/guards.ts';
import type { FlowableHandler, Workspace, WorkspaceHandle } from '../flowable.ts';
import { TaskError, type RunContext } from '../types.ts';
import { sequentialFlowable } from './flow-containers.ts';
import { pathMatcher } from './path-glob.ts';
import { renderJsonList } from './render-extra.ts';
import { createWorkingDir, findWorkingFiles, listWorkingFiles, readWorkingFile, removeWorkingDir, writeWorkingFile } from './working-dir.ts';

interface CacheSpec { patterns?: string[]; ttl?: string }
interface NamespaceFilesSpec { enabled?: boolean; include?: string[]; exclude?: string[] }

/** PathMatcherPredicate.builder(): includes and not excludes; nothing given matches everything */
function includeExclude(include: string[] | undefined, exclude: string[] | undefined): (path: string) => boolean {
  const inc = include?.length ? pathMatcher(include) : () => true;
  const exc = exclude?.length ? pathMatcher(exclude) : () => false;
  return (path) => inc(path) && !exc(path);
}

function restoreCache(ctx: RunContext, dir: string, cache: CacheSpec): number | undefined {
  const archive = ctx.storage.getCacheFile?.(String(ctx.task.id), ctx.taskRun.value, parseDuration(cache.ttl));
  if (!archive) return undefined;
  ctx.logger.debug('Cache exist, downloading it');
  for (const entry of readZip(archive)) {
    if (entry.directory) continue;
    try { writeWorkingFile(dir, entry.name, entry.data); } catch (err) { ctx.logger.error(`Unable to create the file ${entry.name}`); void err; }
  }
  return Date.now(); // compared with file modification times, which are wall-clock
}

function writeNamespaceFiles(ctx: RunContext, dir: string, spec: NamespaceFilesSpec) {
  const files = ctx.namespaceFiles;
  if (!files) throw new TaskError('namespaceFiles: namespace files are not available in this runner');
  const matches = includeExclude(spec.include, spec.exclude);
  for (const file of files.list(ctx.flow.namespace)) {
    if (!matches(file.path)) continue;
    const data = files.get(ctx.flow.namespace, file.path);
    if (data) writeWorkingFile(dir, file.path, data);
  }
}

/** FilesService.inputFiles: a map (null values dropped) or a string rendering to a JSON map; keys and values rendered */
function writeInputFiles(ctx: RunContext, dir: string, raw: unknown) {
  let files: Record<string, unknown>;
  if (typeof raw === 'string') {
    const rendered = ctx.render(raw);
    try { files = JSON.parse(rendered); } catch { throw new TaskError(`Invalid \`inputFiles\`: ${rendered} is not a JSON map`); }
    if (!isPlainObject(files)) throw new TaskError(`Invalid \`inputFiles\`: ${rendered} is not a JSON map`);
  } else if (isPlainObject(raw)) {
    files = ctx.renderDeep(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null && v !== undefined)));
  } else {
    throw new TaskError(`Invalid \`files\` properties with type '${Array.isArray(raw) ? 'class java.util.ArrayList' : typeof raw}'`);
  }
  for (const [name, value] of Object.entries(files)) {
    const content = typeof value === 'string' ? value : JSON.stringify(value);
    writeWorkingFile(dir, ctx.render(name), content.startsWith('kestra://') ? ctx.storage.readFile(content.trim()) : content);
  }
}

/** FilesService.outputFiles: relative path → stored URI, the stored name made unique per path */
function collectOutputFiles(ctx: RunContext, dir: string, patterns: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of findWorkingFiles(dir, patterns)) {
    const unique = createHash('sha1').update(`${dir}/${path}`).digest('base64url').slice(0, 22);
    out[path] = ctx.storage.putFile(`${unique}-${path.split('/').pop()}`, readWorkingFile(dir, path));
  }
  return out;
}

function saveCache(ctx: RunContext, handle: WorkspaceHandle, cache: CacheSpec) {
  const patterns = cache.patterns ?? [];
  const matched = new Set(findWorkingFiles(handle.dir, patterns));
  const files = listWorkingFiles(handle.dir).filter((f) => matched.has(f.path));
  if (!files.some((f) => f.modified > (handle.restoredAt ?? 0))) {
    ctx.logger.debug("Cache files didn't change, skip updating it");
    return;
  }
  ctx.logger.debug('Cache files changed, we update the cache');
  const zip = createZip(files.map((f) => ({ name: f.path, data: readWorkingFile(handle.dir, f.path) })), { modified: new Date(ctx.clock.now()) });
  const uri = ctx.storage.putCacheFile?.(String(ctx.task.id), ctx.taskRun.value, zip);
  if (uri) ctx.logger.debug(`Caching in ${uri}`);
}

const workspace: Workspace = {
  open(ctx) {
    const handle: WorkspaceHandle = { dir: createWorkingDir() };
    try {
      const t = ctx.task;
      if (isPlainObject(t.cache)) handle.restoredAt = restoreCache(ctx, handle.dir, t.cache as CacheSpec);
      if (isPlainObject(t.namespaceFiles) && t.namespaceFiles.enabled !== false) writeNamespaceFiles(ctx, handle.dir, t.namespaceFiles as NamespaceFilesSpec);
      if (t.inputFiles !== undefined && t.inputFiles !== null) writeInputFiles(ctx, handle.dir, t.inputFiles);
      return handle;
    } catch (err) {
      removeWorkingDir(handle.dir);
      throw err;
    }
  },
  close(ctx, handle) {
    let outputs: Record<string, unknown> | undefined;
    if (ctx.task.outputFiles !== undefined) {
      try {
        const files = collectOutputFiles(ctx, handle.dir, renderJsonList(ctx, ctx.task.outputFiles, 'outputFiles') ?? []);
        if (Object.keys(files).length) outputs = { outputFiles: files };
      } catch (err) {
        ctx.logger.error('Unable to capture WorkingDirectory output files');
        throw err;
      }
    }
    if (isPlainObject(ctx.task.cache)) {
      try { saveCache(ctx, handle, ctx.task.cache as CacheSpec); } catch (err) { ctx.logger.error(`Unable to execute WorkingDirectory post actions: ${(err as Error).message}`); }
    }
    return outputs;
  },
  discard: (handle) => removeWorkingDir(handle.dir),
};

export const workingDirectoryFlowable: FlowableHandler = { ...sequentialFlowable, workspace };
