// The Subflow task (engine-contract §3.11): starts an execution of another flow, optionally
// waits for it, and reports its id, state and outputs. Killing the parent kills the child.
// Child executions are started through the `children` port (the execution service is built
// after the engine that runs this task).

import type { Label } from '../../flows/model.ts';
import type { Execution } from '../../executions/model.ts';
import { killsChildren } from '../abort.ts';
import { TaskError, TaskKilledError, type RunContext, type RunnableTask, type RunResult, type RunState } from '../types.ts';

export const SUBFLOW = 'io.kestra.plugin.core.flow.Subflow';

const labelsOf = (value: unknown): Label[] => {
  if (Array.isArray(value)) return value.map((l) => ({ key: String(l.key), value: String(l.value) }));
  if (value && typeof value === 'object') return Object.entries(value).map(([key, v]) => ({ key, value: String(v) }));
  return [];
};

export const subflowTask: RunnableTask = {
  async run(ctx: RunContext): Promise<RunResult> {
    const children = ctx.ports.get('children');
    const t = ctx.task;
    const namespace = ctx.render(t.namespace);
    const flowId = ctx.render(t.flowId);
    const wait = t.wait === undefined ? true : String(ctx.render(t.wait)) === 'true';
    const transmitFailed = t.transmitFailed === undefined ? true : String(ctx.render(t.transmitFailed)) === 'true';
    const inputs = (t.inputs ? ctx.renderDeep(t.inputs) : {}) as Record<string, unknown>;
    const own = labelsOf(t.labels ? ctx.renderDeep(t.labels) : undefined);
    for (const l of own) if (l.key.startsWith('system.')) throw new TaskError(`System labels can only be set by Kestra itself, offending label: ${l.key}=${l.value}`);
    const parentLabels = ctx.execution.labels.filter((l) => t.inheritLabels === true || l.key.startsWith('system.'));
    const revision = t.revision === undefined ? undefined : Number(ctx.render(t.revision));
    const scheduleDate = t.scheduleDate ? Date.parse(ctx.render(t.scheduleDate)) : undefined;

    let child: Execution;
    try {
      child = await children.create({
        tenant: ctx.tenant, namespace, flowId, revision, inputs, labels: [...parentLabels, ...own], scheduleDate,
        trigger: { id: String(t.id), type: SUBFLOW, variables: { executionId: ctx.execution.id, namespace: ctx.flow.namespace, flowId: ctx.flow.id, flowRevision: ctx.flow.revision } },
      });
    } catch (err) {
      const message = (err as Error).message;
      if (/Requested Flow is not found/.test(message)) throw new TaskError(`Unable to find flow '${namespace}'.'${flowId}' with revision '${revision ?? 0}'`);
      if (/disabled/.test(message)) throw new TaskError('Cannot execute a flow which is disabled');
      throw new TaskError(message.replace(/^Invalid entity: /, ''));
    }
    ctx.logger.info(`Created new execution [[link execution="${child.id}" flowId="${flowId}" namespace="${namespace}"]]`);
    if (!wait) return { outputs: { executionId: child.id, state: 'CREATED' } };

    const onAbort = () => { if (killsChildren(ctx.signal)) children.kill(ctx.tenant, child.id); };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const final = await children.waitForTerminal(ctx.tenant, child.id);
    ctx.signal.removeEventListener('abort', onAbort);
    if (ctx.signal.aborted) throw new TaskKilledError();
    const outputs: Record<string, unknown> = { executionId: final.id, state: final.state.current };
    // Subflow.createSubflowExecutionResult: a failed extraction fails the task (allowFailure still applies)
    try {
      const legacy = t.outputs && typeof t.outputs === 'object' ? t.outputs as Record<string, unknown> : undefined;
      const extracted = children.extractOutputs ? children.extractOutputs(ctx.tenant, final.id, legacy) : final.outputs;
      if (extracted !== undefined) outputs.outputs = extracted;
    } catch (err) {
      ctx.logger.warn(`Failed to extract outputs with the error: '${(err as Error).message}'`);
      return { outputs, state: 'FAILED' };
    }
    return { outputs, state: subflowState(final.state.current, transmitFailed) };
  },
};

/** ExecutableUtils.guessState: with transmitFailed, a FAILED/PAUSED/KILLED/WARNING child gives its state (allowances apply after). */
function subflowState(child: string, transmitFailed: boolean): RunState {
  if (!transmitFailed) return 'SUCCESS';
  return child === 'FAILED' || child === 'KILLED' || child === 'WARNING' ? child : child === 'PAUSED' ? 'FAILED' : 'SUCCESS';
}
