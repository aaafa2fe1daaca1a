// The plugin catalogue (every task, trigger and condition type kestra-lite knows, with aliases)
// and the Plugins API over it: listings, documentation, icons, input types and JSON schemas.

import { defineFeature } from '../shared/feature.ts';
import { createPluginApi } from './api.ts';
import { createPluginCatalog, type PluginCatalog } from './catalog.ts';
import { pluginCatalogRoutes } from './routes/catalog.ts';
import { pluginDocRoutes } from './routes/docs.ts';
import { pluginSchemaRoutes } from './routes/schemas.ts';

export interface PluginServices { catalog: PluginCatalog }

export const pluginsFeature = defineFeature({
  name: 'plugins',
  create: (ctx) => {
    const catalog = createPluginCatalog();
    // the generation decides the shapes and the version the core plugin states (shared/kestra-version.ts)
    const api = createPluginApi(catalog, ctx.config.kestraVersion);
    const services: PluginServices = { catalog };
    // literal segments (icons, inputs, schemas, ...) are registered before the /plugins/:cls catch-all
    return { services, routes: [pluginSchemaRoutes(api), pluginCatalogRoutes(api), pluginDocRoutes(api)] };
  },
});
