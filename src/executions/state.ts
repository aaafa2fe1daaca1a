// Kestra's state machine (engine-contract §3.1): the 14 states, their groups, and the State
// object with its history. Stored dates are epoch ms; serialisation adds duration/startDate/endDate.

import { Type, type Static } from '@sinclair/typebox';
import { isoDuration } from '../shared/time/durations.ts';

export const STATE_TYPES = [
  'CREATED', 'RUNNING', 'PAUSED', 'RESTARTED', 'KILLING', 'SUCCESS', 'WARNING', 'FAILED', 'KILLED',
  'CANCELLED', 'QUEUED', 'RETRYING', 'RETRIED', 'SKIPPED',
] as const;
/**
 * States Kestra added after 0.21 (State.Type of openapi-2.0): an execution stopped before a task at a
 * breakpoint, and the worker hand-over states. Kept apart so the 0.21 lists (stats per state, the
 * ExecutionCount message) keep their 14 entries.
 */
export const NEWER_STATE_TYPES = ['SUBMITTED', 'BREAKPOINT', 'RESUBMITTED'] as const;
const ALL_STATE_TYPES: readonly string[] = [...STATE_TYPES, ...NEWER_STATE_TYPES];
export const StateType = Type.Union([...STATE_TYPES, ...NEWER_STATE_TYPES].map((s) => Type.Literal(s)));
export type StateType = Static<typeof StateType>;

export const TERMINAL: ReadonlySet<StateType> = new Set(['FAILED', 'WARNING', 'SUCCESS', 'KILLED', 'CANCELLED', 'RETRIED', 'SKIPPED']);
export const isTerminal = (s: StateType) => TERMINAL.has(s);
export const isCreated = (s: StateType) => s === 'CREATED' || s === 'RESTARTED';
export const isRunning = (s: StateType) => s === 'RUNNING' || s === 'KILLING';
export const isStateType = (s: unknown): s is StateType => typeof s === 'string' && ALL_STATE_TYPES.includes(s);

export interface History { state: StateType; date: number }
export interface State { current: StateType; histories: History[] }

export function newState(now: number, initial: StateType = 'CREATED'): State {
  return { current: initial, histories: [{ state: initial, date: now }] };
}

/** Appends a transition; setting the same state again adds nothing (as Kestra does). */
export function withState(state: State, next: StateType, now: number): State {
  if (state.current === next) return state;
  return { current: next, histories: [...state.histories, { state: next, date: now }] };
}

export const startDate = (s: State) => s.histories[0]!.date;
export const endDate = (s: State) => (isTerminal(s.current) || s.current === 'PAUSED' ? s.histories[s.histories.length - 1]!.date : undefined);

export interface StateJson {
  current: StateType;
  histories: { state: StateType; date: string }[];
  duration: string;
  startDate: string;
  endDate?: string;
}

export function stateJson(s: State, now: number): StateJson {
  const first = s.histories[0]!.date;
  const last = s.histories[s.histories.length - 1]!.date;
  const end = endDate(s);
  const out: StateJson = {
    current: s.current,
    histories: s.histories.map((h) => ({ state: h.state, date: new Date(h.date).toISOString() })),
    duration: isoDuration((s.histories.length > 1 ? last : now) - first),
    startDate: new Date(first).toISOString(),
  };
  if (end !== undefined) out.endDate = new Date(end).toISOString();
  return out;
}
