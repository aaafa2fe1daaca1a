// Log lines as the engine, triggers and tasks write them; timestamps are epoch ms, serialize.ts
// writes Kestra's JSON.

import type { EntryOrigin } from '../shared/entry-origin.ts';

export const LOG_LEVEL_ORDER = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 } as const;
export type LogLevel = keyof typeof LOG_LEVEL_ORDER;
export const isLogLevel = (v: unknown): v is LogLevel => typeof v === 'string' && v in LOG_LEVEL_ORDER;

export interface LogEntry extends EntryOrigin {
  attemptNumber: number | null;
  triggerId?: string;
  timestamp: number;
  level: LogLevel;
  thread: string;
  message: string;
  /** a flow unit-test execution's line (Kestra's LogEntry.executionKind): log searches leave it out, reads by execution keep it */
  executionKind?: 'TEST';
}

declare module '../shared/events.ts' {
  interface EventMap {
    'log.created': { entry: LogEntry };
  }
}
