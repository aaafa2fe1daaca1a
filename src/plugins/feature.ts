// The plugin catalogue: every task, trigger and condition type kestra-lite knows, with aliases.

import { defineFeature } from '../shared/feature.ts';
import { createPluginCatalog, type PluginCatalog } from './catalog.ts';

export interface PluginServices { catalog: PluginCatalog }

export const pluginsFeature = defineFeature({
  name: 'plugins',
  create: (): { services: PluginServices } => ({ services: { catalog: createPluginCatalog() } }),
});
