// ForEachItem (engine-contract §8.2): split a file into batches, start one subflow execution per
// batch, then merge the subflows' outputs. Kestra shows this as three synthetic child task runs,
// `<id>_split`, `<id>_items` and `<id>_merge`: the registry entry expands the task into them and
// the engine walks them like a Sequential. Child executions go through the `children` port.

import type { Label } from '../../flows/model.ts';
import type { Execution } from '../../executions/model.ts';
import { killsChildren } from '../abort.ts';
import { branches, sequential, type FlowableHandler } from '../flowable.ts';
import { TaskError, TaskKilledError, type RunContext, type RunnableTask, type TaskDefinition } from '../types.ts';

export const FOR_EACH_ITEM = 'io.kestra.plugin.core.flow.ForEachItem';
export const SPLIT = `${FOR_EACH_ITEM}$ForEachItemSplit`;
export const ITEMS = `${FOR_EACH_ITEM}$ForEachItemExecutable`;
export const MERGE = `${FOR_EACH_ITEM}$ForEachItemMergeOutputs`;

/** The three synthetic tasks of a ForEachItem (they carry the parent's properties). */
export function forEachItemChildren(task: TaskDefinition): TaskDefinition[] {
  const { errors: _e, finally: _f, ...props } = task;
  return [
    { ...props, id: `${task.id}_split`, type: SPLIT, parentTaskId: task.id },
    { ...props, id: `${task.id}_items`, type: ITEMS, parentTaskId: task.id },
    { ...props, id: `${task.id}_merge`, type: MERGE, parentTaskId: task.id },
  ];
}

export const forEachItemFlowable: FlowableHandler = {
  spec: (task) => ({ items: sequential(forEachItemChildren(task)), groupLimit: 1, ...branches(task) }),
};

const text = (data: Uint8Array) => new TextDecoder().decode(data);
const siblingOutputs = (ctx: RunContext, suffix: string) => {
  const run = ctx.execution.taskRunList.find((t) => t.parentTaskRunId === ctx.taskRun.parentTaskRunId && t.taskId === `${ctx.task.parentTaskId}${suffix}`);
  return run?.outputs ?? {};
};

/** `<id>_items`: one subflow execution per batch; waits for them all unless `wait: false`. */
export const itemsTask: RunnableTask = {
  async run(ctx) {
    const children = ctx.ports.get('children');
    const t = ctx.task;
    const splits = String(siblingOutputs(ctx, '_split').splits ?? '');
    const batches = splits ? text(ctx.storage.readFile(splits)).split('\n').filter(Boolean) : [];
    const namespace = ctx.render(t.namespace);
    const flowId = ctx.render(t.flowId);
    const wait = t.wait === undefined ? true : String(ctx.render(t.wait)) === 'true';
    const transmitFailed = t.transmitFailed === undefined ? true : String(ctx.render(t.transmitFailed)) === 'true';
    const labels: Label[] = ctx.execution.labels.filter((l) => t.inheritLabels === true || l.key.startsWith('system.'));
    const ids: string[] = [];
    for (let i = 0; i < batches.length; i++) {
      if (ctx.signal.aborted) throw new TaskKilledError();
      const variables = { ...ctx.variables, taskrun: { ...(ctx.variables.taskrun as object), items: batches[i], iteration: i + 1 } };
      const inputs = (t.inputs ? ctx.renderDeepWith!(t.inputs, variables) : {}) as Record<string, unknown>;
      let child: Execution;
      try {
        child = await children.create({
          tenant: ctx.tenant, namespace, flowId, inputs, labels,
          revision: t.revision === undefined ? undefined : Number(ctx.render(t.revision)),
          scheduleDate: t.scheduleDate ? Date.parse(ctx.render(t.scheduleDate)) : undefined,
          trigger: { id: String(t.parentTaskId), type: FOR_EACH_ITEM, variables: { executionId: ctx.execution.id, namespace: ctx.flow.namespace, flowId: ctx.flow.id, flowRevision: ctx.flow.revision } },
        });
      } catch (err) {
        throw new TaskError((err as Error).message.replace(/^Invalid entity: /, ''));
      }
      ids.push(child.id);
    }
    ctx.logger.info(`Created ${ids.length} subflow executions of ${namespace}.${flowId}`);
    const counts: Record<string, number> = { CREATED: ids.length };
    const outputs: Record<string, unknown> = { numberOfBatches: batches.length, iterations: counts };
    if (!wait) return { outputs };
    const onAbort = () => { if (killsChildren(ctx.signal)) ids.forEach((id) => children.kill(ctx.tenant, id)); };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const finals = await Promise.all(ids.map((id) => children.waitForTerminal(ctx.tenant, id)));
    ctx.signal.removeEventListener('abort', onAbort);
    if (ctx.signal.aborted) throw new TaskKilledError();
    const byState: Record<string, number> = {};
    for (const f of finals) byState[f.state.current] = (byState[f.state.current] ?? 0) + 1;
    outputs.iterations = byState;
    outputs.uri = ctx.storage.putFile('executions.txt', finals.map((f) => `${f.id}\n`).join(''));
    const failed = finals.some((f) => ['FAILED', 'KILLED'].includes(f.state.current));
    if (transmitFailed && failed) return { outputs, state: 'FAILED' };
    if (transmitFailed && finals.some((f) => f.state.current === 'WARNING')) return { outputs, state: 'WARNING' };
    return { outputs };
  },
};

/** `<id>_merge`: one JSON line per child execution with its outputs, in batch order. */
export const mergeTask: RunnableTask = {
  run(ctx) {
    const children = ctx.ports.get('children');
    const uri = siblingOutputs(ctx, '_items').uri;
    const ids = typeof uri === 'string' ? text(ctx.storage.readFile(uri)).split('\n').filter(Boolean) : [];
    const lines = ids.map((id) => JSON.stringify(children.find(ctx.tenant, id)?.outputs ?? {}));
    return { outputs: { subflowOutputs: ctx.storage.putFile('outputs.ion', lines.map((l) => `${l}\n`).join('')) } };
  },
};
