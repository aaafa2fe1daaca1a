// Executions for route tests, without the engine: a plain Execution builder and an
// ExecutionService look-alike (find/get) over the execution store.

import type { Execution } from '../../src/executions/model.ts';
import type { ExecutionService } from '../../src/executions/service.ts';
import { newState, withState, type StateType } from '../../src/executions/state.ts';
import type { ExecutionStore } from '../../src/executions/store.ts';
import { notFound } from '../../src/shared/errors.ts';

export function makeExecution(now: number, over: Partial<Execution> = {}): Execution {
  const id = over.id ?? 'exec1';
  return {
    tenant: 'main', id, namespace: 'company.team', flowId: 'hello', flowRevision: 1, taskRunList: [], labels: [],
    state: newState(now), originalId: id, deleted: false, metadata: { attemptNumber: 1, originalCreatedDate: now },
    ...over,
  };
}

/** A copy moved to `state` (the engine mutates in place; copies keep earlier frames comparable). */
export function moved(e: Execution, state: StateType, now: number): Execution {
  return { ...e, state: withState(e.state, state, now) };
}

export function executionService(store: ExecutionStore): Pick<ExecutionService, 'find' | 'get'> {
  return {
    find: (tenant, id) => store.get(tenant, id),
    get(tenant, id) {
      const e = store.get(tenant, id);
      if (!e || e.deleted) throw notFound(`Unable to find execution ${id}`);
      return e;
    },
  };
}
