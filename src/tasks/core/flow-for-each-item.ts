// ForEachItem (engine-contract §8.2): split a file into batches, start one subflow execution per
// batch, then merge the subflows' outputs. Kestra shows this as three synthetic child task runs,
// `<id>_split`, `<id>_items` and `<id>_merge`; the engine walks them like a Sequential.

import type { Label } from '../../flows/model.ts';
import { TaskError, TaskKilledError, type RunContext, type RunnableTask, type TaskDefinition } from '../types.ts';
import type { Execution } from '../../executions/model.ts';
import { NO_CASCADE } from '../../executions/engine/kill-step.ts';
import type { ChildExecutions } from './flow-subflow.ts';

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

const text = (data: Uint8Array) => new TextDecoder().decode(data);
const siblingOutputs = (ctx: RunContext, suffix: string) => {
  const run = ctx.execution.taskRunList.find((t) => t.parentTaskRunId === ctx.taskRun.parentTaskRunId && t.taskId === `${ctx.task.parentTaskId}${suffix}`);
  return run?.outputs ?? {};
};

function splitContent(content: string, batch: Record<string, unknown>, ctx: RunContext): string[] {
  const separator = batch.separator === undefined ? '\n' : ctx.render(batch.separator);
  const items = content.split(separator);
  if (items.length && items[items.length - 1] === '') items.pop();
  if (batch.partitions !== undefined) {
    const n = Math.max(1, Number(ctx.render(batch.partitions)));
    const out: string[][] = Array.from({ length: Math.min(n, items.length) }, () => []);
    items.forEach((item, i) => out[i % out.length]!.push(item));
    return out.map((b) => b.map((l) => l + separator).join(''));
  }
  if (batch.bytes !== undefined) {
    const limit = parseSize(ctx.render(batch.bytes));
    const out: string[] = [];
    let current = '';
    for (const item of items) {
      if (current && Buffer.byteLength(current + item + separator) > limit) { out.push(current); current = ''; }
      current += item + separator;
    }
    if (current) out.push(current);
    return out;
  }
  const rows = Math.max(1, Number(batch.rows === undefined ? 1 : ctx.render(batch.rows)));
  const out: string[] = [];
  for (let i = 0; i < items.length; i += rows) out.push(items.slice(i, i + rows).map((l) => l + separator).join(''));
  return out;
}

function parseSize(text: string): number {
  const m = /^(\d+)\s*([KMG]?B)?$/i.exec(text.trim());
  if (!m) throw new TaskError(`Invalid batch size: ${text}`);
  const unit = (m[2] ?? 'B').toUpperCase();
  return Number(m[1]) * (unit === 'KB' ? 1024 : unit === 'MB' ? 1024 ** 2 : unit === 'GB' ? 1024 ** 3 : 1);
}

export const splitTask: RunnableTask = {
  run(ctx) {
    const uri = ctx.render(ctx.task.items);
    if (!uri.startsWith('kestra://')) throw new TaskError(`Unable to split the items from ${uri}, this is not an internal storage URI!`);
    const batches = splitContent(text(ctx.storage.readFile(uri)), (ctx.task.batch ?? {}) as Record<string, unknown>, ctx);
    const uris = batches.map((b, i) => ctx.storage.putFile(`${i + 1}.txt`, b));
    return { outputs: { splits: ctx.storage.putFile('splits.txt', uris.map((u) => `${u}\n`).join('')) } };
  },
};

export function itemsTask(children: () => ChildExecutions): RunnableTask {
  return {
    async run(ctx) {
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
          child = await children().create({
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
      const onAbort = () => { if (ctx.signal.reason !== NO_CASCADE) ids.forEach((id) => children().kill(ctx.tenant, id)); };
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      const finals = await Promise.all(ids.map((id) => children().waitForTerminal(ctx.tenant, id)));
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
}

export function mergeTask(lookup: (tenant: string, id: string) => Execution | undefined): RunnableTask {
  return {
    run(ctx) {
      const uri = siblingOutputs(ctx, '_items').uri;
      const ids = typeof uri === 'string' ? text(ctx.storage.readFile(uri)).split('\n').filter(Boolean) : [];
      const lines = ids.map((id) => JSON.stringify(lookup(ctx.tenant, id)?.outputs ?? {}));
      return { outputs: { subflowOutputs: ctx.storage.putFile('outputs.ion', lines.map((l) => `${l}\n`).join('')) } };
    },
  };
}
