// The Stats API's service (api-contract §3.6): typed requests in, Kestra's JSON shapes out.
// Aggregation happens in SQL (range-queries.ts); this file applies defaults and filters.

import type { LogLevel } from '../logs/model.ts';
import { executionJson } from '../executions/serialize.ts';
import { STATE_TYPES, type StateType } from '../executions/state.ts';
import type { Clock } from '../shared/time/clock.ts';
import type { Db } from '../shared/db.ts';
import { dailyJson } from './daily-json.ts';
import { createExecutionStats } from './execution-stats.ts';
import { logDaily } from './log-stats.ts';
import { dailyByState } from './range-queries.ts';
import { migrateExecutionStats, migrateLogStats } from './schema.ts';
import type { RowFilter } from './sql-filters.ts';
import { TASKRUNS, type TaskRunIndex } from './taskrun-index.ts';
import { lazyZone, windowOf } from '../shared/time/buckets.ts';

export interface StatsServiceDeps {
  /** must already hold the executions and logs tables (create those stores first) */
  db: Db;
  clock: Clock;
  /** IANA zone of the time buckets; the process zone when absent (Kestra uses the server zone) */
  timeZone?: string;
  taskRuns: TaskRunIndex;
  /** non-deleted flows of a tenant, of one namespace (exact) when given */
  countFlows(tenant: string, namespace?: string): number;
  /** trigger contexts of a tenant, of one namespace (exact) when given */
  countTriggers(tenant: string, namespace?: string): number;
}

export interface DateRange { startDate?: number; endDate?: number }
export interface DailyRequest extends RowFilter, DateRange { states?: StateType[] }
export interface ByFlowRequest extends RowFilter, DateRange { namespaceOnly: boolean }
export interface LogDailyRequest extends RowFilter, DateRange { minLevel?: LogLevel }

export type StatsService = ReturnType<typeof createStatsService>;

export function createStatsService(deps: StatsServiceDeps) {
  migrateExecutionStats(deps.db);
  migrateLogStats(deps.db);
  const zone = lazyZone(deps.timeZone);
  const now = () => deps.clock.now();
  const executions = createExecutionStats(deps.db, now);
  const windowFor = (r: DateRange) => windowOf(r.startDate, r.endDate, now(), zone());

  return {
    summary(tenant: string, namespace: string | undefined) {
      return { flows: deps.countFlows(tenant, namespace), triggers: deps.countTriggers(tenant, namespace) };
    },

    executionsDaily(tenant: string, r: DailyRequest) {
      return executions.daily(tenant, r, r.states, windowFor(r));
    },

    taskRunsDaily(tenant: string, r: DailyRequest) {
      const win = windowFor(r);
      deps.taskRuns.refresh();
      const cells = dailyByState(deps.db, TASKRUNS, tenant, r, r.states?.length ? r.states : STATE_TYPES, win, now());
      return dailyJson(win.buckets, cells, win.groupBy);
    },

    executionsDailyByFlow(tenant: string, r: ByFlowRequest) {
      // the flow list only applies when its first item names both a namespace and an id
      const first = r.flows?.[0];
      const flows = first?.namespace && first.id ? r.flows : undefined;
      return executions.dailyByFlow(tenant, { ...r, flows }, r.namespaceOnly, windowFor(r));
    },

    executionsByNamespace(tenant: string, namespace: string | undefined, range: DateRange) {
      return executions.countsByNamespace(tenant, namespace, windowFor(range));
    },

    latestByFlow(tenant: string, flows: { namespace: string; id: string }[] | undefined) {
      const t = now();
      return executions.latest(tenant, (flows ?? []).filter((f) => f.namespace && f.id)).map((e) => executionJson(e, t));
    },

    logsDaily(tenant: string, r: LogDailyRequest) {
      return logDaily(deps.db, tenant, r, r.minLevel, windowFor(r));
    },
  };
}
