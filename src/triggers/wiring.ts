// Builds the trigger side of a runtime: trigger contexts, the scheduler, flow triggers, and the
// webhook and Triggers API routes.

import type { ExpressionEngine } from '../expressions/index.ts';
import type { Engine } from '../executions/engine/engine.ts';
import type { ExecutionService } from '../executions/service.ts';
import type { LogStore } from '../logs/store.ts';
import type { FlowService } from '../flows/service.ts';
import type { PluginCatalog } from '../plugins/catalog.ts';
import type { Clock } from '../shared/clock.ts';
import type { Db } from '../shared/db.ts';
import type { EventBus } from '../shared/events.ts';
import { createFlowTriggers } from './flow-triggers.ts';
import { triggerRoutes } from './routes.ts';
import { createScheduler } from './scheduler.ts';
import { createSlotCalculator } from './slots.ts';
import { createTriggerStore } from './store.ts';
import { webhookRoutes } from './webhook-routes.ts';
import { applyDisabled } from './updates.ts';

export interface TriggerWiringDeps {
  db: Db; clock: Clock; events: EventBus; flows: FlowService; catalog: PluginCatalog; executions: ExecutionService; engine: Engine;
  logs: LogStore; expressions(tenant: string): ExpressionEngine; envs: Record<string, string>; globals: Record<string, unknown>;
}

export function wireTriggers(deps: TriggerWiringDeps) {
  const slots = createSlotCalculator('UTC');
  const store = createTriggerStore(deps.db);
  const log = (tenant: string, namespace: string, flowId: string, triggerId: string | undefined, message: string, level: 'WARN' | 'ERROR' = 'ERROR') =>
    deps.logs.insert([{ tenant, namespace, flowId, triggerId, attemptNumber: null, timestamp: deps.clock.now(), level, thread: 'scheduler', message }]);
  const scheduler = createScheduler({
    store, flows: deps.flows, catalog: deps.catalog, executions: deps.executions, events: deps.events, clock: deps.clock, slots,
    expressions: deps.expressions, envs: deps.envs, globals: deps.globals,
    onError: (message, t) => { if (t) log(t.tenant, t.namespace, t.flowId, t.triggerId, message); },
  });
  const flowTriggers = createFlowTriggers({
    flows: deps.flows, catalog: deps.catalog, executions: deps.executions, events: deps.events, clock: deps.clock,
    expressions: deps.expressions, envs: deps.envs, globals: deps.globals,
    log: (entry) => deps.logs.insert([entry]),
  });
  /** trigger.Toggle: enable or disable a trigger of any flow of the tenant */
  const access = (tenant: string) => ({
    setDisabled(namespace: string, flowId: string, triggerId: string, disabled: boolean): boolean {
      const t = scheduler.get(tenant, namespace, flowId, triggerId);
      const d = t && scheduler.definition(t);
      if (!t || !d) return false;
      applyDisabled(t, d, disabled, slots, deps.clock.now());
      scheduler.save(t);
      return true;
    },
  });
  return {
    scheduler,
    slots,
    access,
    routes: [
      webhookRoutes({ flows: deps.flows, catalog: deps.catalog, executions: deps.executions, engine: deps.engine, clock: deps.clock, expressions: deps.expressions, envs: deps.envs, globals: deps.globals }),
      triggerRoutes({ scheduler, slots, clock: deps.clock, engine: deps.engine, flows: deps.flows }),
    ],
    start: () => scheduler.start(),
    stop() { scheduler.stop(); flowTriggers.stop(); },
  };
}
