// Every input of the reducer: bus events already copied into plain rows, and UI intents.

import type { LogLevel } from '../logs/model.ts';
import type { ExecRow, FlowRow, InvalidFile, Pane, Prompt } from './model.ts';

export type DataAction =
  | { type: 'seed'; flows: FlowRow[]; invalid: InvalidFile[]; executions: ExecRow[] }
  | { type: 'flow.changed'; flow: FlowRow; deleted: boolean }
  | { type: 'flow.invalid'; file: InvalidFile }
  | { type: 'flow.valid'; file: string }
  | { type: 'execution'; row: ExecRow }
  | { type: 'execution.deleted'; id: string }
  | { type: 'log'; executionId: string; taskId?: string; level: LogLevel; timestamp: number; message: string }
  | { type: 'next-fire'; at: number };

export type UiAction =
  | { type: 'focus'; pane: Pane }
  | { type: 'focus-next'; delta: 1 | -1 }
  | { type: 'move'; delta: number }
  | { type: 'open' }
  | { type: 'back' }
  | { type: 'filter-start' }
  | { type: 'filter-type'; text: string }
  | { type: 'filter-backspace' }
  | { type: 'filter-done' }
  | { type: 'cycle-level' }
  | { type: 'set-level'; level: LogLevel }
  | { type: 'toggle-follow' }
  | { type: 'toggle-help' }
  | { type: 'prompt-open'; prompt: Prompt }
  | { type: 'prompt-type'; text: string }
  | { type: 'prompt-backspace' }
  | { type: 'prompt-set'; value: string }
  | { type: 'prompt-move'; delta: number }
  | { type: 'prompt-close' }
  | { type: 'select-execution'; id: string }
  | { type: 'message'; text: string; tone: 'info' | 'error' };

export type Action = DataAction | UiAction;
