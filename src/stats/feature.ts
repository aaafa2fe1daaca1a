// Dashboards' numbers: the Stats API and TaskRuns search, computed in SQL over the stored
// executions, task runs and logs (so it comes after the features that create those tables).

import { defineFeature } from '../shared/feature.ts';
import type { FlowServices } from '../flows/feature.ts';
import type { TriggerServices } from '../triggers/feature.ts';
import type { ExecutionServices } from '../executions/feature.ts';
import type { LogServices } from '../logs/feature.ts';
import { taskRunRoutes } from './taskrun-routes.ts';
import { flowCounters, triggerContextCounter } from './flow-counts.ts';
import { statsRoutes } from './routes.ts';
import { createStatsService, type StatsService } from './service.ts';
import { createTaskRunIndex } from './taskrun-index.ts';

export interface StatsServices { stats: StatsService }

export const statsFeature = defineFeature({
  name: 'stats',
  create(ctx, deps: { flows: FlowServices; executions: ExecutionServices; logs: LogServices; triggers: TriggerServices }) {
    const taskRuns = createTaskRunIndex(ctx.db);
    const stats = createStatsService({
      db: ctx.db, clock: ctx.clock, taskRuns, timeZone: ctx.config.timeZone ?? undefined,
      countFlows: flowCounters(deps.flows.flows).countFlows, countTriggers: triggerContextCounter(deps.triggers.scheduler),
    });
    const services: StatsServices = { stats };
    return { services, routes: [statsRoutes({ stats }), taskRunRoutes({ taskRuns, clock: ctx.clock })] };
  },
});
