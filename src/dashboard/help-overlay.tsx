// `?`: every key, in the body's place.

/** @jsxRuntime classic */
/** @jsx React.createElement */

import { Text } from 'ink';
import * as React from 'react';
import { fit } from './format.ts';
import type { Box } from './layout.ts';
import { Pane } from './panes/pane.tsx';

export const HELP_ROWS: [string, string][] = [
  ['↑ ↓  PgUp PgDn', 'move in the focused pane (in logs: scroll, leaving follow mode)'],
  ['Tab  ← →', 'next / previous pane'],
  ['Enter', 'flow: show its executions · execution: open it · logs: follow'],
  ['Esc', 'back: close help, prompt, filter or the opened execution'],
  ['x', 'run the selected flow (prompts for its inputs)'],
  ['r  k', 'replay / kill the selected execution'],
  ['p  u', 'pause / resume the selected execution'],
  ['/', 'filter flows and executions (id, flow, state)'],
  ['l', 'minimum log level: TRACE → DEBUG → INFO → WARN → ERROR'],
  ['f', 'toggle follow mode of the log tail'],
  ['?', 'this help'],
  ['q  Ctrl+C', 'quit (stops the server)'],
];

export function HelpOverlay(props: { box: Box }) {
  const w = props.box.width - 2;
  return (
    <Pane title="Keys" width={props.box.width} height={props.box.height} focused>
      {HELP_ROWS.slice(0, Math.max(0, props.box.height - 2)).map(([k, text]) => (
        <Text key={k} wrap="truncate-end"><Text bold color="cyan">{fit(` ${k}`, 18)}</Text>{fit(text, Math.max(1, w - 18))}</Text>
      ))}
    </Pane>
  );
}
