// The selected execution's task runs as a tree (children indented under flowable parents) with
// state, attempts, duration and a text Gantt bar on the execution's time axis.

/** @jsxRuntime classic */
/** @jsx React.createElement */

import { Text } from 'ink';
import * as React from 'react';
import { isTerminal } from '../../executions/state.ts';
import { STATE_COLORS } from '../colors.ts';
import { duration, fit, fitRight } from '../format.ts';
import { ganttBar } from '../gantt.ts';
import { inner, type Box } from '../layout.ts';
import type { DashboardState, ExecRow } from '../model.ts';
import { Pane } from './pane.tsx';
import { taskTree, windowAround } from '../state/selectors.ts';
import { StateLabel } from '../state-label.tsx';

export function TaskTree(props: { state: DashboardState; execution?: ExecRow; box: Box; now: number }) {
  const { state, execution: e, now } = props;
  const { width, height } = inner(props.box);
  const focused = state.ui.focus === 'tasks';
  const title = e ? `Task runs · ${e.id} · ${e.namespace}.${e.flowId}` : 'Task runs';
  if (!e) {
    return <Pane title={title} width={props.box.width} height={props.box.height} focused={focused}><Text dimColor>{fit('  select an execution', width)}</Text></Pane>;
  }
  const rows = taskTree(e);
  const cursor = Math.min(state.ui.taskCursor, Math.max(0, rows.length - 1));
  const { items, offset } = windowAround(rows, cursor, height);
  const taskW = Math.max(12, Math.min(30, Math.floor(width * 0.3)));
  const ganttW = Math.max(0, width - (2 + taskW + 1 + 9 + 1 + 3 + 1 + 7 + 1));
  const t1 = e.end ?? (isTerminal(e.state) ? e.start : now);
  return (
    <Pane title={title} width={props.box.width} height={props.box.height} focused={focused}>
      {rows.length === 0 ? <Text dimColor>{fit('  no task run yet', width)}</Text> : null}
      {items.map(({ task, depth }, i) => {
        const isSel = focused && offset + i === cursor;
        const label = `${'  '.repeat(depth)}${task.taskId}${task.value !== undefined ? ` [${task.value}]` : ''}`;
        const end = task.end ?? (isTerminal(task.state) ? task.start : now);
        const g = ganttBar(task.start, task.end, e.start, t1, ganttW);
        return (
          <Text key={i} inverse={isSel} wrap="truncate-end">
            {`${isSel ? '›' : ' '} ${fit(label, taskW)} `}
            <StateLabel state={task.state} />
            {` ${fitRight(task.attempts > 1 ? `×${task.attempts}` : '', 3)} ${fitRight(duration(end - task.start), 7)} `}
            <Text dimColor>{'·'.repeat(g.before)}</Text>
            <Text color={STATE_COLORS[task.state]}>{'█'.repeat(g.bar)}</Text>
            <Text dimColor>{'·'.repeat(g.after)}</Text>
          </Text>
        );
      })}
    </Pane>
  );
}
