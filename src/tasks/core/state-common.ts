// The deprecated state store of the state.* tasks (engine-contract §7): a JSON map stored at
// `/<ns>/[<flow>/]states/tasks-states[/<hash of taskrun.value>]/<name>`. `namespace: true`
// shares the state across the namespace's flows; `taskrunValue: true` (default) isolates it
// per loop value. The hash is ours (Kestra's differs): states are not portable between them.
// createStateStoreAccess is the blob-store implementation the runner wires as ctx.stateStore.

import { createHash } from 'node:crypto';
import { blobKey, namespacePath, slugify, toUri } from '../../shared/storage/paths.ts';
import type { BlobStore } from '../../shared/storage/blobs.ts';
import { TaskError, type RunContext, type StateStoreAccess } from '../types.ts';
import { requireService } from './render-extra.ts';
import { renderBool, renderString } from './render-props.ts';
import { isPlainObject } from '../../shared/guards.ts';

const STATE = 'tasks-states';

export interface StateTarget { store: StateStoreAccess; name: string; path: string }

export function stateTarget(ctx: RunContext, taskType: string): StateTarget {
  const store = requireService(ctx.stateStore, 'stateStore', taskType);
  const name = renderString(ctx, ctx.task.name)?.trim() || 'default';
  if (name.split('/').includes('..')) throw new TaskError(`Invalid state name '${name}'`);
  const namespaceLevel = renderBool(ctx, ctx.task.namespace, false);
  const useValue = renderBool(ctx, ctx.task.taskrunValue, true);
  const value = useValue ? ctx.taskRun.value : undefined;
  const parts = [namespacePath(ctx.flow.namespace)];
  if (!namespaceLevel) parts.push(slugify(ctx.flow.id));
  parts.push('states', STATE);
  if (value !== undefined) parts.push(createHash('sha256').update(value).digest('hex').slice(0, 16));
  return { store, name, path: `/${parts.join('/')}/${name.replace(/^\/+/, '')}` };
}

export function readState(target: StateTarget): Record<string, unknown> | undefined {
  const data = target.store.get(target.path);
  if (!data) return undefined;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(data));
    return isPlainObject(parsed) ? parsed : {};
  } catch (e) {
    throw new TaskError(`Unable to read the state file '${target.name}': ${(e as Error).message}`, e);
  }
}

export const missingStateMessage = (name: string) => `Unable to find the state file '${name}'`;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Kestra's MapUtils.merge: maps merge recursively, lists gain the new items, the rest is replaced. */
export function mergeState(current: Record<string, unknown>, update: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(update)) {
    const old = out[key];
    if (isPlainObject(old) && isPlainObject(value)) out[key] = mergeState(old, value);
    else if (Array.isArray(old) && Array.isArray(value)) out[key] = value.every((v) => old.some((o) => same(o, v))) ? old : [...old, ...value];
    else out[key] = value;
  }
  return out;
}

/** The state store of one tenant on the blob store; refuses paths outside a `states` folder. */
export function createStateStoreAccess(blobs: BlobStore, tenant: string): StateStoreAccess {
  const key = (path: string) => {
    if (!path.startsWith('/') || !path.includes('/states/') || path.split('/').includes('..')) throw new TaskError(`Invalid state path '${path}'`);
    return blobKey(tenant, path);
  };
  return {
    get: (path) => blobs.get(key(path)),
    put(path, data) {
      blobs.put(key(path), data);
      return toUri(path);
    },
    delete: (path) => blobs.delete(key(path)),
  };
}
