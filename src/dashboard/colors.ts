// Kestra's UI palette for execution states and log levels, so a state reads the same in the
// terminal as in the web UI (green SUCCESS, purple RUNNING, red FAILED, orange WARNING, ...).

import type { LogLevel } from '../logs/model.ts';
import type { StateType } from '../executions/state.ts';

export const STATE_COLORS: Record<StateType, string> = {
  CREATED: '#1761FD',
  RESTARTED: '#1761FD',
  QUEUED: '#918BA9',
  RUNNING: '#8405FF',
  PAUSED: '#918BA9',
  KILLING: '#FCE07C',
  KILLED: '#FCE07C',
  SUCCESS: '#029E73',
  WARNING: '#DD5F00',
  FAILED: '#E0270C',
  CANCELLED: '#918BA9',
  SKIPPED: '#918BA9',
  RETRYING: '#918BA9',
  RETRIED: '#918BA9',
  // states of Kestra 1.x+: held at a breakpoint (paused-like), handed to a worker (created-like)
  BREAKPOINT: '#918BA9',
  SUBMITTED: '#1761FD',
  RESUBMITTED: '#1761FD',
};

export const LEVEL_COLORS: Record<LogLevel, string> = {
  ERROR: '#E0270C',
  WARN: '#DD5F00',
  INFO: '#1761FD',
  DEBUG: '#918BA9',
  TRACE: 'gray',
};

export const FOCUS_COLOR = 'cyan';
export const BLUR_COLOR = 'gray';
