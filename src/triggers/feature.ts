// Triggers: schedules (the scheduler on the injected clock), flow triggers, webhooks, the
// Triggers API, and trigger.Toggle through the `triggers` port.

import { defineFeature } from '../shared/feature.ts';
import type { ExecutionServices } from '../executions/feature.ts';
import type { FlowServices } from '../flows/feature.ts';
import type { LogServices } from '../logs/feature.ts';
import type { PluginServices } from '../plugins/feature.ts';
import { createFlowTriggers, toggleFlowTrigger } from './flow-triggers.ts';
import { triggerRoutes } from './routes.ts';
import { triggerStateRoutes } from './state-routes.ts';
import { createScheduler, type Scheduler } from './scheduler.ts';
import { createSlotCalculator, type SlotCalculator } from './slots.ts';
import { createTriggerStore } from './store.ts';
import { applyDisabled } from './updates.ts';
import { webhookRoutes } from './webhook-routes.ts';
import { createHttpPolling } from './http-polling.ts';

export interface TriggerServices { scheduler: Scheduler; slots: SlotCalculator }

interface Needs { plugins: PluginServices; flows: FlowServices; logs: LogServices; executions: ExecutionServices }

export const triggersFeature = defineFeature({
  name: 'triggers',
  create(ctx, deps: Needs) {
    const { clock, events, config } = ctx;
    const { catalog } = deps.plugins;
    const { flows } = deps.flows;
    const { logs } = deps.logs;
    const { executions, engine, expressions, envs } = deps.executions;
    const slots = createSlotCalculator('UTC');
    const log = (tenant: string, namespace: string, flowId: string, triggerId: string | undefined, message: string, level: 'ERROR' | 'WARN' = 'ERROR') =>
      logs.insert([{ tenant, namespace, flowId, triggerId, attemptNumber: null, timestamp: clock.now(), level, thread: 'scheduler', message }]);
    const scheduler = createScheduler({
      store: createTriggerStore(ctx.db), flows, catalog, executions, events, clock, slots, expressions, envs, globals: config.globals,
      onError: (message, t) => { if (t) log(t.tenant, t.namespace, t.flowId, t.triggerId, message); },
      onWarn: (message, t) => log(t.tenant, t.namespace, t.flowId, t.triggerId, message, 'WARN'),
    });
    const flowContexts = createTriggerStore(ctx.db, 'flow');
    const flowTriggers = createFlowTriggers({
      flows, catalog, executions, events, clock, expressions, envs, globals: config.globals, contexts: flowContexts,
      log: (entry) => logs.insert([entry]),
    });
    const httpPolling = createHttpPolling({ flows, catalog, executions, events, clock, expressions, envs, globals: config.globals, fetch: ctx.fetch, onError: (m, t) => { if (t) log(t.tenant, t.namespace, t.flowId, t.triggerId, m); } });
    ctx.ports.provide('triggers', (tenant) => ({
      setDisabled(namespace, flowId, triggerId, disabled) {
        const t = scheduler.get(tenant, namespace, flowId, triggerId);
        const d = t && scheduler.definition(t);
        if (!t || !d) return toggleFlowTrigger(flows, catalog, flowContexts, clock.now(), { tenant, namespace, flowId, triggerId }, disabled);
        applyDisabled(t, d, disabled, slots, clock.now());
        scheduler.save(t);
        return true;
      },
    }));
    const services: TriggerServices = { scheduler, slots };
    return {
      services,
      routes: [
        webhookRoutes({ flows, catalog, executions, engine, clock, expressions, envs, globals: config.globals }),
        triggerRoutes({ scheduler, slots, clock, engine, flows }),
        triggerStateRoutes({ scheduler, slots, clock, engine, flows }),
      ],
      start: () => { httpPolling.start(); return scheduler.start(); },
      suspend: () => { httpPolling.suspend(); scheduler.suspend(); },
      async reload() { flowContexts.reload(); flowTriggers.reload(); await scheduler.reload(); httpPolling.start(); },
      dispose() { scheduler.stop(); flowTriggers.stop(); httpPolling.stop(); },
    };
  },
});
