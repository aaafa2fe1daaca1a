// Shared by the kv.* tasks: the namespace (default: the flow's), the rendered key, and KV store
// errors turned into task failures with the store's (Kestra's) message.

import { KvError } from '../../kv/model.ts';
import { TaskError, type RunContext } from '../types.ts';
import { renderRequired, renderString } from './render-props.ts';

export function kvTarget(ctx: RunContext): { namespace: string; key: string } {
  const namespace = renderString(ctx, ctx.task.namespace) ?? ctx.flow.namespace;
  return { namespace, key: renderRequired(ctx, ctx.task.key, 'key') };
}

export function kvCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof KvError) throw new TaskError(e.message, e);
    throw e;
  }
}

export const noValueMessage = (key: string, namespace: string) =>
  `No value found for key '${key}' in namespace '${namespace}' and \`errorOnMissing\` is set to true`;
