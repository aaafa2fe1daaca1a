// Execution control: kill, pause/resume, restart, replay, change-status, labels, unqueue,
// force-run, delete, and their bulk by-ids / by-query forms. execution.Resume reaches it
// through the `resume` port.

import { defineFeature } from '../../shared/feature.ts';
import type { LogServices } from '../../logs/feature.ts';
import type { MetricServices } from '../../metrics/feature.ts';
import type { ExecutionServices } from '../feature.ts';
import { executionBulkRoutes } from './bulk-routes.ts';
import { createExecutionControl, type ExecutionControl } from './control.ts';
import { deleteExecution } from './delete.ts';
import { executionControlRoutes } from './routes.ts';
import { executionActionRoutes } from './action-routes.ts';
import { createAnswer } from '../routes/create.ts';

export interface ControlServices { control: ExecutionControl }

export const controlFeature = defineFeature({
  name: 'control',
  create(ctx, deps: { executions: ExecutionServices; logs: LogServices; metrics: MetricServices }) {
    const { clock, ids, blobs, config } = ctx;
    const { store, engine, executions, expressions } = deps.executions;
    const control = createExecutionControl({ executions, store, engine, clock, ids, blobs, expressions });
    ctx.ports.provide('resume', { resume: (tenant, id, inputs) => control.resume(tenant, id, new Map(Object.entries(inputs))) });
    const deletion = { store, engine, logs: deps.logs.logs, metrics: deps.metrics.metrics, blobs };
    const services: ControlServices = { control };
    return {
      services,
      routes: [
        executionBulkRoutes({ control, executions, store, clock, deleteExecution: (t, e, q) => deleteExecution(deletion, t, e, q) }),
        // Kestra 2.0 has only the /actions/ spelling: its router sends POST /executions/{ns}/restart
        // to the create, which ours does too once the 0.21 paths are not mounted (routes/shadowed.ts)
        ...(config.kestraVersion === '2.0' ? [] : [executionControlRoutes({
          control, clock, executions, create: createAnswer({ executions, engine, clock, publicUrl: config.publicUrl }),
        })]),
        executionActionRoutes({ control, executions, clock }),
      ],
    };
  },
});
