// io.kestra.plugin.core.kv.Set: `value` is rendered typed (a lone `{{ expr }}` keeps its native
// type, maps and lists are rendered recursively); `kvType` converts a rendered string
// (NUMBER, BOOLEAN, DATETIME, DATE, DURATION, JSON); `ttl` makes the entry expire; with
// `overwrite: false` an existing key fails the task. No outputs.

import { convertToKvType, KV_TYPES, type KvType } from '../../kv/model.ts';
import type { RunContext, RunnableTask } from '../types.ts';
import { kvCall, kvTarget } from './kv-common.ts';
import { renderBool, renderDuration, renderEnum, renderString } from './render-props.ts';

function renderValue(ctx: RunContext, value: unknown): unknown {
  if (typeof value === 'string') return ctx.renderTyped(value);
  if (value !== null && typeof value === 'object') return ctx.renderDeep(value);
  return value ?? null;
}

export const kvSetTask: RunnableTask = {
  run(ctx) {
    const { namespace, key } = kvTarget(ctx);
    let value = renderValue(ctx, ctx.task.value);
    const overwrite = renderBool(ctx, ctx.task.overwrite, true);
    const ttlMs = renderDuration(ctx, ctx.task.ttl);
    const kvType = renderEnum(ctx, ctx.task.kvType, KV_TYPES, 'io.kestra.core.models.kv.KVType');
    const description = renderString(ctx, ctx.task.description);
    let type: KvType | undefined;
    if (kvType) ({ value, type } = kvCall(() => convertToKvType(kvType, value)));
    kvCall(() => ctx.kv.set(namespace, key, value, {
      overwrite,
      ...(ttlMs !== undefined ? { ttlMs } : {}),
      ...(type ? { type } : {}),
      ...(description !== undefined ? { description } : {}),
    }));
  },
};
