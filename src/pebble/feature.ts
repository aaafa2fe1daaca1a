// Pebble for the editor: the filter/function catalogue and display rendering of expressions.

import { defineFeature } from '../shared/feature.ts';
import type { ExecutionServices } from '../executions/feature.ts';
import { executionVariables } from '../executions/engine/variables.ts';
import { inputsWithDefaults } from '../executions/inputs/inputs.ts';
import type { FlowServices } from '../flows/feature.ts';
import type { FlowDocument } from '../flows/model.ts';
import type { KvServices } from '../kv/feature.ts';
import { flowExpressionRoutes } from './flow-expressions.ts';
import { pebbleRoutes } from './routes.ts';

export const pebbleFeature = defineFeature({
  name: 'pebble',
  create(ctx, deps: { flows: FlowServices; executions: ExecutionServices; kv: KvServices }) {
    const { flows } = deps.flows;
    const { executions, envs } = deps.executions;
    const globals = ctx.config.globals;
    // flow-level context: what a run of the flow would see before any execution exists
    const flowVariables = (flow: FlowDocument, revision?: number, tenant = 'main') => ({
      flow: { id: flow.id, namespace: flow.namespace, ...(revision !== undefined ? { revision } : {}), ...(tenant !== 'main' ? { tenantId: tenant } : {}) },
      ...(flow.variables !== undefined ? { vars: flow.variables } : {}),
      envs,
      globals,
    });
    return {
      services: {},
      routes: [pebbleRoutes({
        globals,
        execution(tenant, id) {
          const exec = executions.find(tenant, id);
          if (!exec) return undefined;
          const plan = executions.planFor(tenant, exec.namespace, exec.flowId, exec.flowRevision);
          return executionVariables(exec, plan, { inputs: inputsWithDefaults(plan.flow.inputs, exec.inputs), envs, globals });
        },
        savedFlow(tenant, namespace, flowId) {
          const r = flows.getCurrent(tenant, namespace, flowId);
          return r && flowVariables(r.flow, r.revision, tenant);
        },
        flowSource: (source) => flowVariables(flows.parseYaml(source).flow),
      }), flowExpressionRoutes({
        parse: (source) => flows.parseYaml(source),
        sources: (tenant) => ({
          secretNames: Object.keys(ctx.env).filter((k) => k.startsWith('SECRET_') && ctx.env[k]).map((k) => k.slice(7)),
          kvKeys: (namespace) => deps.kv.kv.list(tenant, namespace).map((r) => r.key),
          envs, globals,
        }),
      })],
    };
  },
});
