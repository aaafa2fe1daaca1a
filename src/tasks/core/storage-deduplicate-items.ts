// io.kestra.plugin.core.storage.DeduplicateItems: renders `expr` per item of `from` (ION /
// JSON lines; the item's fields are variables over the task's own) and keeps, for each key,
// only its LAST occurrence, in file order. `{uri, numKeys, processedItemsTotal, droppedItemsTotal}`.

import { TaskError, type RunnableTask } from '../types.ts';
import { joinLines, parseItem, readLines } from './file-lines.ts';
import { requireService } from './render-extra.ts';
import { renderRequired } from './render-props.ts';

export const storageDeduplicateItemsTask: RunnableTask = {
  run(ctx) {
    const from = renderRequired(ctx, ctx.task.from, 'from').trim();
    const expr = ctx.task.expr;
    // not rendered up front: it is an expression over each item
    if (typeof expr !== 'string') throw new TaskError("Missing required property 'expr'");
    const renderWith = requireService(ctx.renderWith, 'renderWith', 'storage.DeduplicateItems');

    const lines = readLines(ctx.storage.readFile(from));
    const keys = lines.map((line, i) => renderWith(expr, parseItem(line, i + 1)));
    const lastIndex = new Map<string, number>();
    keys.forEach((key, i) => lastIndex.set(key, i));
    const kept = lines.filter((_, i) => lastIndex.get(keys[i]!) === i);
    return {
      outputs: {
        uri: ctx.storage.putFile('deduplicated.ion', joinLines(kept)),
        numKeys: lastIndex.size,
        processedItemsTotal: lines.length,
        droppedItemsTotal: lines.length - kept.length,
      },
    };
  },
};
