// Flows: revisions in the store, the Flows API, and the watched flows directory.

import { defineFeature } from '../shared/feature.ts';
import type { PluginServices } from '../plugins/feature.ts';
import { createFlowDirectory, type FlowDirectory } from './directory/directory.ts';
import { flowRoutes } from './routes/crud.ts';
import { flowBulkRoutes } from './routes/bulk.ts';
import { flowSourceRoutes } from './routes/source.ts';
import { flowNewerRoutes } from './routes/newer.ts';
import { createFlowService, type FlowService } from './service.ts';
import { createFlowStore } from './store.ts';

export interface FlowServices { flows: FlowService; directory?: FlowDirectory }

export const flowsFeature = defineFeature({
  name: 'flows',
  create(ctx, deps: { plugins: PluginServices }) {
    const { config } = ctx;
    const flows = createFlowService({ store: createFlowStore(ctx.db), events: ctx.events, clock: ctx.clock, catalog: deps.plugins.catalog });
    const directory = config.flowsDir
      ? createFlowDirectory({ dir: config.flowsDir, tenant: 'main', flows, events: ctx.events, db: ctx.db, debounceMs: config.watchDebounceMs, watch: config.watch })
      : undefined;
    const services: FlowServices = { flows, directory };
    return {
      services,
      routes: [flowSourceRoutes({ flows }), flowNewerRoutes({ flows }), flowBulkRoutes({ flows }), flowRoutes({ flows, newId: ctx.ids })],
      load: async () => { await directory?.start(); },
      dispose: async () => { await directory?.close(); },
      reload: () => flows.reload(),
    };
  },
});
