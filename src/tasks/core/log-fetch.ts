// io.kestra.plugin.core.log.Fetch: the logs of an execution (default: the current one) of the
// flow `namespace`/`flowId` (default: the current flow) at `level` (INFO) or above, only those
// of `tasksId` when given, stored as an ION file with one log (Kestra's LogEntry JSON) per line.
// `{size, uri}`.

import { LOG_LEVEL_ORDER, type LogEntry, type LogLevel } from '../../logs/model.ts';
import { logJson } from '../../logs/serialize.ts';
import type { RunnableTask } from '../types.ts';
import { joinLines } from './file-lines.ts';
import { renderJsonList, requireService } from './render-extra.ts';
import { renderEnum, renderString } from './render-props.ts';

const LEVELS = Object.keys(LOG_LEVEL_ORDER) as LogLevel[];

export const logFetchTask: RunnableTask = {
  run(ctx) {
    const logs = requireService(ctx.logs, 'logs', 'log.Fetch');
    const namespace = renderString(ctx, ctx.task.namespace)?.trim() || ctx.flow.namespace;
    const flowId = renderString(ctx, ctx.task.flowId)?.trim() || ctx.flow.id;
    const executionId = renderString(ctx, ctx.task.executionId)?.trim() || ctx.execution.id;
    const minLevel = renderEnum(ctx, ctx.task.level, LEVELS, 'org.slf4j.event.Level') ?? 'INFO';
    const tasksId = renderJsonList(ctx, ctx.task.tasksId, 'tasksId');

    const base = { namespace, flowId, executionId, minLevel };
    const entries: LogEntry[] = tasksId
      ? tasksId.flatMap((taskId) => logs.find({ ...base, taskId }))
      : logs.find(base);
    // the store matches child namespaces too: Fetch reads one flow
    const own = entries.filter((l) => l.namespace === namespace);
    const uri = ctx.storage.putFile('logs.ion', joinLines(own.map((l) => JSON.stringify(logJson(l)))));
    return { outputs: { size: own.length, uri } };
  },
};
