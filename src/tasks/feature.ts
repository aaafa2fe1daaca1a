// Task types that run on a worker: core task handlers, and fixtures for everything that cannot
// run locally (hot-reloaded from the fixtures directory).

import { defineFeature } from '../shared/feature.ts';
import { createFixtures, type Fixtures } from './fixtures/fixtures.ts';
import { createTaskRegistry } from './registry.ts';

export interface TaskServices { fixtures: Fixtures; registry: ReturnType<typeof createTaskRegistry> }

export const tasksFeature = defineFeature({
  name: 'tasks',
  create(ctx) {
    const { config } = ctx;
    const fixtures = createFixtures({ dir: config.fixturesDir ?? undefined, watch: config.watch, strict: config.strictFixtures });
    const services: TaskServices = { fixtures, registry: createTaskRegistry({ fixtures }) };
    return { services, load: () => fixtures.start(), dispose: () => fixtures.close() };
  },
});
