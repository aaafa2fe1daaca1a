// The footer: the filter being typed, else the answer to the last action, else the key summary.

/** @jsxRuntime classic */
/** @jsx React.createElement */

import { Text } from 'ink';
import * as React from 'react';
import { fit } from './format.ts';
import type { DashboardState } from './model.ts';

const ACTIONS = 'x run  r replay  k kill  p/u pause/resume  / filter  l level  ? help  q quit';
/** the navigation keys are dropped first on narrow terminals: `?` lists them */
export const keysLine = (width: number, opened: boolean) => {
  const nav = opened ? 'Esc back  f follow  ↑↓ Tab  ' : '↑↓ move  Tab pane  ⏎ open  ';
  const full = nav + ACTIONS;
  return full.length <= width ? full : (opened ? 'Esc back  f follow  ' : '') + ACTIONS;
};

export function HelpLine(props: { state: DashboardState; width: number }) {
  const { ui } = props.state;
  if (ui.filterEditing) {
    return <Text wrap="truncate-end"><Text color="yellow" bold>/</Text>{ui.filter}<Text inverse> </Text><Text dimColor>{'  ⏎ keep  Esc clear'}</Text></Text>;
  }
  if (ui.message) {
    return <Text color={ui.message.tone === 'error' ? 'red' : 'green'} wrap="truncate-end">{fit(ui.message.text, props.width)}</Text>;
  }
  if (ui.prompt) return <Text dimColor wrap="truncate-end">{fit('↑↓/Tab field  ←→ choices  ⏎ next / run  Esc cancel', props.width)}</Text>;
  return <Text dimColor wrap="truncate-end">{fit(keysLine(props.width, !!ui.opened), props.width)}</Text>;
}
