// Custom dashboards: YAML documents stored per tenant, and chart data computed in SQL over the
// executions, logs, metrics, flows and trigger tables (so it comes after the features owning them).

import { defineFeature } from '../shared/feature.ts';
import type { FlowServices } from '../flows/feature.ts';
import type { StatsServices } from '../stats/feature.ts';
import { requireTables } from '../shared/db.ts';
import { dashboardRoutes } from './routes.ts';
import { createDashboardService, type DashboardService } from './service.ts';
import { SOURCE_TABLES } from './sources.ts';
import { defineSqlFunctions } from './sql-functions.ts';
import { createDashboardStore } from './store.ts';

export interface DashboardServices { dashboards: DashboardService }

const UTC_NAMES = ['UTC', 'Etc/UTC', 'Z', 'GMT', 'Etc/GMT', '+00:00'];
/** `UTC` (and its aliases) keep SQL's own dates */
const normalized = (id: string) => (UTC_NAMES.includes(id) ? 'UTC' : id);

/**
 * The configured server zone, checked now so a typo fails at start (UTC names need no check);
 * else the process's, looked up on the first chart: Intl's first use costs ~5 ms of start-up.
 */
function serverZone(configured: string | null): () => string {
  if (configured !== null) {
    if (!UTC_NAMES.includes(configured)) {
      try { new Intl.DateTimeFormat('en-US', { timeZone: configured }); } catch { throw new Error(`timeZone: unknown time zone '${configured}'`); }
    }
    const zone = normalized(configured);
    return () => zone;
  }
  let zone: string | undefined;
  return () => (zone ??= normalized(Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC'));
}

export const dashboardsFeature = defineFeature({
  name: 'dashboards',
  // `stats` is listed as a need for its place: it adds the indexes the execution and log queries use
  create(ctx, deps: { flows: FlowServices; stats: StatsServices }) {
    requireTables(ctx.db, SOURCE_TABLES, 'dashboards');
    defineSqlFunctions(ctx.db);
    const dashboards = createDashboardService({
      db: ctx.db, store: createDashboardStore(ctx.db), clock: ctx.clock, ids: ctx.ids, flows: deps.flows.flows,
      timeZone: serverZone(ctx.config.timeZone),
    });
    const services: DashboardServices = { dashboards };
    return { services, routes: [dashboardRoutes({ dashboards })] };
  },
});
