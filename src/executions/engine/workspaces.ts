// WorkingDirectory directories of a live execution (Worker.handleTask in Kestra): opened with
// the WorkingDirectory's own task context when it starts, handed to its runnable descendants,
// closed (outputs, cache) when its children are done, and removed in every case — also when
// the execution ends otherwise (killed, failed elsewhere, engine disposed).

import { flowableOf } from '../../tasks/registry.ts';
import type { WorkspaceHandle } from '../../tasks/flowable.ts';
import type { RunContext } from '../../tasks/types.ts';
import type { TaskRun } from '../model.ts';
import type { Live } from './live.ts';

type Log = (run: TaskRun, message: string) => void;

const workspaceOfType = (l: Live, run: TaskRun) => flowableOf(l.plan.tasks.get(run.taskId)?.type ?? '')?.workspace;

/** the nearest enclosing WorkingDirectory: its directory and task run */
export function workingDirOf(l: Live, run: TaskRun): { dir: string; owner: TaskRun } | undefined {
  if (!l.workspaces?.size) return undefined;
  for (let p = run.parentTaskRunId; p; ) {
    const handle = l.workspaces.get(p);
    const owner = handle && l.exec.taskRunList.find((r) => r.id === p);
    if (handle && owner) return { dir: handle.dir, owner };
    p = l.exec.taskRunList.find((r) => r.id === p)?.parentTaskRunId;
  }
  return undefined;
}

export function openWorkspace(l: Live, run: TaskRun, ctx: RunContext, logError: Log): boolean {
  try {
    const handle = workspaceOfType(l, run)!.open(ctx);
    (l.workspaces ??= new Map()).set(run.id, handle);
    return true;
  } catch (err) {
    logError(run, `Failed preExecuteTasks on WorkingDirectory: ${(err as Error).message}`);
    return false;
  }
}

export function closeWorkspace(l: Live, run: TaskRun, ctx: RunContext, logError: Log): { outputs?: Record<string, unknown>; failed: boolean } {
  const handle = l.workspaces?.get(run.id);
  const workspace = workspaceOfType(l, run);
  if (!handle || !workspace) return { failed: false };
  try {
    return { outputs: workspace.close(ctx, handle), failed: false };
  } catch (err) {
    logError(run, `Failed postExecuteTasks on WorkingDirectory: ${(err as Error).message}`);
    return { failed: true };
  } finally {
    discard(l, run.id, handle);
  }
}

function discard(l: Live, runId: string, handle: WorkspaceHandle) {
  l.workspaces?.delete(runId);
  const taskRun = l.exec.taskRunList.find((r) => r.id === runId);
  try { (taskRun && workspaceOfType(l, taskRun))?.discard(handle); } catch { /* already gone */ }
}

export function discardWorkspaces(l: Live) {
  for (const [id, handle] of [...(l.workspaces ?? [])]) discard(l, id, handle);
}
