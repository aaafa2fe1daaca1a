// The dashboard state: a pure reducer over actions (bus events copied into rows, and UI intents).
// `reduceAll` folds a batch, applying consecutive log lines (and execution rows) together: that
// is what keeps a 100,000-line burst cheap (each buffer is copied once per batch, not per event).

import type { Action, DataAction } from '../actions.ts';
import { DEFAULT_LIMITS, type DashboardState, type Limits } from '../model.ts';
import { appendLogs, emptyData, reduceData, upsertExecutions } from './data.ts';
import { initialUi, reduceUi } from './ui.ts';

export type { Action } from '../actions.ts';

export function initialState(limits: Partial<Limits> = {}): DashboardState {
  return { data: emptyData(), ui: initialUi(), limits: { ...DEFAULT_LIMITS, ...limits } };
}

const DATA_TYPES: ReadonlySet<string> = new Set<DataAction['type']>(['seed', 'flow.changed', 'flow.invalid', 'flow.valid', 'execution', 'execution.deleted', 'log', 'next-fire']);
const isData = (a: Action): a is DataAction => DATA_TYPES.has(a.type);

/** Executions whose logs must survive the global log cap: the ones the user is looking at. */
const keptLogs = (s: DashboardState) => new Set([s.ui.opened, s.ui.execId].filter((x): x is string => !!x));

export function reduce(s: DashboardState, a: Action): DashboardState {
  if (isData(a)) {
    const data = reduceData(s.data, a, s.limits, keptLogs(s));
    return data === s.data ? s : { ...s, data };
  }
  return { ...s, ui: reduceUi(s, a) };
}

type LogAction = Extract<Action, { type: 'log' }>;
type ExecAction = Extract<Action, { type: 'execution' }>;

export function reduceAll(s: DashboardState, actions: readonly Action[]): DashboardState {
  let state = s;
  for (let i = 0; i < actions.length;) {
    const type = actions[i]!.type;
    if (type !== 'log' && type !== 'execution') { state = reduce(state, actions[i]!); i++; continue; }
    // a run of log lines or of execution rows is applied in one step
    let j = i;
    while (j < actions.length && actions[j]!.type === type) j++;
    const data = type === 'log'
      ? appendLogs(state.data, actions.slice(i, j) as LogAction[], state.limits, keptLogs(state))
      : upsertExecutions(state.data, (actions.slice(i, j) as ExecAction[]).map((a) => a.row), state.limits);
    state = { ...state, data };
    i = j;
  }
  return state;
}
