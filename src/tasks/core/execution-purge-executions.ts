// io.kestra.plugin.core.execution.PurgeExecutions (aliases ...storages.Purge, storage.Purge):
// deletes the executions of `namespace`/`flowId` in `states` started between `startDate` and
// `endDate` (required), with their logs, metrics and stored files as the purge* flags say.
// `{executionsCount, logsCount, storagesCount, metricsCount}`.

import { TaskError, type ExecutionPurgeRequest, type RunnableTask } from '../types.ts';
import { renderStates } from './execution-count.ts';
import { renderDate, renderInt, requireService } from './render-extra.ts';
import { renderBool, renderString } from './render-props.ts';

export const executionPurgeExecutionsTask: RunnableTask = {
  run(ctx) {
    const admin = requireService(ctx.executionsAdmin, 'executionsAdmin', 'execution.PurgeExecutions');
    const endDate = renderDate(ctx, ctx.task.endDate, 'endDate');
    if (endDate === undefined) throw new TaskError("Missing required property 'endDate'");
    const request: ExecutionPurgeRequest = {
      endDate,
      purgeExecution: renderBool(ctx, ctx.task.purgeExecution, true),
      purgeLog: renderBool(ctx, ctx.task.purgeLog, true),
      purgeMetric: renderBool(ctx, ctx.task.purgeMetric, true),
      purgeStorage: renderBool(ctx, ctx.task.purgeStorage, true),
    };
    const startDate = renderDate(ctx, ctx.task.startDate, 'startDate');
    if (startDate !== undefined) request.startDate = startDate;
    const namespace = renderString(ctx, ctx.task.namespace)?.trim();
    if (namespace) request.namespace = namespace;
    const flowId = renderString(ctx, ctx.task.flowId)?.trim();
    if (flowId) request.flowId = flowId;
    const states = renderStates(ctx, ctx.task.states);
    if (states) request.states = states;
    const batchSize = renderInt(ctx, ctx.task.batchSize, 'batchSize');
    if (batchSize !== undefined) request.batchSize = batchSize;
    const result = admin.purge(request);
    return {
      outputs: {
        executionsCount: result.executionsCount, logsCount: result.logsCount,
        storagesCount: result.storagesCount, metricsCount: result.metricsCount,
      },
    };
  },
};
