// A CREATE_NEW_EXECUTION retry (engine-contract §3.7, §3.10): the failed execution replayed from
// scratch as a new one, chained to it (parentId, the same originalId, attempt number + 1).

import type { Execution } from '../../model.ts';
import { newState } from '../../state.ts';

export function retryExecution(source: Execution, id: string, now: number): Execution {
  const exec: Execution = {
    ...structuredClone({ ...source, taskRunList: [] }), id, parentId: source.id, originalId: source.originalId, taskRunList: [],
    outputs: undefined, state: newState(now),
    metadata: { attemptNumber: source.metadata.attemptNumber + 1, originalCreatedDate: source.metadata.originalCreatedDate },
  };
  if (exec.outputs === undefined) delete exec.outputs;
  return exec;
}
