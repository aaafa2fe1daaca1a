// Flow concurrency limits API, read off the flows and the executions store.

import { defineFeature } from '../shared/feature.ts';
import type { ExecutionServices } from '../executions/feature.ts';
import type { FlowServices } from '../flows/feature.ts';
import { concurrencyRoutes } from './routes.ts';

export const concurrencyFeature = defineFeature({
  name: 'concurrency',
  create(_ctx, deps: { flows: FlowServices; executions: ExecutionServices }) {
    const { store } = deps.executions;
    return {
      services: {},
      routes: [concurrencyRoutes({ flows: deps.flows.flows, countRunning: (t, ns, id) => store.countRunning(t, ns, id) })],
    };
  },
});
