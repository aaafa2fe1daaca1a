// io.kestra.plugin.core.trigger.Toggle: enables (`enabled: true`) or disables (default) the
// trigger `trigger` of the flow `namespace`/`flowId` (default: the current flow). No outputs.
// The scheduler is built after the engine: the task reaches it through the `triggers` port.

import { TaskError, type RunnableTask } from '../types.ts';
import { requireService } from './render-extra.ts';
import { renderBool, renderRequired, renderString } from './render-props.ts';

export const triggerToggleTask: RunnableTask = {
  run(ctx) {
    const triggers = requireService(ctx.ports.has('triggers') ? ctx.ports.get('triggers')(ctx.tenant) : undefined, 'triggers', 'trigger.Toggle');
    const namespace = renderString(ctx, ctx.task.namespace)?.trim() || ctx.flow.namespace;
    const flowId = renderString(ctx, ctx.task.flowId)?.trim() || ctx.flow.id;
    const trigger = renderRequired(ctx, ctx.task.trigger, 'trigger').trim();
    const enabled = renderBool(ctx, ctx.task.enabled, false);
    if (!triggers.setDisabled(namespace, flowId, trigger, !enabled)) {
      throw new TaskError(`Unable to find trigger '${trigger}' for flow '${namespace}.${flowId}'`);
    }
  },
};
