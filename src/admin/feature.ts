// kestra-lite's own admin API, for using it as a test double from any language: fake time,
// the request journal, HTTP and task faults, reset, export/import, fixtures at run time. Listed
// last in src/features.ts: it reaches every store. Its journal and HTTP faults are edge hooks;
// its task faults reach the engine through the `taskFaults` port.

import { unauthorized } from '../http/error-plugin.ts';
import { defineFeature, ADMIN_PREFIX, type EdgeExchange } from '../shared/feature.ts';
import type { ExecutionServices } from '../executions/feature.ts';
import type { SecretServices } from '../secrets/feature.ts';
import type { TaskServices } from '../tasks/feature.ts';
import type { TriggerServices } from '../triggers/feature.ts';
import { VERSION } from '../version.ts';
import { createFaults, type Faults } from './faults.ts';
import { createJournal, type Journal } from './journal.ts';
import { adminRoutes } from './routes.ts';
import { createStateService, type StateService } from './state/service.ts';
import { createTimeControl, type TimeControl } from './time.ts';

export interface AdminServices { time: TimeControl; journal: Journal; faults: Faults; state: StateService }

interface Needs { executions: ExecutionServices; triggers: TriggerServices; tasks: TaskServices; secrets: SecretServices }

const isAdminPath = (path: string) => path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);

export const adminFeature = defineFeature({
  name: 'admin',
  create(ctx, deps: Needs) {
    const { config, clock } = ctx;
    const { fixtures } = deps.tasks;
    const secretValues = [...deps.secrets.secrets.values(), ...(config.basicAuth ? [config.basicAuth.password] : [])];
    const journal = createJournal({ size: config.journalSize, now: clock.now, secretValues: () => secretValues, maxBodyBytes: config.maxBodyBytes });
    // an HTTP delay is wall time on purpose: it exercises the client's own timeouts
    const faults = createFaults({ wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
    ctx.ports.provide('taskFaults', faults.taskSource);
    const time = createTimeControl({
      clock, events: ctx.events, engineIdle: () => deps.executions.engine.idle(), schedulerBusy: () => deps.triggers.scheduler.busy(),
    });
    const state = createStateService({
      db: ctx.db, blobs: ctx.blobs, now: clock.now, version: VERSION, lifecycle: ctx.lifecycle,
      clearAdmin() { journal.clear(); faults.clear(); fixtures.clearAdded(); },
    });
    const answeredBy = new WeakMap<EdgeExchange, string>();
    const services: AdminServices = { time, journal, faults, state };
    return {
      services,
      routes: [adminRoutes({ time, journal, faults, state, fixtures })],
      edge: {
        // synchronous unless a fault is armed: most requests pay no promise here
        before(x) {
          if (isAdminPath(x.path)) {
            const token = /^bearer\s+(.+)$/i.exec((x.request.headers.get('authorization') ?? '').trim())?.[1];
            return config.adminToken !== null && token !== config.adminToken ? unauthorized() : undefined;
          }
          journal.begin(x);
          if (faults.noHttpFaults()) return undefined;
          return faults.answer(x).then((fault) => {
            if (!fault) return undefined;
            answeredBy.set(x, fault.id);
            return fault.response;
          });
        },
        after(x, response) {
          if (!isAdminPath(x.path)) journal.end(x, response, answeredBy.get(x));
        },
      },
      dispose: () => time.dispose(),
    };
  },
});
