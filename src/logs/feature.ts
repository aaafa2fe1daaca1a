// Execution and trigger logs: the store every producer writes to, and the Logs API.

import { defineFeature } from '../shared/feature.ts';
import { logRoutes } from './routes.ts';
import { createLogStore, type LogStore } from './store.ts';

export interface LogServices { logs: LogStore }

export const logsFeature = defineFeature({
  name: 'logs',
  create(ctx) {
    const logs = createLogStore(ctx.db);
    const services: LogServices = { logs };
    return { services, routes: [logRoutes({ logs, events: ctx.events, clock: ctx.clock })] };
  },
});
