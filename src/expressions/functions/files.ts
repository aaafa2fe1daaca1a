// Internal-storage file functions (Kestra's FileSizeFunction and the newer fileExists /
// isFileEmpty): a `kestra:///` URI may only name a file of the current execution, or of the
// upstream execution named by `trigger` (flow triggers, subflows); fileExists/isFileEmpty also
// take a namespace-file path, as read() does. The bytes come from the `stat` hook.
import type { FunctionDef } from '../callables.ts';
import { EvalError } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import { isMap } from '../values.ts';
import { namespacePath } from '../../shared/storage/paths.ts';

const SCHEME = 'kestra:///';

/** Kestra's Slugify of a flow id, as storage paths use it */
const slug = (s: string) => s.toLowerCase().replace(/_/g, '-').replace(/[^\w-]/g, '');

function root(rt: Runtime, name: string): Record<string, unknown> | undefined {
  const v = Object.prototype.hasOwnProperty.call(rt.root, name) ? rt.root[name] : undefined;
  return isMap(v) ? v : undefined;
}

function belongs(uri: string, namespace: unknown, flowId: unknown, executionId: unknown): boolean {
  if (typeof namespace !== 'string' || typeof flowId !== 'string' || typeof executionId !== 'string') return false;
  return uri.startsWith(`${SCHEME}${namespacePath(namespace)}/${slug(flowId)}/executions/${executionId}/`);
}

/** throws Kestra's message when the URI is not a file of this execution nor of its trigger's (read() too) */
export function checkOwnership(uri: string, rt: Runtime): void {
  const flow = root(rt, 'flow');
  const execution = root(rt, 'execution');
  if (belongs(uri, flow?.namespace, flow?.id, execution?.id)) return;
  // a flow unit test's `files` fixtures are this execution's inputs
  const files = root(rt, 'files');
  if (files && Object.values(files).includes(uri)) return;
  const trigger = root(rt, 'trigger');
  if (trigger && belongs(uri, trigger.namespace, trigger.flowId, trigger.executionId)) return;
  throw new EvalError(`Unable to read the file '${uri}' as it didn't belong to the current execution`);
}

function stat(path: unknown, rt: Runtime, name: string, namespaceFiles: boolean): number | undefined {
  if (typeof path !== 'string') {
    throw new EvalError(`The '${name}' function expects an argument 'path' that is a path to the internal storage URI.`);
  }
  if (path.startsWith(SCHEME)) checkOwnership(path, rt);
  else if (!namespaceFiles) throw new EvalError(`Unable to create the URI from the path ${path}`);
  else if (path.split(/[\\/]/).includes('..')) throw new EvalError("Path must not contain '../'");
  const hook = rt.hooks.stat;
  if (!hook) throw new EvalError(`${name}() is not available in this context`);
  const ns = root(rt, 'flow')?.namespace;
  return hook(path, typeof ns === 'string' ? ns : undefined)?.size;
}

export const FILE_FUNCTIONS: Record<string, FunctionDef> = {
  fileSize: {
    args: ['path'],
    fn: ([p], rt) => {
      const size = stat(p, rt, 'fileSize', false);
      if (size === undefined) throw new EvalError(`File not found: ${String(p)}`);
      return size;
    },
  },
  fileExists: { args: ['path'], fn: ([p], rt) => stat(p, rt, 'fileExists', true) !== undefined },
  isFileEmpty: {
    args: ['path'],
    fn: ([p], rt) => {
      const size = stat(p, rt, 'isFileEmpty', true);
      if (size === undefined) throw new EvalError(`File not found: ${String(p)}`);
      return size === 0;
    },
  },
};
