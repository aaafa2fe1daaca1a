// The dashboard's own data model: small copies of what the engine emits. The engine hands out
// live, mutable Execution objects, so the reducer never keeps a reference to them; it keeps rows.

import type { LogLevel } from '../logs/model.ts';
import type { StateType } from '../executions/state.ts';

/** Buffers are bounded so a long `serve` session (or a chatty flow) cannot grow memory. */
export interface Limits { executions: number; logsPerExecution: number; logsTotal: number; invalidFiles: number }
export const DEFAULT_LIMITS: Limits = { executions: 200, logsPerExecution: 500, logsTotal: 5_000, invalidFiles: 200 };

export interface TaskRow {
  id: string;
  taskId: string;
  parentId?: string;
  value?: string;
  state: StateType;
  attempts: number;
  start: number;
  end?: number;
}

export interface ExecRow {
  id: string;
  tenant: string;
  namespace: string;
  flowId: string;
  state: StateType;
  start: number;
  end?: number;
  tasks: TaskRow[];
}

export interface LogLine {
  seq: number;
  executionId: string;
  taskId?: string;
  level: LogLevel;
  timestamp: number;
  message: string;
}

export interface FlowRow { tenant: string; namespace: string; id: string; revision: number }
export interface InvalidFile { file: string; message: string }

/** One editable field of the `x` (run flow) prompt. */
export interface PromptField { id: string; type: string; required: boolean; value: string; defaultText?: string; choices?: string[] }
export interface Prompt { tenant: string; namespace: string; flowId: string; fields: PromptField[]; index: number }

export type Pane = 'flows' | 'executions' | 'tasks' | 'logs';
export const PANES: readonly Pane[] = ['flows', 'executions', 'tasks', 'logs'];

export interface Ui {
  focus: Pane;
  /** selection by key, not index: new executions are prepended and must not move the cursor */
  flowKey?: string;
  execId?: string;
  taskCursor: number;
  /** the execution shown full-height (Enter on an execution); undefined = overview */
  opened?: string;
  filter: string;
  filterEditing: boolean;
  minLevel: LogLevel;
  follow: boolean;
  /** lines scrolled up from the bottom of the log tail when not following */
  logScroll: number;
  help: boolean;
  prompt?: Prompt;
  message?: { text: string; tone: 'info' | 'error' };
}

export interface DashboardData {
  flows: FlowRow[];
  invalid: InvalidFile[];
  /** newest first */
  executions: ExecRow[];
  logs: Record<string, LogLine[]>;
  logTotal: number;
  logSeq: number;
  succeeded: number;
  failed: number;
  /** the date the scheduler armed its timer for (`scheduler.next`); shown only while in the future */
  nextFire?: number;
}

export interface DashboardState { data: DashboardData; ui: Ui; limits: Limits }

export const flowKey = (f: { namespace: string; id: string }) => `${f.namespace}.${f.id}`;
