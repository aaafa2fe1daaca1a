// io.kestra.plugin.core.storage.FilterItems: renders `filterCondition` once per item of `from`
// (ION / JSON lines) with the item's fields as variables over the task's own, and keeps
// (INCLUDE) or drops (EXCLUDE) the items whose result is truthy ("false", "0", "-0", "" are
// false). An evaluation error follows `errorOrNullBehavior`: FAIL (default) fails the task,
// INCLUDE / EXCLUDE keep or drop the item. Kept lines are copied as they were.
// `{uri, processedItemsTotal, droppedItemsTotal}`.

import { isKestraTruthy } from '../../expressions/index.ts';
import { TaskError, type RunnableTask } from '../types.ts';
import { joinLines, parseItem, readLines } from './file-lines.ts';
import { requireService } from './render-extra.ts';
import { renderEnum, renderRequired } from './render-props.ts';

const FILTER_TYPES = ['INCLUDE', 'EXCLUDE'] as const;
const BEHAVIORS = ['FAIL', 'INCLUDE', 'EXCLUDE'] as const;
const TYPE = 'io.kestra.plugin.core.storage.FilterItems';

export const storageFilterItemsTask: RunnableTask = {
  run(ctx) {
    const from = renderRequired(ctx, ctx.task.from, 'from').trim();
    const condition = ctx.task.filterCondition;
    // not rendered up front: it is an expression over each item
    if (typeof condition !== 'string') throw new TaskError("Missing required property 'filterCondition'");
    const filterType = renderEnum(ctx, ctx.task.filterType, FILTER_TYPES, `${TYPE}$FilterType`) ?? 'INCLUDE';
    const onErrorOrNull = renderEnum(ctx, ctx.task.errorOrNullBehavior, BEHAVIORS, `${TYPE}$ErrorOrNullBehavior`) ?? 'FAIL';
    const renderWith = requireService(ctx.renderWith, 'renderWith', 'storage.FilterItems');

    const kept: string[] = [];
    let processed = 0;
    readLines(ctx.storage.readFile(from)).forEach((line, i) => {
      const item = parseItem(line, i + 1);
      let action: 'INCLUDE' | 'EXCLUDE';
      try {
        const matches = isKestraTruthy(renderWith(condition, item).trim());
        action = matches ? filterType : filterType === 'INCLUDE' ? 'EXCLUDE' : 'INCLUDE';
      } catch (e) {
        if (onErrorOrNull === 'FAIL') throw e;
        action = onErrorOrNull;
      }
      if (action === 'INCLUDE') kept.push(line);
      processed++;
    });
    return {
      outputs: {
        uri: ctx.storage.putFile('filtered.ion', joinLines(kept)),
        processedItemsTotal: processed,
        droppedItemsTotal: processed - kept.length,
      },
    };
  },
};
