// Flow test suites (Kestra's flow unit tests, Enterprise-only there): the suites store, the
// runner of test cases as transient TEST executions, the tests API, and the suites that live
// in the flows directory next to the flows they test (hot-reloaded like flows).

import type { ExecutionServices } from '../executions/feature.ts';
import type { FlowServices } from '../flows/feature.ts';
import { defineFeature } from '../shared/feature.ts';
import { looksLikeSuite } from './model.ts';
import { testSuiteRoutes } from './routes.ts';
import { createRunner, type Runner } from './runner.ts';
import { createSuiteService, type SuiteService } from './service.ts';
import { createSuiteStore } from './store.ts';

export interface TestSuiteServices { suites: SuiteService; runner: Runner }

export const testSuitesFeature = defineFeature({
  name: 'testsuites',
  create(ctx, deps: { flows: FlowServices; executions: ExecutionServices }) {
    const { executions, engine, expressions, envs } = deps.executions;
    const runner = createRunner({
      executions, engine, expressions, envs, blobs: ctx.blobs, clock: ctx.clock, ids: ctx.ids,
      globals: ctx.config.globals, publicUrl: ctx.config.publicUrl,
    });
    const suites = createSuiteService({ store: createSuiteStore(ctx.db), flows: deps.flows.flows, runner, clock: ctx.clock, events: ctx.events });
    deps.flows.directory?.addClaimer({
      claim(rel, source) {
        if (!looksLikeSuite(source)) return false;
        const problems = suites.syncFile('main', rel, source);
        if (problems.length) {
          ctx.events.emit('flow.invalid', { tenant: 'main', file: rel, violations: problems.map((p) => ({ path: p.line ? `line ${p.line}${p.path ? ` ${p.path}` : ''}` : p.path, message: p.message })) });
        }
        return true;
      },
      release: (rel) => void suites.syncFile('main', rel, undefined),
    });
    const services: TestSuiteServices = { suites, runner };
    return { services, routes: [testSuiteRoutes({ suites })] };
  },
});
