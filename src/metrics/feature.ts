// Task metrics: the store tasks write to, and the Metrics API computed in SQL.

import { defineFeature } from '../shared/feature.ts';
import { createMetricQueries } from './queries.ts';
import { metricRoutes } from './routes.ts';
import { createMetricStore, type MetricStore } from './store.ts';

export interface MetricServices { metrics: MetricStore }

export const metricsFeature = defineFeature({
  name: 'metrics',
  create(ctx) {
    const services: MetricServices = { metrics: createMetricStore(ctx.db) };
    return { services, routes: [metricRoutes({ metrics: createMetricQueries(ctx.db), clock: ctx.clock, timeZone: ctx.config.timeZone ?? undefined })] };
  },
});
