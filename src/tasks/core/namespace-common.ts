// Shared by the namespace.* tasks: the target namespace (default: the flow's), the namespace
// files service, and its path errors turned into task failures.

import { NamespaceFilesError, type NamespaceFilesAccess } from '../../namespaces/files/store.ts';
import { TaskError, type RunContext } from '../types.ts';
import { requireService } from './render-extra.ts';
import { renderString } from './render-props.ts';

export function namespaceTarget(ctx: RunContext, taskType: string): { namespace: string; files: NamespaceFilesAccess } {
  const files = requireService(ctx.namespaceFiles, 'namespaceFiles', taskType);
  const namespace = renderString(ctx, ctx.task.namespace)?.trim() || ctx.flow.namespace;
  return { namespace, files };
}

export function nsCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NamespaceFilesError) throw new TaskError(e.message, e);
    throw e;
  }
}
