// io.kestra.plugin.core.execution.Count (alias ...executions.Counts): counts executions per flow
// (`flows` [{namespace, id}] and/or `namespaces`, `states`, started between `startDate` and
// `endDate`), keeps the flows for which `expression` renders "true" with `count` as a variable,
// and returns `{results: [{namespace, flowId, count}], total}`. Listed `flows` without any
// execution count as 0, so "{{ count == 0 }}" can detect silent flows.

import { STATE_TYPES, type StateType } from '../../executions/state.ts';
import { TaskError, type RunContext, type RunnableTask } from '../types.ts';
import { renderDate, renderJsonList, requireService } from './render-extra.ts';
import { renderString } from './render-props.ts';
import { isPlainObject } from '../../shared/guards.ts';

export function renderStates(ctx: RunContext, value: unknown): StateType[] | undefined {
  const states = renderJsonList(ctx, value, 'states')?.map((s) => s.trim());
  const unknown = states?.find((s) => !(STATE_TYPES as readonly string[]).includes(s));
  if (unknown !== undefined) {
    throw new TaskError(`Cannot deserialize value of type \`io.kestra.core.models.flows.State$Type\` from String ${JSON.stringify(unknown)}: not one of the values accepted for Enum class: [${STATE_TYPES.join(', ')}]`);
  }
  return states as StateType[] | undefined;
}

function renderFlows(ctx: RunContext): { namespace: string; flowId: string }[] | undefined {
  const raw = ctx.task.flows;
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw new TaskError('Invalid `flows` property: a list of {namespace, id} is expected');
  return raw.map((f) => {
    if (!isPlainObject(f) || f.namespace === undefined || f.id === undefined) throw new TaskError('Each flow of `flows` needs a `namespace` and an `id`');
    return { namespace: renderString(ctx, f.namespace)!, flowId: renderString(ctx, f.id)! };
  });
}

export const executionCountTask: RunnableTask = {
  run(ctx) {
    const admin = requireService(ctx.executionsAdmin, 'executionsAdmin', 'execution.Count');
    const renderWith = requireService(ctx.renderWith, 'renderWith', 'execution.Count');
    const expression = ctx.task.expression;
    // not rendered up front: it is evaluated once per flow with `count`
    if (typeof expression !== 'string') throw new TaskError("Missing required property 'expression'");
    const flows = renderFlows(ctx);
    const namespaces = renderJsonList(ctx, ctx.task.namespaces, 'namespaces');
    const states = renderStates(ctx, ctx.task.states);
    const startDate = renderDate(ctx, ctx.task.startDate, 'startDate');
    const endDate = renderDate(ctx, ctx.task.endDate, 'endDate');

    const rows = admin.count({
      ...(flows ? { flows } : {}), ...(namespaces ? { namespaces } : {}), ...(states ? { states } : {}),
      ...(startDate !== undefined ? { startDate } : {}), ...(endDate !== undefined ? { endDate } : {}),
    });
    for (const f of flows ?? []) {
      if (!rows.some((r) => r.namespace === f.namespace && r.flowId === f.flowId)) rows.push({ ...f, count: 0 });
    }
    const results = rows
      .filter((r) => renderWith(expression, { count: r.count }) === 'true')
      .map((r) => ({ namespace: r.namespace, flowId: r.flowId, count: r.count }));
    ctx.logger.debug(`Found ${results.length} matching flows`);
    return { outputs: { results, total: results.reduce((n, r) => n + r.count, 0) } };
  },
};
