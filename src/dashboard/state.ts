// The dashboard state: a pure reducer over actions (bus events copied into rows, and UI intents).
// `reduceAll` folds a batch, applying consecutive log lines together: that is what keeps a
// 100,000-line burst cheap (each ring is copied once per batch instead of once per line).

import type { Action, DataAction } from './actions.ts';
import { DEFAULT_LIMITS, type DashboardState, type Limits } from './model.ts';
import { appendLogs, emptyData, reduceData } from './state-data.ts';
import { initialUi, reduceUi } from './state-ui.ts';

export type { Action } from './actions.ts';

export function initialState(limits: Partial<Limits> = {}): DashboardState {
  return { data: emptyData(), ui: initialUi(), limits: { ...DEFAULT_LIMITS, ...limits } };
}

const DATA_TYPES: ReadonlySet<string> = new Set<DataAction['type']>(['seed', 'flow.changed', 'flow.invalid', 'flow.valid', 'execution', 'log', 'next-fire']);
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

export function reduceAll(s: DashboardState, actions: readonly Action[]): DashboardState {
  let state = s;
  for (let i = 0; i < actions.length;) {
    const a = actions[i]!;
    if (a.type !== 'log') { state = reduce(state, a); i++; continue; }
    let j = i;
    while (j < actions.length && actions[j]!.type === 'log') j++;
    const run = actions.slice(i, j) as Extract<Action, { type: 'log' }>[];
    state = { ...state, data: appendLogs(state.data, run, state.limits, keptLogs(state)) };
    i = j;
  }
  return state;
}
