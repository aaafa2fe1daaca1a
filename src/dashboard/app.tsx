// The live dashboard: state from the reducer, fed by the event stream; keys through the keymap;
// side effects through the injected deps. Everything drawn comes from DashboardView.

/** @jsxRuntime classic */
/** @jsx React.createElement */

import { useWindowSize } from 'ink';
import * as React from 'react';
import { useCallback, useReducer, useRef } from 'react';
import { isTerminal } from '../executions/state.ts';
import type { Action } from './actions.ts';
import type { DashboardDeps } from './deps.ts';
import type { Timers } from './event-collector.ts';
import type { Limits } from './model.ts';
import { counts } from './state/selectors.ts';
import { initialState, reduceAll } from './state/state.ts';
import { useCommands } from './hooks/use-commands.ts';
import { useEventStream } from './hooks/use-event-stream.ts';
import { useKeys } from './hooks/use-keys.ts';
import { useNow } from './hooks/use-now.ts';
import { DashboardView } from './view.tsx';

export interface AppProps {
  deps: DashboardDeps;
  /** false when stdin is not a terminal (raw mode would throw): the dashboard is then view-only */
  keys?: boolean;
  intervalMs?: number;
  timers?: Timers;
  limits?: Partial<Limits>;
  /** fixed size (tests, benchmarks); else the terminal's, following resizes */
  columns?: number;
  rows?: number;
}

export function App(props: AppProps) {
  const { deps } = props;
  const [state, dispatch] = useReducer(reduceAll, undefined, () => reduceAll(initialState(props.limits), [deps.seed()]));
  const send = useCallback((actions: Action[]) => { if (actions.length) dispatch(actions); }, []);
  // the collector re-checks the running rows of the latest rendered state at each flush
  const rendered = useRef(state);
  rendered.current = state;
  const shown = useCallback(() => rendered.current.data.executions.filter((e) => !isTerminal(e.state)), []);
  useEventStream({ events: deps.events, lookup: deps.execution, shown }, send, props.intervalMs, props.timers);
  const perform = useCommands(deps, send);
  const now = useNow(deps.now, counts(state).running > 0, 1000, props.timers);
  const size = useWindowSize();
  useKeys(state, send, perform, props.keys !== false);
  return <DashboardView state={state} info={deps.info} now={now} columns={props.columns ?? size.columns} rows={props.rows ?? size.rows} />;
}
