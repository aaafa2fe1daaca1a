// The log tail of the selected execution: levels in colour, filtered by the minimum level,
// following the newest line unless the user scrolled up.

/** @jsxRuntime classic */
/** @jsx React.createElement */

import { Text } from 'ink';
import * as React from 'react';
import { LEVEL_COLORS } from '../colors.ts';
import { clockMs, fit } from '../format.ts';
import { inner, type Box } from '../layout.ts';
import type { DashboardState, ExecRow } from '../model.ts';
import { Pane } from './pane.tsx';
import { logWindow } from '../state/selectors.ts';

export function LogTail(props: { state: DashboardState; execution?: ExecRow; box: Box }) {
  const { state, execution: e } = props;
  const { width, height } = inner(props.box);
  const focused = state.ui.focus === 'logs';
  const win = e ? logWindow(state, e.id, height) : { lines: [], total: 0, scroll: 0 };
  const mode = state.ui.follow ? 'follow' : `scrolled ↑${win.scroll}`;
  const title = `Logs ≥ ${state.ui.minLevel} · ${win.total} line${win.total === 1 ? '' : 's'} · ${mode}`;
  const taskW = Math.min(16, Math.max(8, Math.floor(width * 0.15)));
  return (
    <Pane title={title} width={props.box.width} height={props.box.height} focused={focused}>
      {e && win.total === 0 ? <Text dimColor>{fit('  no log line at this level yet', width)}</Text> : null}
      {win.lines.map((l, slot) => (
        <Text key={slot} wrap="truncate-end">
          <Text dimColor>{clockMs(l.timestamp)} </Text>
          <Text color={LEVEL_COLORS[l.level]} bold={l.level === 'ERROR'}>{fit(l.level, 5)}</Text>
          <Text dimColor>{` ${fit(l.taskId ?? '', taskW)} `}</Text>
          {fit(l.message, Math.max(1, width - 12 - 1 - 5 - taskW - 2))}
        </Text>
      ))}
    </Pane>
  );
}
