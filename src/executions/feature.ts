// Executions: the store, the engine that walks flows, the execution service shared by the API,
// triggers and subflows, and the Executions API. Running executions are recovered at start.

import { defineFeature } from '../shared/feature.ts';
import { kestraEnvs } from '../shared/env.ts';
import type { FlowServices } from '../flows/feature.ts';
import type { KvServices } from '../kv/feature.ts';
import type { LogServices } from '../logs/feature.ts';
import type { MetricServices } from '../metrics/feature.ts';
import type { PluginServices } from '../plugins/feature.ts';
import type { SecretServices } from '../secrets/feature.ts';
import type { TaskServices } from '../tasks/feature.ts';
import type { TemplateServices } from '../templates/feature.ts';
import '../tasks/ports.ts';
import { createEngine, type Engine } from './engine/engine.ts';
import { createTenantExpressions, type TenantExpressions } from './expressions.ts';
import { coerceOutput, inputsWithDefaults } from './inputs/inputs.ts';
import { recoverExecutions } from './recover.ts';
import { executionRoutes } from './routes/crud.ts';
import { validateAnswer } from './routes/create.ts';
import { executionFileRoutes } from './routes/files.ts';
import { executionFollowRoute } from './routes/follow.ts';
import { executionNamespaceRoutes } from './routes/namespaces.ts';
import { followDependenciesRoute } from './routes/follow-dependencies.ts';
import { outputRoutes } from './routes/outputs.ts';
import { executionSearchExtraRoutes } from './routes/search-extras.ts';
import { executionEvalRoute, executionGraphRoutes } from './routes/graph.ts';
import { createExecutionService, type ExecutionService } from './service.ts';
import { createExecutionStore, type ExecutionStore } from './store.ts';
import { createTaskServices } from './task-services.ts';

export interface ExecutionServices {
  store: ExecutionStore;
  engine: Engine;
  executions: ExecutionService;
  expressions: TenantExpressions;
  /** `envs.*` of expressions (KESTRA_* variables) */
  envs: Record<string, string>;
}

interface Needs {
  plugins: PluginServices; flows: FlowServices; logs: LogServices; metrics: MetricServices; kv: KvServices; secrets: SecretServices;
  tasks: TaskServices; templates: TemplateServices;
}

export const executionsFeature = defineFeature({
  name: 'executions',
  create(ctx, deps: Needs) {
    const { clock, ids, events, blobs, ports, config } = ctx;
    const { logs } = deps.logs;
    const { metrics } = deps.metrics;
    const { flows } = deps.flows;
    const { catalog } = deps.plugins;
    const { fixtures, registry } = deps.tasks;
    const store = createExecutionStore(ctx.db, clock.now);
    const limits = { maxSize: config.renderMaxSize, maxIterations: config.renderMaxIterations, timeoutMs: config.renderTimeoutMs };
    const expressions = createTenantExpressions({ clock, kv: deps.kv.kv, blobs, secret: (name) => deps.secrets.secrets.get(name), limits });
    const envs = kestraEnvs(ctx.env);

    // Subflow/ForEachItem, execution.Resume and trigger.Toggle reach services built after the
    // engine through `ports` (tasks/ports.ts): children here, resume by control, triggers by triggers.
    const engine: Engine = createEngine({
      clock, ids, events, executions: store, logs, metrics, blobs, expressions,
      kv: (tenant) => deps.kv.kv.forTenant(tenant), fetch: ctx.fetch,
      runnable: (type) => registry.runnable(type) ?? fixtures.runner,
      inputsVariable: (plan, exec) => inputsWithDefaults(plan.flow.inputs, exec.inputs),
      coerceOutput, envs, globals: config.globals, maskSecrets: deps.secrets.secrets.mask, maxOutputsBytes: config.maxOutputsBytes,
      services: createTaskServices({ blobs, logs, metrics, store, engine: () => engine }),
      ports,
    });
    const executions = createExecutionService({ flows, catalog, executions: store, engine, clock, ids, blobs, expressions, templates: deps.templates.templates });
    ports.provide('children', {
      create: (req) => executions.create({ ...req, inputs: req.inputs as never }),
      waitForTerminal: async (tenant, id) => (await engine.waitForTerminal(tenant, id)) ?? executions.get(tenant, id),
      kill: (tenant, id) => void engine.kill(tenant, id),
      find: (tenant, id) => executions.find(tenant, id),
      extractOutputs: (tenant, id, legacy) => executions.extractOutputs(tenant, id, legacy),
    });

    const services: ExecutionServices = { store, engine, executions, expressions, envs };
    return {
      services,
      routes: [
        executionFollowRoute({ executions, events, clock }),
        executionNamespaceRoutes({ flows, catalog }),
        followDependenciesRoute({ executions, store, flows, events, clock }),
        executionSearchExtraRoutes({ store, flows, clock }),
        outputRoutes({ executions }),
        executionFileRoutes({ executions, blobs }),
        executionGraphRoutes({ executions, flows, clock, newId: ids }),
        executionEvalRoute({
          executions, expressions, envs, globals: config.globals, maskSecrets: deps.secrets.secrets.mask,
          inputsVariable: (plan, e) => inputsWithDefaults(plan.flow.inputs, e.inputs),
          legacyPath: config.kestraVersion !== '2.0', validate: validateAnswer({ executions, blobs, expressions }),
        }),
        executionRoutes({ executions, store, engine, logs, metrics, blobs, clock, publicUrl: config.publicUrl, expressions }),
      ],
      start() { recoverExecutions({ store, engine, executions, logs, now: clock.now }); },
      suspend: () => engine.suspend(),
      // imported executions that were running go on, as after a restart
      reload() { store.reload(); recoverExecutions({ store, engine, executions, logs, now: clock.now }); },
      dispose: () => engine.dispose(),
    };
  },
});
