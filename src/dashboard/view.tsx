// The whole screen as a pure function of (state, terminal size, now): component tests render it
// directly; the app only adds the live data source and the keys.

/** @jsxRuntime classic */
/** @jsx React.createElement */
/** @jsxFrag React.Fragment */

import { Box } from 'ink';
import * as React from 'react';
import type { DashboardInfo } from './deps.ts';
import { ExecutionsPane } from './panes/executions-pane.tsx';
import { FlowsPane } from './panes/flows-pane.tsx';
import { Header } from './header.tsx';
import { HelpLine } from './help-line.tsx';
import { HelpOverlay } from './help-overlay.tsx';
import { InputPrompt } from './input-prompt.tsx';
import { layout } from './layout.ts';
import { LogTail } from './panes/log-tail.tsx';
import type { DashboardState } from './model.ts';
import { selectedExecution, taskTree } from './state/selectors.ts';
import { TaskTree } from './panes/task-tree.tsx';

export interface ViewProps { state: DashboardState; info: DashboardInfo; now: number; columns: number; rows: number }

export function DashboardView({ state, info, now, columns, rows }: ViewProps) {
  const execution = selectedExecution(state);
  const opened = !!state.ui.opened && execution?.id === state.ui.opened;
  const l = layout(columns, rows, opened, execution ? taskTree(execution).length : 0);
  return (
    <Box flexDirection="column" width={l.width} height={l.height}>
      <Header state={state} info={info} now={now} width={l.width} />
      <Box flexDirection="column" width={l.width} height={l.body.height}>
        {state.ui.help ? <HelpOverlay box={l.body} />
          : state.ui.prompt ? <InputPrompt prompt={state.ui.prompt} box={l.body} />
          : (
            <>
              {opened ? null : (
                <Box flexDirection="row">
                  <FlowsPane state={state} box={l.flows} />
                  <ExecutionsPane state={state} box={l.executions} now={now} />
                </Box>
              )}
              <Box flexDirection={l.sideBySide ? 'row' : 'column'}>
                <TaskTree state={state} execution={execution} box={l.tasks} now={now} />
                <LogTail state={state} execution={execution} box={l.logs} />
              </Box>
            </>
          )}
      </Box>
      <HelpLine state={state} width={l.width} />
    </Box>
  );
}
