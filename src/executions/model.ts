// Executions and task runs as the engine keeps them (engine-contract §3.2). Dates are epoch ms
// internally; serialize.ts writes Kestra's JSON (ISO dates, NON_NULL rules).

import type { Label } from '../flows/model.ts';
import type { State } from './state.ts';

export interface Attempt { state: State; logFile?: string }

export interface TaskRun {
  id: string;
  executionId: string;
  namespace: string;
  flowId: string;
  taskId: string;
  parentTaskRunId?: string;
  value?: string;
  attempts?: Attempt[];
  /** null until the task produced outputs (always serialised) */
  outputs: Record<string, unknown> | null;
  state: State;
  iteration?: number;
  dynamic?: boolean;
  /** engine bookkeeping, not serialised: epoch ms when a RETRYING task run is due */
  retryAt?: number;
}

export interface ExecutionTrigger { id: string; type: string; variables?: Record<string, unknown>; logFile?: string }

export interface Execution {
  tenant: string;
  id: string;
  namespace: string;
  flowId: string;
  flowRevision: number;
  taskRunList: TaskRun[];
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  labels: Label[];
  variables?: Record<string, unknown>;
  state: State;
  parentId?: string;
  originalId: string;
  trigger?: ExecutionTrigger;
  deleted: boolean;
  metadata: { attemptNumber: number; originalCreatedDate: number };
  scheduleDate?: number;
}

declare module '../shared/events.ts' {
  interface EventMap {
    'execution.updated': { execution: Execution };
  }
}
