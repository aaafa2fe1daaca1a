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

/** A task (and optionally one iteration value of it) the execution stops before (Kestra 1.x+). */
export interface Breakpoint { id: string; value?: string }

/** Why an execution runs (Kestra 1.x+ `?kind=`): a normal run, a flow test, the editor's playground, a loop. */
export const EXECUTION_KINDS = ['NORMAL', 'TEST', 'PLAYGROUND', 'LOOP'] as const;
export type ExecutionKind = (typeof EXECUTION_KINDS)[number];
export const isExecutionKind = (v: unknown): v is ExecutionKind => typeof v === 'string' && (EXECUTION_KINDS as readonly string[]).includes(v);

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
  breakpoints?: Breakpoint[];
  kind?: ExecutionKind;
  /** a flow test case's task fixtures (Kestra's `Execution.fixtures`): these tasks are not run */
  fixtures?: ExecutionFixture[];
}

/** One mocked task of a test execution (Kestra's TaskFixture): its end state and outputs. */
export interface ExecutionFixture {
  id: string;
  value?: string;
  description?: string;
  /** the task run's end (KILLED, CANCELLED, SKIPPED) or PAUSED; SUCCESS by default */
  state?: 'SUCCESS' | 'WARNING' | 'FAILED' | 'KILLED' | 'CANCELLED' | 'SKIPPED' | 'PAUSED';
  outputs?: Record<string, unknown>;
}

/** Where a test execution's fixture files are listed in `variables` (exposed as `files`, as Kestra's RunVariables does). */
export const FIXTURE_FILES_KEY = 'io.kestra.datatype:test_fixtures_files';

declare module '../shared/events.ts' {
  interface EventMap {
    'execution.updated': { execution: Execution };
  }
}
