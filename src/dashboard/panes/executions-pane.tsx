// The live executions list: id, flow, state in Kestra's colour, start, duration, task progress.

/** @jsxRuntime classic */
/** @jsx React.createElement */

import { Text } from 'ink';
import * as React from 'react';
import { isTerminal } from '../../executions/state.ts';
import { clock, duration, fit, fitRight } from '../format.ts';
import { inner, type Box } from '../layout.ts';
import type { DashboardState, ExecRow } from '../model.ts';
import { Pane } from './pane.tsx';
import { progress, selectedExecution, visibleExecutions, windowAround } from '../state/selectors.ts';
import { StateLabel } from '../state-label.tsx';

const ID_W = 8, STATE_W = 9, START_W = 8, DUR_W = 6, PROG_W = 5;

export const execDuration = (e: Pick<ExecRow, 'start' | 'end' | 'state'>, now: number) =>
  duration((e.end ?? (isTerminal(e.state) ? e.start : now)) - e.start);

export function ExecutionsPane(props: { state: DashboardState; box: Box; now: number }) {
  const { state, now } = props;
  const { width, height } = inner(props.box);
  const focused = state.ui.focus === 'executions';
  const list = visibleExecutions(state);
  const selected = selectedExecution(state);
  const cursor = selected ? list.indexOf(selected) : 0;
  // narrow panes (80 columns) drop the start time before squeezing the flow name
  const startW = width >= 64 ? START_W : 0;
  const flowW = Math.max(6, width - (2 + ID_W + STATE_W + startW + DUR_W + PROG_W + (startW ? 5 : 4)));
  const start = (text: string) => (startW ? ` ${fit(text, startW)}` : '');
  const flowName = (e: ExecRow) => (e.namespace.length + e.flowId.length + 1 <= flowW ? `${e.namespace}.${e.flowId}` : e.flowId);
  const { items } = windowAround(list, cursor, height - 1);
  // rows are keyed by screen slot, not execution id: when new executions push the list down,
  // Ink updates the text of existing rows instead of tearing down and rebuilding layout nodes
  return (
    <Pane title={`Executions ${list.length}`} width={props.box.width} height={props.box.height} focused={focused}>
      <Text dimColor wrap="truncate-end">
        {fit(`  ${fit('id', ID_W)} ${fit('flow', flowW)} ${fit('state', STATE_W)}${start('start')} ${fitRight('dur', DUR_W)} ${fitRight('tasks', PROG_W)}`, width)}
      </Text>
      {list.length === 0 ? <Text dimColor>{fit('  no executions yet: press x on a flow', width)}</Text> : null}
      {items.map((e, slot) => {
        const isSel = e === selected;
        const p = progress(e);
        return (
          <Text key={slot} inverse={isSel && focused} bold={isSel} wrap="truncate-end">
            {`${isSel ? '›' : ' '} ${fit(e.id, ID_W)} ${fit(flowName(e), flowW)} `}
            <StateLabel state={e.state} width={STATE_W} />
            {`${start(clock(e.start))} ${fitRight(execDuration(e, now), DUR_W)} ${fitRight(`${p.done}/${p.total}`, PROG_W)}`}
          </Text>
        );
      })}
    </Pane>
  );
}
