// Community blueprints, answered offline from a catalogue bundled in the binary.

import { defineFeature } from '../shared/feature.ts';
import type { PluginServices } from '../plugins/feature.ts';
import { createBlueprintCatalogue, type BlueprintCatalogue } from './catalogue.ts';
import { blueprintRoutes } from './routes.ts';

export interface BlueprintServices { catalogue: BlueprintCatalogue }

export const blueprintsFeature = defineFeature({
  name: 'blueprints',
  create(ctx, deps: { plugins: PluginServices }) {
    const catalogue = createBlueprintCatalogue();
    const services: BlueprintServices = { catalogue };
    return { services, routes: [blueprintRoutes({ catalogue, catalog: deps.plugins.catalog, newId: ctx.ids })] };
  },
});
