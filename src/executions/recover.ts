// After a restart in persisted mode, executions that were still running are picked up again:
// task runs that were on a worker start a new attempt, everything else continues where it was.
// An execution whose flow revision is gone ends FAILED with a log saying why.

import type { Execution } from './model.ts';
import { withState } from './state.ts';
import type { Engine } from './engine/engine.ts';
import type { ExecutionService } from './service.ts';
import type { ExecutionStore } from './store.ts';
import type { LogStore } from '../logs/store.ts';

export function recoverExecutions(deps: { store: ExecutionStore; engine: Engine; executions: ExecutionService; logs: LogStore; now: () => number }): number {
  let recovered = 0;
  for (const exec of deps.store.unfinished()) {
    try {
      const plan = deps.executions.planFor(exec.tenant, exec.namespace, exec.flowId, exec.flowRevision);
      for (const run of exec.taskRunList) {
        if (run.state.current === 'RUNNING' && !plan.tasks.get(run.taskId)?.flowable) {
          const attempt = run.attempts?.[run.attempts.length - 1];
          if (attempt) attempt.state = withState(attempt.state, 'FAILED', deps.now());
          run.state = withState(run.state, 'CREATED', deps.now());
        }
        if (run.state.current === 'RETRYING') { run.retryAt = undefined; run.state = withState(run.state, 'CREATED', deps.now()); }
      }
      deps.engine.start(exec, plan);
      recovered++;
    } catch (err) {
      failExecution(exec, deps, `Unable to resume the execution after a restart: ${(err as Error).message}`);
    }
  }
  return recovered;
}

function failExecution(exec: Execution, deps: { store: ExecutionStore; logs: LogStore; now: () => number }, message: string) {
  exec.state = withState(exec.state, 'FAILED', deps.now());
  deps.store.save(exec);
  deps.logs.insert([{ tenant: exec.tenant, namespace: exec.namespace, flowId: exec.flowId, executionId: exec.id, attemptNumber: null, timestamp: deps.now(), level: 'ERROR', thread: 'executor', message }]);
}
