// What a task run sees: its expression variables (execution, task run, errorLogs()) and its task
// context (storage, logger, working directory, the ports tasks reach later-built services by).

import type { LogEntry } from '../../../logs/model.ts';
import { logJson } from '../../../logs/serialize.ts';
import type { Ports } from '../../../shared/ports.ts';
import type { TaskDefinition } from '../../../tasks/types.ts';
import type { TaskRun } from '../../model.ts';
import type { EngineDeps } from '../deps.ts';
import type { Live } from '../live.ts';
import type { createSinks } from '../sinks.ts';
import { createRunContext } from './task-context.ts';
import { executionVariables, taskRunVariables, type VariableExtras } from '../variables.ts';
import { workingDirOf } from '../workspaces.ts';

export function createContexts(deps: EngineDeps, sinks: ReturnType<typeof createSinks>, taskPorts: Ports) {
  const variablesOf = (l: Live, run?: TaskRun) => {
    const extras: VariableExtras = { inputs: deps.inputsVariable(l.plan, l.exec), envs: deps.envs, globals: deps.globals };
    const base = executionVariables(l.exec, l.plan, extras);
    const vars = run ? taskRunVariables(base, l.exec, run, l.plan.tasks.get(run.taskId)?.type ?? '') : base;
    // errorLogs(): the execution's ERROR logs, read only when a template asks for them
    Object.defineProperty(vars, '__errorLogs', {
      enumerable: false,
      get: () => [...deps.logs.find(l.exec.tenant, { executionId: l.exec.id, levels: ['ERROR'] }).results, ...sinks.pendingErrors(l.exec.id)]
        .map((e) => logJson(e)),
    });
    return vars;
  };

  /** The task context of a task run; `sink` replaces the log buffer (logToFile). */
  function contextFor(l: Live, run: TaskRun, task: TaskDefinition, signal: AbortSignal, sink?: LogEntry[]) {
    const enclosing = workingDirOf(l, run);
    const workingDir = enclosing?.dir;
    const variables = variablesOf(l, run);
    if (enclosing) {
      // RunContextInitializer.forWorkingDirectory: the children see the WorkingDirectory's task run as `workerTaskrun`
      variables.workingDir = enclosing.dir;
      variables.workerTaskrun = (variablesOf(l, enclosing.owner).taskrun);
    }
    const ctx = createRunContext({
      clock: deps.clock, blobs: deps.blobs, expressions: deps.expressions(l.exec.tenant), kv: deps.kv(l.exec.tenant), fetch: deps.fetch,
      log: sink ? (e) => sink.push(e) : sinks.log, metric: sinks.metric, services: deps.services, ports: taskPorts,
    }, {
      exec: l.exec, run, task, flow: { id: l.plan.id, namespace: l.plan.namespace, revision: l.plan.revision },
      variables, signal, setLabels: (labels) => { l.exec.labels = labels; },
    });
    if (workingDir !== undefined) ctx.workingDir = workingDir;
    return ctx;
  }

  const flowableContext = (l: Live, run: TaskRun, task: TaskDefinition) => contextFor(l, run, task, new AbortController().signal);

  return { variablesOf, contextFor, flowableContext };
}
