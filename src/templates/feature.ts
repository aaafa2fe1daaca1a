// Templates (deprecated in Kestra, still served here): the store, the Templates API, and the
// lookup the engine uses to inline templates into flows that include them (executions feature).

import { defineFeature } from '../shared/feature.ts';
import type { PluginServices } from '../plugins/feature.ts';
import { templateRoutes } from './routes.ts';
import { createTemplateService, type TemplateService } from './service.ts';
import { createTemplateStore } from './store.ts';

export interface TemplateServices { templates: TemplateService }

export const templatesFeature = defineFeature({
  name: 'templates',
  create(ctx, deps: { plugins: PluginServices }) {
    const templates = createTemplateService({ store: createTemplateStore(ctx.db), clock: ctx.clock, catalog: deps.plugins.catalog });
    const services: TemplateServices = { templates };
    return { services, routes: [templateRoutes({ templates })] };
  },
});
