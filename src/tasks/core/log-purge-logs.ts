// io.kestra.plugin.core.log.PurgeLogs: deletes the logs matching `namespace`, `flowId`,
// `executionId`, `logLevels` (exact levels; all when absent) whose timestamp is between
// `startDate` (optional) and `endDate` (required, ISO date-time). `{count}`.

import { LOG_LEVEL_ORDER, type LogLevel } from '../../logs/model.ts';
import { TaskError, type LogPurgeFilter, type RunnableTask } from '../types.ts';
import { renderDate, renderJsonList, requireService } from './render-extra.ts';
import { renderString } from './render-props.ts';

const LEVELS = Object.keys(LOG_LEVEL_ORDER) as LogLevel[];

export const logPurgeLogsTask: RunnableTask = {
  run(ctx) {
    const logs = requireService(ctx.logs, 'logs', 'log.PurgeLogs');
    const endDate = renderDate(ctx, ctx.task.endDate, 'endDate');
    if (endDate === undefined) throw new TaskError("Missing required property 'endDate'");
    const startDate = renderDate(ctx, ctx.task.startDate, 'startDate');
    const levels = renderJsonList(ctx, ctx.task.logLevels, 'logLevels')?.map((l) => l.trim());
    const unknown = levels?.find((l) => !(LEVELS as string[]).includes(l));
    if (unknown !== undefined) {
      throw new TaskError(`Cannot deserialize value of type \`org.slf4j.event.Level\` from String ${JSON.stringify(unknown)}: not one of the values accepted for Enum class: [${LEVELS.join(', ')}]`);
    }
    const filter: LogPurgeFilter = { endDate };
    if (startDate !== undefined) filter.startDate = startDate;
    for (const name of ['namespace', 'flowId', 'executionId'] as const) {
      const value = renderString(ctx, ctx.task[name])?.trim();
      if (value) filter[name] = value;
    }
    if (levels && levels.length) filter.levels = levels as LogLevel[];
    return { outputs: { count: logs.purge(filter) } };
  },
};
